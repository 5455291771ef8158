import * as fs from 'node:fs';
import * as path from 'node:path';
import { startJest, stopLiveJests } from '../helpers/jest-process';
import { createProject, processesWith, type Project } from '../helpers/project';

/**
 * SIGINT or SIGTERM to the Jest process in the middle of a run: every stdio server that the
 * workers' environments started must be gone soon after, though the tests never finished.
 */
const SERVER = require.resolve('../servers/core-stdio.js');

afterEach(stopLiveJests);

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

function hangingProject(): { project: Project; log: string } {
  const project = createProject({});
  const log = path.join(project.dir, 'events.log');
  project.write(
    'jest.config.js',
    `module.exports = { preset: 'jest-mcp', testTimeout: 120000, testEnvironmentOptions: { mcp: { clients: {
      a: { command: process.execPath, args: ${JSON.stringify([SERVER, 'a', log, project.marker])} },
      b: { command: process.execPath, args: ${JSON.stringify([SERVER, 'b', log, project.marker])} },
    } } } };`,
  );
  for (const n of [1, 2]) {
    project.write(`hang${n}.test.js`, `test('hangs', async () => { await mcpClients.a.ping(); await new Promise((r) => setTimeout(r, 100000)); });`);
  }
  return { project, log };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to Jest mid-run leaves no server process`, async () => {
    const { project, log } = hangingProject();
    try {
      const jest = startJest(project.dir, { args: ['--maxWorkers=2'] });
      // Two files on two workers, two servers each.
      const started = await until(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').split('start').length - 1 >= 4, 30_000);
      expect(started).toBe(true);
      expect(processesWith(project.marker).length).toBeGreaterThanOrEqual(4);
      process.kill(jest.pid, signal);
      await jest.exited(20_000);
      expect(await until(() => processesWith(project.marker).length === 0, 5_000)).toBe(true);
    } finally {
      for (const p of processesWith(project.marker)) process.kill(p.pid, 'SIGKILL');
      project.remove();
    }
  });
}
