import * as path from 'node:path';
import { expectCleanExit } from '../helpers/checks';
import { runCommand, type JestRun } from '../helpers/jest-process';
import { processesWith } from '../helpers/processes';
import { REPO } from '../helpers/project';

/**
 * The README's first command, as CI runs it: the examples project installs the freshly built
 * package (a packed copy, not a link) and runs its suites against the bundled notes server,
 * started by `mcp.servers`, and server-everything, in both protocol eras (`withProtocolMatrix`).
 * Green, exits by itself, leaves no server.
 */
const EXAMPLES = path.join(REPO, 'examples');

function npm(args: string[], timeoutMs: number): Promise<JestRun> {
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true', JEST_WORKER_ID: undefined };
  return runCommand('npm', ['--prefix', EXAMPLES, ...args], REPO, env, timeoutMs);
}

test('npm run example: every example suite passes against the real servers', async () => {
  const setup = await npm(['run', 'setup'], 300_000);
  expect(setup.code).toBe(0);
  const run = await npm(['test'], 300_000);
  expect(run.output).toMatch(/Test Suites:\s+\d+ passed, \d+ total/);
  expect(run.output).not.toMatch(/failed/);
  // The suites run as a protocol matrix: each file in the 2025 era and in 2026-07-28.
  expect(run.output).toMatch(/PASS mcp legacy tests\/notes-crud\.test\.ts/);
  expect(run.output).toMatch(/PASS mcp 2026-07-28 tests\/notes-crud\.test\.ts/);
  // The MCP coverage reporter's table, with the notes server held to 100% (the conformance file's probes not counted).
  expect(run.output).toMatch(
    /servers\.notes \(admin, alice, bob, charlie, diana, inline\) +\| 8\/8 \(100%\) +\| 1\/1 \(100%\) +\| 1\/1 \(100%\)/,
  );
  expect(run.output).not.toContain('the threshold is not met');
  expect(run.output).toMatch(/PASS mcp 2026-07-28 tests\/conformance\.test\.ts/);
  expect(run.code).toBe(0);
  expectCleanExit(run);
  expect(processesWith(path.join('server', 'dist', 'http.js'))).toEqual([]);
}, 600_000);
