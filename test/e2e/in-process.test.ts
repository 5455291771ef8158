import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, packTarball, packWorkspace, readReport, run, type JestReport } from '../helpers/pack';

/**
 * In-process clients (`{ module, export }`) from the packed tarball, in a fresh TypeScript project
 * per Jest major (30 and 29.7), its server modules transformed by ts-jest: a 2.x server in both
 * protocol eras and a 1.x server, `jest.mock()` of a module the servers import, responders,
 * a fresh 1.x server per test, LIFO close (the servers record when they open and close), a
 * missing export named as such, `openMcpClient`, Jest's own `--coverage` counting the
 * servers' lines with the babel provider and the v8 one, and ES module test files (Jest 30).
 */

const WORKSPACE = packWorkspace();
const FIXTURES = path.resolve(__dirname, '../servers/in-process');
const SERVER_FILES = Object.fromEntries(
  ['store.ts', 'v1-server.ts', 'v2-server.ts'].map((f) => [`servers/${f}`, fs.readFileSync(path.join(FIXTURES, f), 'utf8')]),
);

const SDKS = [
  '@modelcontextprotocol/client@2',
  '@modelcontextprotocol/server@2',
  '@modelcontextprotocol/sdk@1',
  'zod@4',
  'typescript@~5.9',
];
const VARIANTS = [
  { name: 'jest30', deps: ['jest@30', 'ts-jest@29', '@types/jest@30', ...SDKS] },
  { name: 'jest29', deps: ['jest@29.7', 'jest-environment-node@29.7', 'ts-jest@29', '@types/jest@29', ...SDKS] },
];

const ADA = `{ response: { action: 'accept', content: { name: 'Ada' } } }`;
const FILES: Record<string, string> = {
  ...SERVER_FILES,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      esModuleInterop: true,
      skipLibCheck: true,
      isolatedModules: true,
      types: ['jest', 'jest-mcp'],
    },
  }),
  'jest.config.js': `module.exports = {
  preset: 'jest-mcp',
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  collectCoverageFrom: ['servers/**/*.ts'],
  coverageReporters: ['json-summary', 'text'],
  testEnvironmentOptions: {
    mcp: {
      clients: {
        legacy: { module: './servers/v2-server.ts', export: 'createServer', protocol: 'legacy' },
        modern: { module: './servers/v2-server.ts', export: 'createServer', protocol: '2026-07-28', elicitation: ${ADA} },
        v1: { module: './servers/v1-server', elicitation: ${ADA} },
        fresh: { module: './servers/v1-server.ts', session: 'test' },
        alpha: { module: './servers/v1-server.ts', export: 'alpha' },
        beta: { module: './servers/v1-server.ts', export: 'beta' },
        broken: { module: './servers/v1-server.ts', export: 'gamma' },
      },
    },
  },
};
`,
  'test/eras.test.ts': `/** @mcp-clients legacy, modern, v1 */
jest.mock('../servers/store', () => ({ lookup: (id: string) => 'mocked ' + id, made: { v1: 0, v2: 0 }, record: () => undefined }));

test('a 2.x server in the legacy era, its store mocked by the test file', async () => {
  expect(mcpClients.legacy.getProtocolEra()).toBe('legacy');
  expect(await mcpClients.legacy.callTool({ name: 'era', arguments: {} })).toHaveTextContent('legacy');
  expect(await mcpClients.legacy.callTool({ name: 'note', arguments: { id: 'n1' } })).toHaveTextContent('mocked n1');
  expect(await mcpClients.legacy.listTools()).toHaveTool('note');
  expect(await mcpClients.legacy.callTool({ name: 'boom', arguments: {} })).toBeToolError(/boom from the server/);
});

test('a 2.x server in the 2026-07-28 era, with an elicitation responder', async () => {
  expect(mcpClients.modern.getProtocolEra()).toBe('modern');
  expect(await mcpClients.modern.callTool({ name: 'era', arguments: {} })).toHaveTextContent('modern');
  expect(await mcpClients.modern.callTool({ name: 'note', arguments: { id: 'n2' } })).toHaveTextContent('mocked n2');
  expect(await mcpClients.modern.callTool({ name: 'ask', arguments: {} })).toHaveTextContent('Ada');
  expect(mcpClients.modern.received.requests.map((r) => r.method)).toContain('elicitation/create');
});

test('a 1.x server, its store mocked, asking the client', async () => {
  expect(await mcpClients.v1.callTool({ name: 'note', arguments: { id: 'n3' } })).toHaveTextContent('mocked n3');
  expect(await mcpClients.v1.callTool({ name: 'ask', arguments: {} })).toHaveTextContent('Ada');
  expect(mcpClients.v1.received.requests.map((r) => r.method)).toEqual(['elicitation/create']);
});
`,
  'test/sessions.test.ts': `/** @mcp-clients alpha, beta, fresh */
test('a fresh 1.x server for each test (1)', async () => {
  expect(await mcpClients.fresh.callTool({ name: 'instances', arguments: {} })).toHaveTextContent('1');
  expect(await mcpClients.fresh.callTool({ name: 'note', arguments: { id: 'n1' } })).toHaveTextContent('first note');
});

test('a fresh 1.x server for each test (2)', async () => {
  expect(await mcpClients.fresh.callTool({ name: 'instances', arguments: {} })).toHaveTextContent('2');
});

test('two per-file servers of one module', async () => {
  expect(await mcpClients.alpha.callTool({ name: 'tag', arguments: {} })).toHaveTextContent('alpha');
  expect(await mcpClients.beta.callTool({ name: 'tag', arguments: {} })).toHaveTextContent('beta');
});
`,
  'test/open.test.ts': `/** @mcp-clients */
import { openMcpClient } from 'jest-mcp';

test('openMcpClient with a module', async () => {
  const own = await openMcpClient({ module: './servers/v2-server.ts', export: 'createServer', protocol: '2026-07-28' });
  try {
    expect(own.getProtocolEra()).toBe('modern');
    expect(await own.callTool({ name: 'note', arguments: { id: 'n1' } })).toHaveTextContent('first note');
  } finally {
    await own.close();
  }
});

test('openMcpClient names a module that is not there', async () => {
  await expect(openMcpClient({ module: './servers/nope.ts' })).rejects.toThrow(
    /could not open MCP client "inline" \\(in-process \\.\\/servers\\/nope\\.ts\\).*the server module \\.\\/servers\\/nope\\.ts was not found/s,
  );
});
`,
  // ES module test files (--experimental-vm-modules): an ES module server, its store replaced with
  // jest.unstable_mockModule; and the CommonJS 1.x server, required as from a CommonJS test.
  'jest.esm.config.js': `module.exports = {
  preset: 'jest-mcp',
  transform: {},
  testMatch: ['<rootDir>/esm/**/*.test.mjs'],
  testEnvironmentOptions: {
    mcp: {
      clients: {
        esm: { module: './esm/server.mjs', export: 'createServer', protocol: '2026-07-28' },
        cjs: { module: './esm/server.cjs' },
      },
    },
  },
};
`,
  'esm/store.mjs': `export const lookup = (id) => (id === 'n1' ? 'first note' : undefined);
`,
  'esm/server.mjs': `import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { lookup } from './store.mjs';
export function createServer() {
  const server = new McpServer({ name: 'esm', version: '1.0.0' });
  server.registerTool('note', { inputSchema: z.object({ id: z.string() }) }, async ({ id }) => ({ content: [{ type: 'text', text: lookup(id) ?? 'none' }] }));
  return server;
}
`,
  'esm/server.cjs': `const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
module.exports = () => {
  const server = new McpServer({ name: 'cjs', version: '1.0.0' });
  server.registerTool('hello', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'hello from cjs' }] }));
  return server;
};
`,
  'esm/modules.test.mjs': `import { jest, test, expect } from '@jest/globals';
jest.unstable_mockModule('./store.mjs', () => ({ lookup: (id) => 'mocked ' + id }));

test('an ES module server, its store mocked with unstable_mockModule', async () => {
  expect(mcpClients.esm.getProtocolEra()).toBe('modern');
  expect(await mcpClients.esm.callTool({ name: 'note', arguments: { id: 'n1' } })).toHaveTextContent('mocked n1');
});

test('a CommonJS server from an ES module test', async () => {
  expect(await mcpClients.cjs.callTool({ name: 'hello', arguments: {} })).toHaveTextContent('hello from cjs');
});
`,
  'test/broken.test.ts': `/** @mcp-clients broken */
test('never runs: its client cannot open', () => {
  expect(mcpClients.broken).toBeDefined();
});
`,
};

interface CoverageSummary {
  [file: string]: { lines: { total: number; covered: number } };
}

function linesOf(dir: string, file: string): { total: number; covered: number } {
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'coverage/coverage-summary.json'), 'utf8')) as CoverageSummary;
  const key = Object.keys(summary).find((k) => k.endsWith(`servers/${file}`));
  if (!key) throw new Error(`no coverage of servers/${file} in: ${Object.keys(summary).join(', ')}`);
  return summary[key].lines;
}

const dirs = new Map<string, string>();

beforeAll(async () => {
  const tarball = await packTarball(WORKSPACE.tmp);
  await Promise.all(VARIANTS.map(async (v) => dirs.set(v.name, (await installFresh(WORKSPACE.tmp, v.name, tarball, v.deps, FILES)).dir)));
}, 420_000);

afterAll(() => WORKSPACE.remove());

describe.each(VARIANTS.map((v) => [v.name, v.name === 'jest30' ? 'babel' : 'v8'] as const))('%s, coverage by %s', (name, provider) => {
  let dir: string;
  let jest: JestRun;
  let report: JestReport;

  beforeAll(async () => {
    dir = dirs.get(name)!;
    const args = ['jest', '--json', '--outputFile=report.json', '--coverage', `--coverageProvider=${provider}`];
    jest = await run('npx', args, dir, 180_000, { IN_PROCESS_EVENTS: path.join(dir, 'events.log') });
    report = readReport(path.join(dir, 'report.json'));
  }, 200_000);

  test('every test passes, and the file whose client cannot open fails with what to do', () => {
    expect(report.tests).toEqual([
      'passed: a 1.x server, its store mocked, asking the client',
      'passed: a 2.x server in the 2026-07-28 era, with an elicitation responder',
      'passed: a 2.x server in the legacy era, its store mocked by the test file',
      'passed: a fresh 1.x server for each test (1)',
      'passed: a fresh 1.x server for each test (2)',
      'passed: openMcpClient names a module that is not there',
      'passed: openMcpClient with a module',
      'passed: two per-file servers of one module',
    ]);
    const [failure, ...others] = report.failures;
    expect(others).toEqual([]);
    expect(failure).toContain('could not open MCP client "broken" (in-process ./servers/v1-server.ts)');
    expect(failure).toContain('the server module ./servers/v1-server.ts has no export "gamma" (its exports: alpha, beta, default)');
    expect(failure).toContain('What to do: Set testEnvironmentOptions.mcp.clients.broken.export');
    expect(jest.code).toBe(1);
  });

  test('per-file in-process servers close last opened first', () => {
    const events = fs.readFileSync(path.join(dir, 'events.log'), 'utf8').trim().split('\n');
    expect(events).toEqual(['open alpha', 'open beta', 'close beta', 'close alpha']);
  });

  test("Jest's coverage counts the servers' own lines: those the tests reached, not the others", () => {
    const v2 = linesOf(dir, 'v2-server.ts');
    expect(v2.covered).toBeGreaterThan(0);
    // The `unused` tool's body ran in no test.
    expect(v2.covered).toBeLessThan(v2.total);
    expect(linesOf(dir, 'v1-server.ts').covered).toBeGreaterThan(0);
  });

  test('Jest exits by itself', () => {
    expectCleanExit(jest);
    expectNoLeftovers({ marker: dir, dir });
  });
});

test('Jest 30, ES module test files', async () => {
  const dir = dirs.get('jest30')!;
  const jest = await run('npx', ['jest', '-c', 'jest.esm.config.js'], dir, 120_000, { NODE_OPTIONS: '--experimental-vm-modules' });
  expect(jest.output).toMatch(/Tests:\s+2 passed, 2 total/);
  expectCleanExit(jest);
}, 150_000);

test('Jest 30, coverage by v8 as well: one file', async () => {
  const dir = dirs.get('jest30')!;
  const jest = await run('npx', ['jest', 'test/eras', '--coverage', '--coverageProvider=v8'], dir, 120_000);
  expect(jest.output).toMatch(/Tests:\s+3 passed, 3 total/);
  const v2 = linesOf(dir, 'v2-server.ts');
  expect(v2.covered).toBeGreaterThan(0);
  expect(v2.covered).toBeLessThan(v2.total);
  expectCleanExit(jest);
}, 150_000);
