import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CoverageSummary } from '../../src/coverage/summary';
import { expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING_HTTP } from '../helpers/conformance';
import { type ListeningServer, startListening } from '../helpers/fixtures';
import { installFresh, installedVersion, packTarball, packWorkspace, run } from '../helpers/pack';
import { CHECKS_FILES } from '../helpers/vitest-checks-project';

/**
 * The whole-server checks of jest-mcp/vitest from the packed tarball, on Vitest 3.2 and 4:
 * describeConformance on server-everything (its known failures as test.fails), the MCP coverage
 * table, its JSON file and threshold (a run that meets it passes, one that does not fails with
 * every test passed, on the threads pool), and contract and result snapshots through jest-mcp's
 * serializer.
 */

const WORKSPACE = packWorkspace();
const SECRET = `vitest-checks-${randomUUID().slice(0, 8)}`;
const marker = `jmcp-vitest-checks-${randomUUID().slice(0, 8)}`;
const VARIANTS = [
  { major: 3, vitest: 'vitest@~3.2.0' },
  { major: 4, vitest: 'vitest@4' },
];

let tarball: string;
let every: ListeningServer;

beforeAll(async () => {
  [tarball, every] = await Promise.all([packTarball(WORKSPACE.tmp), startListening(EVERYTHING_HTTP, [marker])]);
}, 240_000);

afterAll(async () => {
  await every?.stop();
  WORKSPACE.remove();
});

/** Each test's full name and status, from Vitest's JSON reporter. */
function testsOf(file: string): Record<string, string> {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
  };
  return Object.fromEntries(report.testResults.flatMap((r) => r.assertionResults.map((a) => [a.fullName, a.status])));
}

describe.each(VARIANTS)('Vitest $major', ({ major, vitest }) => {
  let dir: string;
  const vitestRun = (args: string[], env: Record<string, string> = {}) =>
    run('npx', ['vitest', 'run', ...args], dir, 120_000, { EVERY_URL: `http://127.0.0.1:${every.port}/mcp`, TOKEN: SECRET, ...env });

  beforeAll(async () => {
    ({ dir } = await installFresh(WORKSPACE.tmp, `vitest-checks${major}`, tarball, [vitest, '@modelcontextprotocol/sdk@1'], CHECKS_FILES));
    expect(installedVersion(dir, 'vitest')).toMatch(major === 3 ? /^3\.2\./ : /^4\./);
  }, 300_000);

  afterEach(() => expectNoLeftovers({ marker, dir }, { except: [every.server] }));

  test('conformance, the coverage table and file, snapshots written; then a threshold not met fails a run whose tests pass', async () => {
    const first = await vitestRun(['-u']);
    expect(first.output).toMatch(/Test Files\s+2 passed/);
    expect(first.code).toBe(0);
    // One test per check, known failures passing as test.fails, and the skipped ones saying why.
    const tests = testsOf(path.join(dir, 'vitest-report.json'));
    expect(tests).toMatchObject({
      'MCP conformance: every tools/name-valid: echo': 'passed',
      'MCP conformance: every errors/unknown-method': 'passed',
      'MCP conformance: every http/dns-rebinding-host (known failure: in expectedFailures; remove it there once fixed)': 'passed',
      'MCP conformance: every prompts/gettable: args-prompt (skipped: the prompt has required arguments)': 'skipped',
    });
    expect(Object.values(tests).filter((status) => status === 'failed')).toEqual([]);
    // The suite's probes are not tests of tools: only the echo the contract file called counts.
    expect(first.output).toMatch(/MCP coverage \| Tools/);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'mcp-coverage.json'), 'utf8')) as CoverageSummary;
    expect(summary.clients.every.tools.called).toEqual(['echo']);
    expect(summary.clients.every.tools.listed).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    expect(first.output).toMatch(/every\s+\|\s+1\/\d+ /);

    const snapshots = fs.readFileSync(path.join(dir, 't', '__snapshots__', 'contract.test.mjs.snap'), 'utf8');
    expect(snapshots).toMatch(/"get-sum": \{/);
    expect(snapshots).toContain('"text": "Echo: [secret]"');
    expect(snapshots).not.toContain(SECRET);

    // On the threads pool: the workers are this process's threads, the records reach the reporter the same way.
    const strict = await vitestRun(['t/contract.test.mjs', '-c', 'vitest.strict.config.mjs', '--pool', 'threads']);
    expect(strict.output).toMatch(/Tests\s+2 passed/);
    expect(strict.output).toMatch(/the threshold is not met:\n\s+every: tools 1\/\d+ \([\d.]+%\) is below 100%; never called: /);
    expect(strict.output).not.toContain(SECRET);
    expect(strict.code).toBe(1);
  }, 240_000);

  test('a conformance baseline: written from the failures, then they run as test.fails', async () => {
    const write = await vitestRun(['-c', 'vitest.baseline.config.mjs'], { JEST_MCP_CONFORMANCE_BASELINE: 'write' });
    expect(write.output).toMatch(/wrote 2 known failure\(s\) of every to .*conformance-baseline\.json/);
    expect(write.code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'conformance-baseline.json'), 'utf8')) as unknown;
    expect(baseline).toEqual({ every: ['http/dns-rebinding-host', 'http/dns-rebinding-origin'] });
    const again = await vitestRun(['-c', 'vitest.baseline.config.mjs']);
    expect(again.output).toMatch(/Test Files\s+1 passed/);
    expect(again.code).toBe(0);
  }, 120_000);
});
