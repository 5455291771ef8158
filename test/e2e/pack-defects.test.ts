import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_HTTP, CORE_STDIO, startListening, type ListeningServer } from '../helpers/fixtures';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, packTarball, packWorkspace, readReport, run } from '../helpers/pack';

/**
 * The fault probe's cases, from the packed tarball on Jest 30 and Jest 29.7 (whose circus starts
 * `test.concurrent` tests before their own test_start): per-test sessions with test.concurrent,
 * a close that fails without losing the file's results (console and --json), and McpError after
 * jest.resetModules() on SDK 1.x.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-packdef-${randomUUID().slice(0, 8)}`;
const VARIANTS = [
  { name: 'jest30', deps: ['jest@30', '@modelcontextprotocol/sdk@1'] },
  { name: 'jest29', deps: ['jest@29.7', 'jest-environment-node@29.7', '@modelcontextprotocol/sdk@1'] },
];

let server: ListeningServer;
const runs = new Map<string, { dir: string; jest: JestRun }>();

function files(port: number): Record<string, string> {
  return {
    'jest.config.js': `module.exports = {
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          timeouts: { close: 1 },
          clients: {
            fresh: { command: process.execPath, args: [${JSON.stringify(CORE_STDIO)}, 'fresh', '-', '${TAG}'], session: 'test' },
            hang: { url: 'http://127.0.0.1:${port}/hang-delete/mcp' },
            plain: { command: process.execPath, args: [${JSON.stringify(CORE_STDIO)}, 'plain', '-', '${TAG}'] },
          },
        },
      },
    };`,
    'concurrent.test.js': `/** @mcp-clients fresh */
      const seen = [];
      for (const n of [1, 2, 3]) {
        test.concurrent('concurrent ' + n, async () => {
          const me = JSON.parse((await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} })).content[0].text).pid;
          await new Promise((resolve) => setTimeout(resolve, 50));
          const again = JSON.parse((await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} })).content[0].text).pid;
          expect(again).toBe(me);
          seen.push(me);
        });
      }
      test.concurrent('a failing one', async () => {
        await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} });
        expect('its own trace').toBe('shown');
      });
      test('sequential after them', async () => {
        await mcpClients.fresh.ping();
        expect(new Set(seen).size).toBe(3);
      });`,
    'close.test.js': `/** @mcp-clients hang */
      test('passes', async () => { await mcpClients.hang.ping(); });
      test('fails on its own assertion', async () => {
        const { content } = await mcpClients.hang.callTool({ name: 'echo', arguments: { message: 'hello' } });
        expect(content[0].text).toBe('goodbye');
      });`,
    'resets.test.js': `/** @mcp-clients plain */
      const { McpError } = require('@modelcontextprotocol/sdk/types.js');
      beforeEach(() => jest.resetModules());
      test('McpError after a reset', async () => {
        await expect(mcpClients.plain.readResource({ uri: 'nope://x' })).rejects.toThrow(McpError);
      });`,
  };
}

beforeAll(async () => {
  server = await startListening(CORE_HTTP, [TAG]);
  const tarball = await packTarball(WORKSPACE.tmp);
  const projects = await Promise.all(VARIANTS.map((v) => installFresh(WORKSPACE.tmp, v.name, tarball, v.deps, files(server.port))));
  // One at a time: the machine is shared, and each run starts several servers.
  for (const [i, { dir }] of projects.entries()) {
    const jest = await run('npx', ['jest', '--json', '--outputFile=report.json'], dir, 120_000);
    runs.set(VARIANTS[i].name, { dir, jest });
  }
}, 600_000);

afterAll(async () => {
  await server?.stop();
  WORKSPACE.remove();
});

describe.each(VARIANTS.map((v) => v.name))('from the tarball on %s', (name) => {
  test('every test is reported: the concurrent ones passed, the failing assertion and the close failure beside the passes', () => {
    const { dir, jest } = runs.get(name)!;
    const report = readReport(path.join(dir, 'report.json'));
    expect(report.tests).toEqual(
      [
        'passed: concurrent 1',
        'passed: concurrent 2',
        'passed: concurrent 3',
        'failed: a failing one',
        'passed: sequential after them',
        'passed: passes',
        'failed: fails on its own assertion',
        'passed: McpError after a reset',
      ].sort(),
    );
    const failures = report.failures.join('\n');
    expect(failures).toMatch(/Expected: "goodbye"/);
    expect(failures).toMatch(/MCP exchange during this test/);
    // The concurrent test's own per-test session, in its report (on Jest 29 its sessions closed before).
    expect(failures).toMatch(/Expected: "shown"[\s\S]*MCP exchange during this test[\s\S]*mcpClients\.fresh \(stdio: /);
    expect(failures).toMatch(/client "hang" .*ending the session \(HTTP DELETE\) did not finish within the close timeout of 1 s/);
    expect(jest.output.match(/client "hang" .*did not finish within the close timeout/g)).toHaveLength(1);
    expect(jest.output).toMatch(/Tests:\s+2 failed, 6 passed, 8 total/);
    expect(jest.code).toBe(1);
    const raw = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { numTotalTests: number };
    expect(raw.numTotalTests).toBe(8);
  });

  test('Jest exits by itself and leaves no server behind', () => {
    expectCleanExit(runs.get(name)!.jest);
    expectNoLeftovers({ marker: TAG }, { except: [server.server] });
  });
});
