import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit } from '../helpers/checks';
import { RUN_HTTP, node, serverLog } from '../helpers/fixtures';
import { hasScript, startJest, stopLiveJests, waitFor } from '../helpers/jest-process';
import { processesIn, processesWith } from '../helpers/processes';
import { createProject, type Project } from '../helpers/project';

/**
 * Servers started for the run never outlive Jest: not when Jest is interrupted (SIGINT) in the
 * middle of a run, not in watch mode, where they stay up between runs (the global setup runs
 * again and reuses them; the global teardown leaves them) and stop when watch mode ends, by a
 * signal or by quitting with `q`.
 */
function serverProject(files: Record<string, string>): Project {
  const project = createProject(files);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: { notes: node(RUN_HTTP, '--port', '${PORT}', project.marker) },
        clients: { notes: { server: 'notes' } },
      },
    },
  });
  return project;
}

/** A test that records which server process answered, one line per run. */
const WHOAMI_TEST = `
  test('asks the server who it is', async () => {
    const r = await mcpClients.notes.callTool({ name: 'whoami', arguments: {} });
    require('fs').appendFileSync(__dirname + '/runs', r.content[0].text + '\\n');
  });
`;

const projects: Project[] = [];
afterEach(stopLiveJests);
afterAll(() => projects.forEach((p) => p.remove()));

const runs = (project: Project) => project.lines('runs').map((l) => JSON.parse(l) as { pid: number; sessionsOpened: number });

test('SIGINT to Jest in the middle of a run stops the servers and leaves nothing behind', async () => {
  // Each file signals that it is running, then waits (with its session open) until its server is gone.
  const waiting = (name: string) => `
    test('${name} waits', async () => {
      await mcpClients.notes.ping();
      require('fs').writeFileSync(__dirname + '/started-${name}', '');
      const deadline = Date.now() + 20000;
      while (Date.now() < deadline) {
        try { await mcpClients.notes.ping(); } catch { return; }
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 30000);
  `;
  const project = serverProject({ 'a.test.js': waiting('a'), 'b.test.js': waiting('b') });
  projects.push(project);
  const jest = startJest(project.dir, { args: ['--ci', '--maxWorkers=2'] });
  await waitFor('both test files to run', () => ['a', 'b'].every((f) => fs.existsSync(path.join(project.dir, `started-${f}`))));
  expect(processesWith(project.marker)).toHaveLength(1);

  process.kill(jest.pid, 'SIGINT');
  const run = await jest.exited(10_000);
  expect(run.signal).toBe('SIGINT');
  // The server got SIGTERM (and time to exit), not an abrupt SIGKILL.
  expect(processesWith(project.marker)).toEqual([]);
  expect(serverLog(project, 'notes')).toContain('got SIGTERM, exiting');
  // Jest's workers, left without their parent, end once their test sees the server gone.
  await waitFor('the orphaned workers to end', () => processesIn(project.dir).length === 0, 15_000);
});

test('watch mode: servers stay up between runs, are reused, and stop when Jest is interrupted', async () => {
  const project = serverProject({ 'a.test.js': WHOAMI_TEST });
  projects.push(project);
  const jest = startJest(project.dir, { args: ['--watchAll'] });
  await waitFor('the first run', () => runs(project).length === 1 && /Tests:/.test(jest.output()));
  // The global teardown ran, and left the server up for the next run.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(processesWith(project.marker)).toHaveLength(1);

  project.write('a.test.js', `${WHOAMI_TEST}\n// changed`);
  await waitFor('the second run', () => runs(project).length === 2, 30_000);
  const [first, second] = runs(project);
  expect(second.pid).toBe(first.pid);
  expect(second.sessionsOpened).toBe(first.sessionsOpened + 1);
  expect(serverLog(project, 'notes').filter((l) => l.startsWith('listening on'))).toHaveLength(1);

  process.kill(jest.pid, 'SIGINT');
  const run = await jest.exited(10_000);
  expect(run.signal).toBe('SIGINT');
  expect(processesWith(project.marker)).toEqual([]);
  expect(serverLog(project, 'notes')).toContain('got SIGTERM, exiting');
  await waitFor('Jest and its workers to be gone', () => processesIn(project.dir).length === 0, 10_000);
});

(hasScript() ? test : test.skip)('watch mode: quitting with q stops the servers, and Jest exits by itself', async () => {
  const project = serverProject({ 'a.test.js': WHOAMI_TEST });
  projects.push(project);
  const jest = startJest(project.dir, { args: ['--watchAll'], tty: true });
  await waitFor('the first run', () => runs(project).length === 1 && /Watch Usage/.test(jest.output()));
  expect(processesWith(project.marker)).toHaveLength(1);

  jest.type('q');
  const run = await jest.exited(10_000);
  expect(run.code).toBe(0);
  expectCleanExit(run);
  expect(processesWith(project.marker)).toEqual([]);
  expect(serverLog(project, 'notes')).toContain('got SIGTERM, exiting');
  await waitFor('Jest and its workers to be gone', () => processesIn(project.dir).length === 0, 10_000);
});
