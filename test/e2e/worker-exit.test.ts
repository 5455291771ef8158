import { fork } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../helpers/project';

/**
 * A jest-mcp worker ends as soon as its event loop is empty, without Node's environment teardown
 * (which made Jest report "failed to exit gracefully" under load; `npm run bench:exit` measures
 * it). What must not change: the exit code, and every other exit listener still runs.
 */
const PROMPT_EXIT = path.join(REPO, 'dist/process/prompt-exit.js');

/** Runs a child as Jest runs a worker (a fork with IPC) and collects what it printed and how it ended. */
function runChild(source: string, env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = fork('-e', [source], { env: { ...process.env, ...env }, silent: true, execArgv: [] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    // Like jest-worker: stop listening, so the IPC channel no longer keeps the child alive.
    child.on('message', () => {});
    child.once('exit', (code) => resolve({ code, out }));
    child.disconnect();
  });
}

const CHILD = `
  const fs = require('node:fs');
  process.on('exit', () => fs.writeSync(1, 'before ran\\n'));
  require(${JSON.stringify(PROMPT_EXIT)}).exitPromptlyWhenDone();
  process.on('exit', (code) => fs.writeSync(1, 'after ran with ' + code + '\\n'));
  fs.writeSync(1, 'listeners ' + process.listeners('exit').length + '\\n');
  process.exitCode = 3;
`;

test('in a Jest worker: the exit code is kept, and listeners added before and after still run', async () => {
  const { code, out } = await runChild(CHILD, { JEST_WORKER_ID: '1' });
  expect(out).toBe('listeners 3\nbefore ran\nafter ran with 3\n');
  expect(code).toBe(3);
});

test("outside a Jest worker it does nothing: Node's own exit", async () => {
  const { code, out } = await runChild(CHILD, { JEST_WORKER_ID: undefined });
  expect(out).toBe('listeners 2\nbefore ran\nafter ran with 3\n');
  expect(code).toBe(3);
});
