import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import type { JestRun } from '../helpers/jest-process';
import { installedVersion, installFresh, packTarball, packWorkspace, readReport, run } from '../helpers/pack';

/**
 * The packed tarball in fresh projects that use the MCP SDK 2.x (`@modelcontextprotocol/client`):
 * - `sdk2-latest`: Jest 30 and the newest 2.x client only, with the team's own 2.x server (the
 *   repo's v2 fixture, copied in) over HTTP from `mcp.servers` and over stdio, a client per era,
 *   the era each request was in read from the server's events; `withProtocolMatrix` from the
 *   tarball; server-everything, whose 1.x SDK must not change the generation the project declared;
 *   CommonJS, TypeScript and ES module test files; `mcpClients` typed as 2.x's `Client`.
 * - `sdk2-oldest`: Jest 29.7 and client 2.0.0, the oldest 2.x, both eras over stdio.
 * - `both-installed`: 1.x and 2.x declared; `mcp.sdk` picks one per config, and `McpTypes` the types.
 * The 1.x projects are in pack.test.ts. Set JEST_MCP_KEEP=1 to keep the temp projects.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-pack2-${randomUUID().slice(0, 8)}`;
const V2_SERVER = fs.readFileSync(require.resolve('../servers/v2-server.js'), 'utf8');
// The fixture's own helper module goes with it.
const V2_SERVER_ARGS = fs.readFileSync(require.resolve('../servers/args.js'), 'utf8');

interface Variant {
  name: string;
  deps: string[];
  /** What the installed packages' versions must start with. */
  versions: Record<string, string>;
  files: Record<string, string>;
}

/**
 * A strict tsconfig. `checkLibs` (skipLibCheck: false) checks the published declarations too,
 * jest-mcp's among them; it needs Node's types and the DOM lib, as the 1.x SDK's declarations
 * (which jest-mcp's types import wherever 1.x resolves, here through server-everything) use
 * `HeadersInit`. It costs about 30 s of CPU per run, so only one project does it.
 */
const tsconfig = (include: string[], checkLibs = false) =>
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        strict: true,
        lib: ['ES2022', 'ESNext.Disposable', ...(checkLibs ? ['DOM'] : [])],
        esModuleInterop: true,
        skipLibCheck: !checkLibs,
        types: ['jest-mcp', 'jest', ...(checkLibs ? ['node'] : [])],
      },
      include,
    },
    null,
    2,
  );

const stdio = (tag: string, protocol?: string) =>
  `{ command: 'node', args: ['servers/v2-server.js', 'stdio', '--events', '\${EVENTS}', '--tag', '${tag}', '\${SERVER_TAG}'] ${
    protocol ? `, protocol: '${protocol}'` : ''
  }}`;
const bearer = (user: string) => `headers: { Authorization: 'Bearer tok-${user}' }`;

const LATEST_FILES: Record<string, string> = {
  'servers/v2-server.js': V2_SERVER,
  'servers/args.js': V2_SERVER_ARGS,
  '.env': `EVERYTHING=node_modules/@modelcontextprotocol/server-everything/dist/index.js
SERVER_TAG=${TAG}
`,
  // The team's server, started once per run; one bearer token per client, so its events say whose each request was.
  'jest.config.js': `/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-mcp',
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  testMatch: ['<rootDir>/test/**/*.test.{js,ts}'],
  testEnvironmentOptions: {
    mcp: {
      servers: {
        v2: {
          command: 'node',
          args: ['servers/v2-server.js', 'http', '--port', '\${PORT}', '--events', '\${EVENTS}',
            '--user', 'ready=tok-ready', '--user', 'ada=tok-ada', '--user', 'bob=tok-bob', '--user', 'mat=tok-mat', '\${SERVER_TAG}'],
          readyHeaders: { Authorization: 'Bearer tok-ready' },
        },
      },
      clients: {
        http_legacy: { server: 'v2', ${bearer('ada')}, protocol: 'legacy' },
        http_modern: { server: 'v2', ${bearer('bob')}, protocol: '2026-07-28' },
        stdio_legacy: ${stdio('stdio_legacy', 'legacy')},
        stdio_modern: ${stdio('stdio_modern', '2026-07-28')},
        every: { command: 'node', args: ['\${EVERYTHING}', 'stdio', '\${SERVER_TAG}'], protocol: 'auto' },
      },
    },
  },
};
`,
  'test/eras.test.js': `/** @mcp-clients http_legacy, http_modern, stdio_legacy, stdio_modern */
test.each([
  ['http_legacy', 'legacy', 'ada'],
  ['http_modern', 'modern', 'bob'],
  ['stdio_legacy', 'legacy', 'stdio_legacy'],
  ['stdio_modern', 'modern', 'stdio_modern'],
])('%s speaks the %s era to the server, as %s', async (name, era, who) => {
  const client = mcpClients[name];
  expect(client.getProtocolEra()).toBe(era);
  expect(await client.callTool({ name: 'era', arguments: {} })).toHaveTextContent(era);
  expect(await client.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent(who);
  const echoed = await client.callTool({ name: 'echo', arguments: { text: 'hi ' + name } });
  expect(echoed.structuredContent).toStrictEqual({ echoed: 'hi ' + name });
  expect(echoed).toBeToolSuccess();
  expect(await client.listTools()).toHaveTool('echo');
});
`,
  'test/everything.test.js': `/** @mcp-clients every */
test('auto against a 1.x server falls back to legacy, on the 2.x client', async () => {
  expect(mcpClients.every.getProtocolEra()).toBe('legacy');
  expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'hello' } })).toHaveTextContent('Echo: hello');
  expect(await mcpClients.every.listTools()).toHaveTool('get-sum');
});
`,
  'test/typed.test.ts': `/** @mcp-clients http_modern, stdio_legacy */
import { ProtocolError, type Client } from '@modelcontextprotocol/client';

test('TypeScript: the 2.x client, its era and its ProtocolError', async () => {
  const era: 'legacy' | 'modern' | undefined = mcpClients.http_modern.getProtocolEra();
  expect(era).toBe('modern');
  const result = await mcpClients.http_modern.callTool({ name: 'echo', arguments: { text: 'typed' } });
  expect(result.structuredContent).toStrictEqual({ echoed: 'typed' });
  const error = await mcpClients.stdio_legacy.callTool({ name: 'nope', arguments: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).code).toBe(-32602);
});

// Type-level: tsc and ts-jest fail this file unless mcpClients.x is 2.x's Client, not any and not 1.x's.
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny: IsAny<typeof mcpClients.http_modern> = false;
const isV2: Client = mcpClients.http_modern;
export async function neverCalled(): Promise<void> {
  // @ts-expect-error: 2.x's Client has no such method
  await mcpClients.http_modern.noSuchMethod();
  // @ts-expect-error: getProtocolEra takes no arguments
  mcpClients.stdio_legacy.getProtocolEra('modern');
  void [notAny, isV2];
}
`,
  'jest.esm.config.js': `module.exports = { ...require('./jest.config.js'), testMatch: ['<rootDir>/esm/**/*.test.mjs'], transform: {} };
`,
  'esm/errors.test.mjs': `/** @mcp-clients http_legacy, stdio_modern */
import { ProtocolError } from '@modelcontextprotocol/client';
import { expect, test } from '@jest/globals';
import { openMcpClient } from 'jest-mcp';

test.each(['http_legacy', 'stdio_modern'])("%s: errors are the ES module build's ProtocolError", async (name) => {
  await expect(mcpClients[name].callTool({ name: 'nope', arguments: {} })).rejects.toThrow(ProtocolError);
  const error = await mcpClients[name].readResource({ uri: 'note://missing' }).catch((e) => e);
  expect(error).toBeInstanceOf(ProtocolError);
  expect(error.code).toBe(-32602);
});

test('openMcpClient from an ES module', async () => {
  const own = await openMcpClient('stdio_modern');
  try {
    expect(own.getProtocolEra()).toBe('modern');
    expect(await own.callTool({ name: 'echo', arguments: { text: 'esm' } })).toHaveTextContent('esm');
  } finally {
    await own.close();
  }
});
`,
  // No client sets its own protocol here: each project's mcp.protocol decides.
  'jest.matrix.config.js': `const { withProtocolMatrix } = require('jest-mcp');
const { servers } = require('./jest.config.js').testEnvironmentOptions.mcp;
module.exports = withProtocolMatrix(
  {
    preset: 'jest-mcp',
    testMatch: ['<rootDir>/matrix/**/*.test.js'],
    testEnvironmentOptions: { mcp: { servers, clients: { m_http: { server: 'v2', ${bearer('mat')} }, m_stdio: ${stdio('matrix')} } } },
  },
  ['legacy', '2026-07-28'],
);
`,
  'matrix/era.test.js': `test.each(['m_http', 'm_stdio'])('%s: the server sees the era the client negotiated', async (name) => {
  const era = mcpClients[name].getProtocolEra();
  expect(['legacy', 'modern']).toContain(era);
  expect(await mcpClients[name].callTool({ name: 'era', arguments: {} })).toHaveTextContent(era);
});
`,
  'tsconfig.json': tsconfig(['test'], true),
};

const OLDEST_FILES: Record<string, string> = {
  'servers/v2-server.js': V2_SERVER,
  'servers/args.js': V2_SERVER_ARGS,
  'jest.config.js': `module.exports = {
  preset: 'jest-mcp',
  testEnvironmentOptions: { mcp: { clients: { stdio_legacy: ${stdio('stdio_legacy', 'legacy')}, stdio_modern: ${stdio('stdio_modern', '2026-07-28')} } } },
};
`,
  '.env': `SERVER_TAG=${TAG}\n`,
  'oldest.test.js': `const { ProtocolError } = require('@modelcontextprotocol/client');
test.each([['stdio_legacy', 'legacy'], ['stdio_modern', 'modern']])('%s: the %s era, a tool call', async (name, era) => {
  expect(mcpClients[name].getProtocolEra()).toBe(era);
  expect(await mcpClients[name].callTool({ name: 'era', arguments: {} })).toHaveTextContent(era);
  const echoed = await mcpClients[name].callTool({ name: 'echo', arguments: { text: 'old' } });
  expect(echoed.structuredContent).toStrictEqual({ echoed: 'old' });
});
test.each(['stdio_legacy', 'stdio_modern'])("%s: an unknown tool rejects with the test's ProtocolError", async (name) => {
  const call = mcpClients[name].callTool({ name: 'nope', arguments: {} });
  await expect(call).rejects.toThrow(ProtocolError);
  expect((await call.catch((e) => e)).code).toBe(-32602);
});
`,
};

// server-everything serves both SDKs' clients, so the two runs differ only in mcp.sdk.
const BOTH_FILES: Record<string, string> = {
  '.env': `EVERYTHING=node_modules/@modelcontextprotocol/server-everything/dist/index.js
SERVER_TAG=${TAG}
`,
  'jest.base.js': `module.exports = (sdk) => ({
  preset: 'jest-mcp',
  testMatch: ['<rootDir>/' + sdk + '/**/*.test.js'],
  testEnvironmentOptions: { mcp: { sdk, clients: { every: { command: 'node', args: ['\${EVERYTHING}', 'stdio', '\${SERVER_TAG}'] } } } },
});
`,
  'jest.v1.config.js': `module.exports = require('./jest.base.js')('v1');\n`,
  'jest.v2.config.js': `module.exports = require('./jest.base.js')('v2');\n`,
  'v1/sdk1.test.js': `const { ErrorCode, McpError } = require('@modelcontextprotocol/sdk/types.js');
test("mcp.sdk v1: a 1.x client, rejecting with 1.x's McpError", async () => {
  expect(mcpClients.every.getProtocolEra).toBeUndefined();
  expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'v1' } })).toHaveTextContent('Echo: v1');
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toThrow(McpError);
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).toRejectWithMcpError(ErrorCode.InvalidParams);
});
`,
  'v2/sdk2.test.js': `const { ProtocolError } = require('@modelcontextprotocol/client');
test("mcp.sdk v2: a 2.x client, rejecting with 2.x's ProtocolError", async () => {
  expect(mcpClients.every.getProtocolEra()).toBe('legacy');
  expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'v2' } })).toHaveTextContent('Echo: v2');
  const read = mcpClients.every.readResource({ uri: 'nope://missing' });
  await expect(read).rejects.toThrow(ProtocolError);
  expect((await read.catch((e) => e)).code).toBe(-32602);
});
`,
  'types-v1/mcp-types.d.ts': `import 'jest-mcp';
declare module 'jest-mcp' {
  interface McpTypes {
    sdk: 'v1';
  }
}
`,
  'types-v1/check.ts': `import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
export async function v1(): Promise<void> {
  const client: Client = mcpClients.every;
  // @ts-expect-error: 1.x's Client has no getProtocolEra
  client.getProtocolEra();
  // @ts-expect-error: nor has mcpClients.every
  mcpClients.every.getProtocolEra();
  await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'x' } });
}
`,
  'types-v2/check.ts': `import type { Client } from '@modelcontextprotocol/client';
export async function v2(): Promise<void> {
  const client: Client = mcpClients.every;
  const era: 'legacy' | 'modern' | undefined = mcpClients.every.getProtocolEra();
  // @ts-expect-error: 2.x's Client has no such method
  await mcpClients.every.noSuchMethod();
  void [client, era];
}
`,
  'tsconfig.v1.json': tsconfig(['types-v1']),
  'tsconfig.v2.json': tsconfig(['types-v2']),
};

const VARIANTS: Variant[] = [
  {
    name: 'sdk2-latest',
    deps: [
      'jest@30',
      'ts-jest',
      '@types/jest@30',
      '@types/node@20',
      'typescript@~5.9',
      '@modelcontextprotocol/client@2',
      '@modelcontextprotocol/server@2',
      '@modelcontextprotocol/node@2',
      'zod@4',
      '@modelcontextprotocol/server-everything',
    ],
    versions: { jest: '30.', '@modelcontextprotocol/client': '2.' },
    files: LATEST_FILES,
  },
  {
    // @modelcontextprotocol/node is left out: this variant uses stdio only (node@2.0.0 pairs with server@2.0.0 if ever needed).
    name: 'sdk2-oldest',
    deps: ['jest@29.7', 'jest-environment-node@29.7', '@modelcontextprotocol/client@2.0.0', '@modelcontextprotocol/server@2.0.0', 'zod@4'],
    versions: {
      jest: '29.7.',
      'jest-environment-node': '29.7.',
      '@modelcontextprotocol/client': '2.0.0',
      '@modelcontextprotocol/server': '2.0.0',
    },
    files: OLDEST_FILES,
  },
  {
    name: 'both-installed',
    deps: [
      'jest@30',
      '@types/jest@30',
      'typescript@~5.9',
      '@modelcontextprotocol/sdk@1',
      '@modelcontextprotocol/client@2',
      '@modelcontextprotocol/server-everything',
    ],
    versions: { jest: '30.', '@modelcontextprotocol/sdk': '1.', '@modelcontextprotocol/client': '2.' },
    files: BOTH_FILES,
  },
];

const dirs = new Map<string, string>();

beforeAll(async () => {
  const tarball = await packTarball(WORKSPACE.tmp);
  await Promise.all(VARIANTS.map(async (v) => dirs.set(v.name, (await installFresh(WORKSPACE.tmp, v.name, tarball, v.deps, v.files)).dir)));
}, 420_000);

afterAll(() => WORKSPACE.remove());

/** The server's event lines without their timestamps. */
function events(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(0, -1).join(' '));
}

/** The eras of the requests one HTTP user or stdio tag made: "request <who> <era> <rpc> …". */
function requestsOf(lines: string[], who: string): Array<{ era: string; rpc: string }> {
  return lines
    .map((line) => line.split(' '))
    .filter(([event, by]) => event === 'request' && by === who)
    .map(([, , era, rpc]) => ({ era, rpc }));
}

/** Every request of `who` was in `era`, and its session opened as that era opens one. */
function expectEra(lines: string[], who: string, era: 'legacy' | 'modern'): void {
  const requests = requestsOf(lines, who);
  expect(requests.length).toBeGreaterThan(2);
  expect(requests[0].rpc).toBe(era === 'legacy' ? 'initialize' : 'server/discover');
  expect(requests.filter((r) => r.era !== era)).toEqual([]);
  expect(requests.map((r) => r.rpc)).toContain('tools/call');
}

function expectInstalled(name: string): string {
  const dir = dirs.get(name)!;
  expect(fs.lstatSync(path.join(dir, 'node_modules/jest-mcp')).isSymbolicLink()).toBe(false);
  expect(fs.existsSync(path.join(dir, 'node_modules/jest-mcp/test'))).toBe(false);
  const versions = VARIANTS.find((v) => v.name === name)!.versions;
  for (const [pkg, version] of Object.entries(versions)) expect(`${pkg}@${installedVersion(dir, pkg)}`).toMatch(`${pkg}@${version}`);
  return dir;
}

/** Runs the project's Jest with `--json`; its report, and the run. */
async function jest(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ run: JestRun; report: ReturnType<typeof readReport> }> {
  const out = path.join(dir, `results-${randomUUID().slice(0, 8)}.json`);
  const result = await run('npx', ['jest', '--json', `--outputFile=${out}`, ...args], dir, 120_000, env);
  if (!fs.existsSync(out)) throw new Error(`jest wrote no report (exit ${result.code}):\n${result.output}`);
  return { run: result, report: readReport(out) };
}

function expectGreenAndClean(result: { run: JestRun; report: ReturnType<typeof readReport> }, dir: string): void {
  expect(result.report.failures).toEqual([]);
  expect(result.run.code).toBe(0);
  expectCleanExit(result.run);
  expectNoLeftovers({ marker: TAG, dir });
}

describe('sdk2-latest: Jest 30 and only the 2.x client declared', () => {
  let dir: string;
  beforeAll(() => {
    dir = dirs.get('sdk2-latest')!;
  });

  test("installs the tarball beside the 2.x client; 1.x is only server-everything's", () => {
    expectInstalled('sdk2-latest');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('@modelcontextprotocol/sdk');
    expect(installedVersion(dir, '@modelcontextprotocol/sdk')).toMatch(/^1\./);
  });

  test('CommonJS and TypeScript files: each client in its era over HTTP (mcp.servers) and stdio, server-everything on auto', async () => {
    const eventsFile = path.join(dir, 'events-main.log');
    const result = await jest(dir, [], { EVENTS: eventsFile });
    expect(result.report.tests).toEqual(
      [
        'passed: http_legacy speaks the legacy era to the server, as ada',
        'passed: http_modern speaks the modern era to the server, as bob',
        'passed: stdio_legacy speaks the legacy era to the server, as stdio_legacy',
        'passed: stdio_modern speaks the modern era to the server, as stdio_modern',
        'passed: auto against a 1.x server falls back to legacy, on the 2.x client',
        'passed: TypeScript: the 2.x client, its era and its ProtocolError',
      ].sort(),
    );
    expectGreenAndClean(result, dir);
    const lines = events(eventsFile);
    expectEra(lines, 'ada', 'legacy');
    expectEra(lines, 'bob', 'modern');
    expectEra(lines, 'stdio_legacy', 'legacy');
    expectEra(lines, 'stdio_modern', 'modern');
    // mcp.servers' readiness handshake, with readyHeaders, before any client.
    expect(lines.findIndex((l) => l.startsWith('request ready '))).toBeLessThan(lines.findIndex((l) => l.startsWith('request ada ')));
    expect(lines.filter((l) => l.startsWith('request - '))).toEqual([]);
  });

  test("ES module files: the ES module build's ProtocolError, openMcpClient", async () => {
    const eventsFile = path.join(dir, 'events-esm.log');
    const result = await jest(dir, ['-c', 'jest.esm.config.js'], { EVENTS: eventsFile, NODE_OPTIONS: '--experimental-vm-modules' });
    expect(result.report.tests).toEqual(
      [
        "passed: http_legacy: errors are the ES module build's ProtocolError",
        "passed: stdio_modern: errors are the ES module build's ProtocolError",
        'passed: openMcpClient from an ES module',
      ].sort(),
    );
    expectGreenAndClean(result, dir);
    expect(requestsOf(events(eventsFile), 'ada').filter((r) => r.era !== 'legacy')).toEqual([]);
    expect(requestsOf(events(eventsFile), 'stdio_modern').filter((r) => r.era !== 'modern')).toEqual([]);
  });

  test("withProtocolMatrix: one project per protocol, each named in Jest's output, each in its era", async () => {
    const eventsFile = path.join(dir, 'events-matrix.log');
    const result = await jest(dir, ['-c', 'jest.matrix.config.js'], { EVENTS: eventsFile });
    expect(result.report.tests).toEqual(
      [
        'passed: m_http: the server sees the era the client negotiated',
        'passed: m_http: the server sees the era the client negotiated',
        'passed: m_stdio: the server sees the era the client negotiated',
        'passed: m_stdio: the server sees the era the client negotiated',
      ].sort(),
    );
    expectGreenAndClean(result, dir);
    expect(result.run.output).toMatch(/PASS +mcp legacy +matrix\/era\.test\.js/);
    expect(result.run.output).toMatch(/PASS +mcp 2026-07-28 +matrix\/era\.test\.js/);
    const calls = events(eventsFile).filter((l) => / era (legacy|modern)$/.test(l) && l.startsWith('call '));
    expect(calls.sort()).toEqual(['call mat era legacy', 'call mat era modern', 'call matrix era legacy', 'call matrix era modern']);
  });

  test("tsc (strict, skipLibCheck: false): mcpClients.x is 2.x's Client", async () => {
    const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], dir, 120_000);
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });
});

describe('sdk2-oldest: Jest 29.7 and client 2.0.0', () => {
  test('installs the tarball beside client 2.0.0 and Jest 29.7', () => {
    expectInstalled('sdk2-oldest');
  });

  // Both SDK generations are optional peers: npm 7+ would install a required one by itself.
  test('a project with only the 2.x client gets no 1.x SDK from jest-mcp', () => {
    expect(installedVersion(dirs.get('sdk2-oldest')!, '@modelcontextprotocol/sdk')).toBeUndefined();
  });

  test('both eras over stdio, a tool call, a ProtocolError in the test realm', async () => {
    const dir = dirs.get('sdk2-oldest')!;
    const eventsFile = path.join(dir, 'events.log');
    const result = await jest(dir, [], { EVENTS: eventsFile });
    expect(result.report.tests).toEqual(
      [
        'passed: stdio_legacy: the legacy era, a tool call',
        'passed: stdio_modern: the modern era, a tool call',
        "passed: stdio_legacy: an unknown tool rejects with the test's ProtocolError",
        "passed: stdio_modern: an unknown tool rejects with the test's ProtocolError",
      ].sort(),
    );
    expectGreenAndClean(result, dir);
    expectEra(events(eventsFile), 'stdio_legacy', 'legacy');
    expectEra(events(eventsFile), 'stdio_modern', 'modern');
  });
});

describe('both-installed: 1.x and 2.x declared, mcp.sdk decides', () => {
  let dir: string;
  beforeAll(() => {
    dir = dirs.get('both-installed')!;
  });

  test('installs the tarball beside both SDKs', () => {
    expectInstalled('both-installed');
  });

  test.each([
    ['v1', "passed: mcp.sdk v1: a 1.x client, rejecting with 1.x's McpError"],
    ['v2', "passed: mcp.sdk v2: a 2.x client, rejecting with 2.x's ProtocolError"],
  ])('mcp.sdk %s', async (sdk, title) => {
    const result = await jest(dir, ['-c', `jest.${sdk}.config.js`]);
    expect(result.report.tests).toEqual([title]);
    expectGreenAndClean(result, dir);
  });

  // tsconfig.v1.json includes the McpTypes augmentation; without it, 2.x is typed where both are installed.
  test.each(['v1', 'v2'])("tsc: mcpClients.x is the %s SDK's Client", async (sdk) => {
    const tsc = await run('npx', ['tsc', '--noEmit', '-p', `tsconfig.${sdk}.json`], dir, 120_000);
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });
});
