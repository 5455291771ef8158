import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CATALOG } from '../helpers/fixtures';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, installedVersion, packTarball, packWorkspace, run } from '../helpers/pack';
import type { CoverageSummary } from '../../src/coverage/summary';

/**
 * The coverage reporter as a user installs it: the packed tarball in a fresh project on Jest 29.7
 * (Jest 30 is coverage.test.ts), `jest-mcp/reporter` through the package's exports, the records
 * handed from two workers (and in band) to the main process, and the `jest-mcp-coverage` bin that
 * npm links, merging two shards.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-covpack-${randomUUID().slice(0, 8)}`;
let dir: string;
const runs: JestRun[] = [];

const runJest29 = async (args: string[]) => {
  const result = await run('node', ['node_modules/jest/bin/jest.js', '--ci', ...args], dir, 120_000);
  runs.push(result);
  return result;
};
const summary = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CoverageSummary;

beforeAll(async () => {
  const tarball = await packTarball(WORKSPACE.tmp);
  const client = { command: process.execPath, args: [CATALOG, TAG] };
  ({ dir } = await installFresh(
    WORKSPACE.tmp,
    'coverage-jest29',
    tarball,
    ['jest@29.7', 'jest-environment-node@29.7', '@modelcontextprotocol/sdk@1'],
    {
      'jest.config.js': `module.exports = ${JSON.stringify({
        preset: 'jest-mcp',
        reporters: ['default', ['jest-mcp/reporter', { outputFile: 'out/{shard}.json', threshold: { tools: 50 } }]],
        testEnvironmentOptions: { mcp: { clients: { cat: client } } },
      })};\n`,
      'add.test.js': `test('add', async () => { await mcpClients.cat.callTool({ name: 'add', arguments: { a: 1, b: 2 } }); });`,
      'echo.test.js': `test('echo', async () => { await mcpClients.cat.callTool({ name: 'echo', arguments: { text: 'x' } }); });`,
    },
  ));
}, 600_000);

afterAll(() => WORKSPACE.remove());

test('on Jest 29.7, two workers and in band: the main process gets every file, the threshold fails the run', async () => {
  expect(installedVersion(dir, 'jest')).toMatch(/^29\.7\./);
  for (const args of [['--maxWorkers=2'], ['--runInBand']]) {
    const result = await runJest29(args);
    expect(result.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(result.stderr).toMatch(/^cat +\| 2\/5 \(40%\)/m);
    expect(result.stderr).toContain('cat: tools 2/5 (40%) is below 50%; never called: archive, fail, purge');
    expect(result.code).toBe(1);
    expect(summary('out/all.json').clients.cat.tools.called).toEqual(['add', 'echo']);
  }
});

test('the jest-mcp-coverage bin merges the shards, and their threshold', async () => {
  for (const n of [1, 2]) expect((await runJest29([`--shard=${n}/2`])).code).toBe(0);
  expect(summary('out/shard-1-of-2.json').clients.cat.tools.called).toHaveLength(1);
  const merged = await run(
    'npx',
    ['jest-mcp-coverage', 'merge', 'out/shard-1-of-2.json', 'out/shard-2-of-2.json', '--threshold', 'tools=50'],
    dir,
    60_000,
  );
  expect(merged.stderr).toContain('cat: tools 2/5 (40%) is below 50%');
  expect(merged.code).toBe(1);
  for (const result of runs) expectCleanExit(result);
  expectNoLeftovers({ marker: TAG });
});
