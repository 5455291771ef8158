import * as path from 'node:path';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { startJest, stopLiveJests, waitFor } from '../helpers/jest-process';
import { killAll, processesWith } from '../helpers/processes';
import { createProject, type Project } from '../helpers/project';

/**
 * SIGINT or SIGTERM to the Jest process in the middle of a run: every stdio server that the
 * workers' environments started must be gone soon after, though the tests never finished.
 */
afterEach(stopLiveJests);

function hangingProject(): Project {
  const project = createProject({});
  const server = (tag: string) => node(CORE_STDIO, tag, path.join(project.dir, 'events.log'), project.marker);
  project.writeConfig({
    preset: 'jest-mcp',
    testTimeout: 120000,
    testEnvironmentOptions: { mcp: { clients: { a: server('a'), b: server('b') } } },
  });
  for (const n of [1, 2]) {
    project.write(
      `hang${n}.test.js`,
      `test('hangs', async () => { await mcpClients.a.ping(); await new Promise((r) => setTimeout(r, 100000)); });`,
    );
  }
  return project;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to Jest mid-run leaves no server process`, async () => {
    const project = hangingProject();
    try {
      const jest = startJest(project.dir, { args: ['--maxWorkers=2'] });
      // Two files on two workers, two servers each.
      await waitFor('four servers to start', () => project.lines('events.log').filter((l) => l.startsWith('start ')).length >= 4, 30_000);
      expect(processesWith(project.marker).length).toBeGreaterThanOrEqual(4);
      process.kill(jest.pid, signal);
      await jest.exited(20_000);
      await waitFor('every server to be gone', () => processesWith(project.marker).length === 0, 5_000);
    } finally {
      killAll(processesWith(project.marker));
      project.remove();
    }
  });
}
