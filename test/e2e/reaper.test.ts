import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, RUN_HTTP, STUBBORN } from '../helpers/fixtures';
import { runJest, startJest, stopLiveJests, waitFor } from '../helpers/jest-process';
import { killAll, processesWith, type ProcessInfo } from '../helpers/processes';
import { createProject, type Project } from '../helpers/project';
import { installFresh, packTarball, packWorkspace } from '../helpers/pack';

/**
 * Nothing jest-mcp started outlives Jest, however Jest ends: SIGKILL to its main process (an OOM
 * kill, a CI runner's timeout) while run-wide servers are up, SIGKILL to a worker while a stdio
 * server is open, or a normal run. Each server here is started through `sh -c` beside a helper
 * that ignores SIGTERM and the end of its stdin and that has started a daemon in a session of its
 * own (setsid), outside the server's process group: what a group signal alone misses.
 */

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** `sh -c`: the stubborn helper (and its setsid daemon) in the background, then `server`. */
function wrapped(marker: string, ...server: string[]): { command: string; args: string[] } {
  const node = quote(process.execPath);
  const helper = `${node} ${quote(STUBBORN)} ${marker} --detach-child >/dev/null 2>&1 &`;
  return { command: 'sh', args: ['-c', `${helper} ${node} ${server.map(quote).join(' ')} ${marker}`] };
}

/** The reaper processes whose owner is `pid`. */
function reapersOf(pid: number): ProcessInfo[] {
  return processesWith('reaper-main.js').filter(({ cmdline }) => cmdline.trim().endsWith(` ${pid}`));
}

/**
 * A test that writes its worker's pid to `ready-<name>` once its client is open, then waits until
 * the client's server is gone (so that its worker, orphaned, can end), or without a client, ends.
 */
const WAITS = (name: string, client?: string) => `
  /** @mcp-clients ${client ?? ''} */
  test('${name} waits', async () => {
    ${client ? `await mcpClients.${client}.ping();` : ''}
    require('fs').writeFileSync(__dirname + '/ready-${name}', String(process.pid));
    const deadline = Date.now() + ${client ? 60000 : 0};
    while (Date.now() < deadline) {
      try { await mcpClients.${client}.ping(); } catch { return; }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 90000);
`;

const projects: Project[] = [];
afterEach(async () => {
  await stopLiveJests();
  for (const project of projects.splice(0)) {
    killAll(processesWith(project.marker));
    project.remove();
  }
});

function project(files: Record<string, string>): Project {
  const created = createProject(files);
  projects.push(created);
  return created;
}

const readyPid = (p: Project, name: string) => Number(fs.readFileSync(path.join(p.dir, `ready-${name}`), 'utf8'));

test("SIGKILL to Jest's main process: the run-wide servers, their wrappers' children and their daemons are stopped", async () => {
  const p = project({ 'a.test.js': WAITS('a', 'notes'), 'b.test.js': WAITS('b') });
  p.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: { servers: { notes: wrapped(p.marker, RUN_HTTP, '--port', '${PORT}') }, clients: { notes: { server: 'notes' } } },
    },
  });
  const jest = startJest(p.dir, { args: ['--ci', '--maxWorkers=2'] });
  await waitFor(
    'both files to run',
    () => fs.existsSync(path.join(p.dir, 'ready-a')) && fs.existsSync(path.join(p.dir, 'ready-b')),
    60_000,
  );
  // sh, the server, the helper and its daemon; the daemon in a session of its own.
  await waitFor('the daemon to start', () => processesWith(p.marker).length === 4, 10_000);

  process.kill(jest.pid, 'SIGKILL');
  const killed = Date.now();
  await waitFor('every process the server started to be gone', () => processesWith(p.marker).length === 0, 10_000);
  expect(Date.now() - killed).toBeLessThan(8_000);
  await waitFor('the reaper to be gone', () => reapersOf(jest.pid).length === 0, 5_000);
  // Jest's workers, left without their parent, end by themselves.
  await waitFor('the workers to be gone', () => expectNoLeftoversOk(p), 15_000);
});

test('SIGKILL to a worker: its stdio server, a group member that ignores EOF and a setsid daemon are stopped', async () => {
  const p = project({ 'a.test.js': WAITS('a', 'stubborn'), 'b.test.js': WAITS('b') });
  p.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { stubborn: wrapped(p.marker, CORE_STDIO, 'stubborn', '-') } } },
  });
  const jest = startJest(p.dir, { args: ['--ci', '--maxWorkers=2'] });
  await waitFor('file a to run', () => fs.existsSync(path.join(p.dir, 'ready-a')), 60_000);
  // sh, the server, the helper and its daemon.
  await waitFor('the daemon to start', () => processesWith(p.marker).length === 4, 10_000);
  const started = processesWith(p.marker).map(({ pid }) => pid);
  const worker = readyPid(p, 'a');

  process.kill(worker, 'SIGKILL');
  const killed = Date.now();
  await waitFor(
    'every process of its server to be gone',
    () => started.every((pid) => !fs.existsSync(`/proc/${pid}`) || isZombie(pid)),
    10_000,
  );
  expect(Date.now() - killed).toBeLessThan(8_000);
  await waitFor('the reaper to be gone', () => reapersOf(worker).length === 0, 5_000);
  // Jest reports the worker's death as the file's failure, and ends by itself.
  const run = await jest.exited(30_000);
  expect(run.output).toMatch(/FAIL .*a\.test\.js/);
  await waitFor('nothing of the project to be left', () => expectNoLeftoversOk(p), 15_000);
});

test('a normal run: the reapers watch while it runs and end with Jest, which exits by itself with nothing left', async () => {
  // Each file records the reapers of its worker and of Jest's main process.
  const RECORDS = (name: string, client: string) => `
    const fs = require('fs');
    const reapers = (owner) => fs.readdirSync('/proc').filter((e) => /^\\d+$/.test(e)).filter((pid) => {
      try {
        const cmd = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0');
        return cmd.some((a) => a.endsWith('reaper-main.js')) && cmd.includes(String(owner));
      } catch { return false; }
    }).map(Number);
    test('${name}', async () => {
      await mcpClients.${client}.ping();
      fs.writeFileSync(__dirname + '/reapers-${name}', JSON.stringify({ worker: reapers(process.pid), main: reapers(process.ppid) }));
    });
  `;
  const p = project({ 'a.test.js': RECORDS('a', 'notes'), 'b.test.js': RECORDS('b', 'stubborn') });
  p.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: { notes: { ...wrapped(p.marker, RUN_HTTP, '--port', '${PORT}'), stopTimeout: 1 } },
        clients: {
          notes: { server: 'notes' },
          stubborn: { ...wrapped(p.marker, CORE_STDIO, 'stubborn', '-'), timeouts: { close: 3 } },
        },
      },
    },
  });
  const run = await runJest(p.dir, { args: ['--maxWorkers=2'] });
  expect(run.code).toBe(0);
  expectCleanExit(run);
  const [a, b] = ['a', 'b'].map((name) => JSON.parse(p.lines(`reapers-${name}`)[0]) as { worker: number[]; main: number[] });
  // One in Jest's main process (it started the server), one in the worker that opened the stdio
  // client (and none in a worker that opened only HTTP clients, if a ran in a worker of its own).
  expect([a.main.length, b.main.length, b.worker.length]).toEqual([1, 1, 1]);
  const reapers = [...a.main, ...a.worker, ...b.worker];
  await waitFor('the reapers to end with their owners', () => reapers.every((pid) => !fs.existsSync(`/proc/${pid}`)), 3_000);
  // The helpers and their daemons too: the normal stop finds what left the group.
  expectNoLeftovers(p);
});

test("installed from the npm tarball: SIGKILL to Jest's main process still stops the run-wide servers", async () => {
  // The reaper is a script of its own in dist/: the package must ship it, and find it there.
  const workspace = packWorkspace();
  const marker = `jmcp-packed-${process.pid}`;
  try {
    const tarball = await packTarball(workspace.tmp);
    const config = {
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: { servers: { notes: wrapped(marker, RUN_HTTP, '--port', '${PORT}') }, clients: { notes: { server: 'notes' } } },
      },
    };
    const { dir } = await installFresh(workspace.tmp, 'reaper', tarball, ['jest@30', '@modelcontextprotocol/sdk@1'], {
      'jest.config.js': `module.exports = ${JSON.stringify(config)};\n`,
      'a.test.js': WAITS('a', 'notes'),
    });
    const jest = startJest(dir, { args: ['--ci'] });
    await waitFor('the file to run', () => fs.existsSync(path.join(dir, 'ready-a')), 90_000);
    await waitFor('the daemon to start', () => processesWith(marker).length === 4, 10_000);
    expect(reapersOf(jest.pid).map(({ cmdline }) => cmdline)).toEqual([
      expect.stringContaining('/node_modules/jest-mcp/dist/process/reaper-main.js'),
    ]);

    process.kill(jest.pid, 'SIGKILL');
    await waitFor('every process the server started to be gone', () => processesWith(marker).length === 0, 10_000);
  } finally {
    killAll(processesWith(marker));
    workspace.remove();
  }
});

function isZombie(pid: number): boolean {
  try {
    return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/, ''));
  } catch {
    return true;
  }
}

function expectNoLeftoversOk(p: Project): boolean {
  try {
    expectNoLeftovers(p);
    return true;
  } catch {
    return false;
  }
}
