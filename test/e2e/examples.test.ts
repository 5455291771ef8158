import * as fs from 'node:fs';
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
  // Jest's own coverage of the notes server's TypeScript: the run-wide HTTP server and the stdio server ran it.
  expect(run.output).toMatch(/^ *notes-server\.ts *\| *[1-9]/m);
  expect(run.output).toMatch(/^ *http\.ts *\| *[1-9]/m);
  expect(run.output).toMatch(/PASS mcp 2026-07-28 tests\/conformance\.test\.ts/);
  // alice, bob, charlie and diana sign in through the authorization code flow once per run, not
  // per file, worker or protocol era: one code grant each, as the test authorization server logged them.
  const tokenLog = fs.readFileSync(path.join(EXAMPLES, '.jest-mcp', 'logs', 'auth-main.log'), 'utf8');
  const codeGrants = tokenLog.split('\n').filter((line) => /grant_type=authorization_code .*issued$/.test(line));
  expect(codeGrants.map((line) => /user=(\w+)/.exec(line)?.[1]).sort()).toEqual(['alice', 'bob', 'charlie', 'diana']);
  expect(run.code).toBe(0);
  expectCleanExit(run);
  expect(processesWith(path.join('server', 'dist', 'http.js'))).toEqual([]);
  // The README's second command, `npm test`, lints next: what the run wrote (coverage/mcp.json, mcp.html) must not fail Prettier.
  const prettier = await runCommand(
    process.execPath,
    [path.join(REPO, 'node_modules/prettier/bin/prettier.cjs'), '--check', 'examples'],
    REPO,
    process.env,
    60_000,
  );
  expect(prettier.output).not.toMatch(/\[warn\]/);
  expect(prettier.code).toBe(0);
}, 600_000);

test('npm run example, then: the Vitest example passes against the same notes server, with conformance and the coverage table', async () => {
  // After the test above, which installed the examples project and built its server (server/dist/).
  const vitestNpm = (args: string[]) =>
    runCommand(
      'npm',
      ['--prefix', path.join(EXAMPLES, 'vitest'), ...args],
      REPO,
      { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true', JEST_WORKER_ID: undefined },
      300_000,
    );
  const setup = await vitestNpm(['run', 'setup']);
  expect(setup.code).toBe(0);
  const run = await vitestNpm(['test']);
  expect(run.output).toMatch(/Test Files\s+3 passed \(3\)/);
  expect(run.output).toMatch(/servers\.notes \(admin, alice, bob\) +\| 5\/8 \(62\.5%\) +\| 1\/1 \(100%\) +\| 1\/1 \(100%\)/);
  expect(run.output).not.toContain('the threshold is not met');
  expect(run.code).toBe(0);
  expect(processesWith(path.join('server', 'dist', 'http.js'))).toEqual([]);
}, 600_000);
