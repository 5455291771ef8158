import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { OAUTH_SERVER, startListening } from '../helpers/fixtures';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, mustRun, packTarball, packWorkspace, readReport, run, oldestSdk } from '../helpers/pack';
import { REPO } from '../helpers/project';
import { entryPoints } from '../helpers/clean-clone';

/**
 * The contract as a new user meets it: the packed tarball, installed from the npm registry into a
 * fresh project outside this repo (nothing of the repo's node_modules is reachable), configured
 * only through `preset: 'jest-mcp'` and `testEnvironmentOptions`, with TypeScript test files
 * through ts-jest. Once on Jest 30 and once on Jest 29.7 (with its own jest-environment-node).
 * The SDK 2.x projects are in pack-v2.test.ts. Set JEST_MCP_KEEP=1 to keep the temp projects.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-pack-${randomUUID().slice(0, 8)}`;
const COMMON_DEPS = ['typescript@~5.9', '@modelcontextprotocol/server-everything', 'dotenv'];
// The oldest SDK the peer range admits, read from package.json so the two cannot drift apart.
const OLDEST_SDK = oldestSdk();

interface Variant {
  name: string;
  deps: string[];
  /** A major version the installed packages must have. */
  versions: Record<string, string>;
}

const VARIANTS: Variant[] = [
  {
    name: 'jest30',
    deps: ['jest@30', 'ts-jest', '@types/jest@30', '@modelcontextprotocol/sdk@1'],
    versions: { jest: '30.', 'jest-environment-node': '30.' },
  },
  {
    name: 'jest29',
    deps: ['jest@29.7', 'jest-environment-node@29.7', 'ts-jest@29', '@types/jest@29', '@modelcontextprotocol/sdk@1'],
    versions: { jest: '29.7.', 'jest-environment-node': '29.7.' },
  },
  {
    name: 'sdk-oldest',
    deps: ['jest@30', 'ts-jest', '@types/jest@30', `@modelcontextprotocol/sdk@${OLDEST_SDK}`],
    versions: { jest: '30.', '@modelcontextprotocol/sdk': OLDEST_SDK },
  },
];

// What a user writes. `${VAR}` values come from .env; the marker finds leftover servers.
const PROJECT_FILES: Record<string, string> = {
  'jest.config.js': `/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-mcp',
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  testPathIgnorePatterns: ['/node_modules/', '/esm/', '/extra/'],
  testEnvironmentOptions: {
    mcp: {
      clients: {
        every: {
          command: 'node',
          args: ['\${EVERYTHING}', 'stdio', '\${SERVER_TAG}'],
          env: { GREETING: '\${GREETING}' },
          roots: [{ uri: 'file:///tmp/fresh-project', name: 'fresh' }],
          sampling: { response: { role: 'assistant', content: { type: 'text', text: 'a canned completion' }, model: 'fake' } },
          elicitation: { module: './elicit.js' },
        },
        perTest: { command: 'node', args: ['\${EVERYTHING}', 'stdio', '\${SERVER_TAG}'], session: 'test' },
      },
    },
  },
};
`,
  'elicit.js': `module.exports = (params, { client }) => ({ action: 'accept', content: { name: 'Ada from ' + client, check: true, email: 'ada@example.com' } });
`,
  '.env': `EVERYTHING=node_modules/@modelcontextprotocol/server-everything/dist/index.js
SERVER_TAG=${TAG}
GREETING=hello from .env
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        strict: true,
        lib: ['ES2022', 'ESNext.Disposable'],
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['jest-mcp', 'jest'],
      },
      include: ['test', 'types-check'],
    },
    null,
    2,
  ),
  'test/every.test.ts': `/** @mcp-clients every */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

test('callTool results are plain values of the test (toStrictEqual)', async () => {
  const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'hi' } });
  expect(result).toStrictEqual({ content: [{ type: 'text', text: 'Echo: hi' }] });
  expect(result).toBeInstanceOf(Object);
  expect(result).toBeToolSuccess();
  expect(result).toHaveTextContent('Echo: hi');
});

test('listTools and the matchers', async () => {
  const listed = await mcpClients.every.listTools();
  expect(listed).toHaveTool('get-sum');
  expect(listed.tools).toBeInstanceOf(Array);
});

test('\${VAR} from .env reaches the server', async () => {
  const result = await mcpClients.every.callTool({ name: 'get-env', arguments: {} });
  const env = JSON.parse((result.content as Array<{ text: string }>)[0].text) as Record<string, string>;
  expect(env.GREETING).toBe('hello from .env');
});

test('rejects.toThrow(McpError) with the test file\\'s own import', async () => {
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toThrow(McpError);
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).toRejectWithMcpError(ErrorCode.InvalidParams);
});

test('globalThis.mcpClients', async () => {
  expect(globalThis.mcpClients).toBe(mcpClients);
  expect(Object.keys(globalThis.mcpClients)).toEqual(['every']);
  const sum = await globalThis.mcpClients.every.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } });
  expect(sum).toHaveTextContent('5');
});

// Type-level checks: tsc (and ts-jest) fail this file if mcpClients were untyped or mistyped.
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny: IsAny<typeof mcpClients.every> = false;
const notAnyGlobal: IsAny<typeof globalThis.mcpClients> = false;
export async function neverCalled(): Promise<void> {
  const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'x' } });
  const content: unknown[] = result.content as unknown[];
  // @ts-expect-error: the SDK's Client has no such method
  await mcpClients.every.noSuchMethod();
  // @ts-expect-error: callTool takes { name, arguments }, not a string
  await globalThis.mcpClients.every.callTool('echo');
  // @ts-expect-error: not one of jest-mcp's matchers
  expect(result).toHaveToool('echo');
  void [content, notAny, notAnyGlobal];
}
`,
  // Issue-4 features as a user meets them: snapshots, server requests, received, per-test sessions.
  'test/features.test.ts': `/** @mcp-clients every, perTest */
import { openMcpClient, withMcpClient } from 'jest-mcp';

test('the snapshot serializer scrubs timestamps and ids', async () => {
  const r = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'at 2026-11-24T10:00:00.123Z id 1f0c9a6e-2b7d-4c1a-9e8f-0a1b2c3d4e5f' } });
  expect(r).toMatchInlineSnapshot(\`
{
  "content": [
    {
      "text": "Echo: at [timestamp] id [uuid]",
      "type": "text",
    },
  ],
}
\`);
});

test('roots and sampling from config answer the server; received records its requests', async () => {
  const roots = await mcpClients.every.callTool({ name: 'get-roots-list', arguments: {} });
  expect(roots).toHaveTextContent('file:///tmp/fresh-project');
  const sampled = await mcpClients.every.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'a haiku' } });
  expect(sampled).toHaveTextContent('a canned completion');
  const request = await mcpClients.every.received.waitForRequest('sampling/createMessage');
  expect(JSON.stringify(request.params)).toContain('a haiku');
  expect(mcpClients.every.received.requests.map((r) => r.method)).toContain('roots/list');
});

// server-everything's logging toggle is per session: a shared session would say "Stopped" the second time.
for (const n of [1, 2]) {
  test('session: test gives a fresh server process per test (' + n + ')', async () => {
    expect(await mcpClients.perTest.callTool({ name: 'toggle-simulated-logging', arguments: {} })).toHaveTextContent(/^Started/);
  });
}

test('withMcpClient opens a session inside a test and closes it', async () => {
  const sum = await withMcpClient('every', (client) => client.callTool({ name: 'get-sum', arguments: { a: 40, b: 2 } }));
  expect(sum).toHaveTextContent('42');
});

test('an elicitation answered by a module from config', async () => {
  const result = await mcpClients.every.callTool({ name: 'trigger-elicitation-request', arguments: {} });
  expect(result).toHaveTextContent('Ada from every');
  expect(mcpClients.every.received.requests.map((r) => r.method)).toContain('elicitation/create');
});

test('await using closes a session opened inside the test', async () => {
  let kept: Awaited<ReturnType<typeof openMcpClient>> | undefined;
  {
    await using own = await openMcpClient('every');
    expect(await own.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } })).toHaveTextContent('3');
    kept = own;
  }
  await expect(kept.ping()).rejects.toThrow(/not connected/i);
});
`,
  'test/second.test.ts': `test('a second file has its own session', async () => {
  expect(await mcpClients.every.callTool({ name: 'get-sum', arguments: { a: 1, b: 1 } })).toHaveTextContent('2');
  await expect(mcpClients.every.ping()).resolves.toEqual({});
});
`,
  'types-check/config.ts': `import type { McpOptions } from 'jest-mcp';

export const options: McpOptions = {
  clients: { every: { command: 'node', args: ['server.js'] }, remote: { url: 'http://127.0.0.1:1/mcp', transport: 'sse' } },
  timeouts: { connect: 5 },
};
// @ts-expect-error: not an option
export const wrong: McpOptions = { clientz: {} };
`,
  // Declared client names: a typo is a compile error. Its own tsconfig, as the declaration is global.
  'names-check/mcp-clients.d.ts': `import 'jest-mcp';
declare module 'jest-mcp' {
  interface McpClientNames {
    every: true;
  }
}
`,
  'names-check/names.ts': `export async function named(): Promise<void> {
  await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'x' } });
  await globalThis.mcpClients.every.listTools();
  // @ts-expect-error: "typo" is not a declared client name
  await mcpClients.typo.listTools();
  // @ts-expect-error: the same through globalThis
  await globalThis.mcpClients.typo.listTools();
}
`,
  // ESM test files (Jest's ESM mode): the McpError a test imports is the SDK's ESM build's.
  'jest.esm.config.js': `module.exports = { ...require('./jest.config.js'), testMatch: ['<rootDir>/esm/**/*.test.mjs'], testPathIgnorePatterns: ['/node_modules/'], transform: {} };
`,
  'esm/every.test.mjs': `import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { expect, test } from '@jest/globals';
import { openMcpClient } from 'jest-mcp';

test('an ES module test file: plain results, matchers, its own McpError', async () => {
  const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'esm' } });
  expect(result).toStrictEqual({ content: [{ type: 'text', text: 'Echo: esm' }] });
  expect(result).toHaveTextContent('Echo: esm');
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toThrow(McpError);
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).toRejectWithMcpError(ErrorCode.InvalidParams);
});

test('openMcpClient from an ES module', async () => {
  const own = await openMcpClient('every');
  try {
    expect(await own.callTool({ name: 'get-sum', arguments: { a: 20, b: 22 } })).toHaveTextContent('42');
  } finally {
    await own.close();
  }
});
`,
  // OAuth client credentials (the tarball's auth code with the project's own SDK) and a failure
  // trace; the trace file fails on purpose.
  'jest.extra.config.js': `const base = require('./jest.config.js');
module.exports = {
  ...base,
  testMatch: ['<rootDir>/extra/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/'],
  testEnvironmentOptions: { mcp: { clients: {
    ...base.testEnvironmentOptions.mcp.clients,
    machine: { url: '\${OAUTH_URL}', auth: { clientCredentials: { clientId: 'test-client', clientSecret: '\${OAUTH_SECRET}', issuer: '\${OAUTH_ISSUER}' } } },
  } } },
};
`,
  'extra/oauth.test.js': `/** @mcp-clients machine */
test('OAuth client credentials', async () => {
  expect(await mcpClients.machine.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent(/^client test-client/);
});
`,
  'extra/trace.test.js': `/** @mcp-clients every */
test('a failing test shows its MCP exchange', async () => {
  const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'trace me' } });
  expect(result).toHaveTextContent('something else');
});
`,
  // Fails on purpose: a rejected call's code frame is the test's own line, not the SDK's.
  'extra/callsite.test.js': `/** @mcp-clients every */
test('a rejected call points at its line', async () => {
  await mcpClients.every.readResource({ uri: 'nope://missing' });
});
`,
  // The 2025-11-25 features on each SDK: a task through input_required and URL-mode elicitation
  // everywhere; sampling.tools opens on 1.26+ and, on the oldest 1.x, fails its file naming the version needed.
  'jest.features.config.js': `const base = require('./jest.config.js');
const everything = { command: 'node', args: ['\${EVERYTHING}', 'stdio', '\${SERVER_TAG}'] };
module.exports = {
  ...base,
  testMatch: ['<rootDir>/extra/**/*.feature.js'],
  testPathIgnorePatterns: ['/node_modules/'],
  testEnvironmentOptions: { mcp: { clients: {
    modes: { ...everything, elicitation: { form: { response: { action: 'accept', content: { interpretation: 'snake' } } }, url: { response: { action: 'accept' } } } },
    tooled: { ...everything, sampling: { tools: true, response: { role: 'assistant', model: 'fake', content: { type: 'text', text: 'hi' } } } },
  } } },
};
`,
  'extra/tasks.feature.js': `/** @mcp-clients modes */
const { callToolAsTask } = require('jest-mcp');
test('a task through input_required', async () => {
  const { task, result, statuses } = await callToolAsTask(mcpClients.modes, { name: 'simulate-research-query', arguments: { topic: 'python', ambiguous: true } }, { timeout: 60000 });
  expect(task).toHaveTaskStatus('completed');
  expect(statuses).toContain('input_required');
  expect(result).toHaveTextContent('Clarification**: snake');
}, 60000);
test('URL-mode elicitation', async () => {
  const result = await mcpClients.modes.callTool({ name: 'trigger-url-elicitation', arguments: { url: 'https://example.com/a' } });
  expect(result).toHaveTextContent('User completed the URL elicitation flow');
});
`,
  'extra/tooled.feature.js': `/** @mcp-clients tooled */
test('a client with sampling.tools opens', async () => {
  expect(await mcpClients.tooled.listTools()).toHaveTool('trigger-sampling-request');
});
`,
  'tsconfig.names.json': JSON.stringify({ extends: './tsconfig.json', include: ['names-check'] }, null, 2),
};

const projects = new Map<string, { dir: string; install: JestRun }>();
const OAUTH_SECRET = `canary-oauth-${randomUUID()}`;
let oauth: ChildProcess;
let oauthPort: number;

beforeAll(async () => {
  // The repo's loopback authorization + MCP server.
  ({ server: oauth, port: oauthPort } = await startListening(OAUTH_SERVER, ['0', 'test-client', OAUTH_SECRET], 'pipe'));
  const tarball = await packTarball(WORKSPACE.tmp);
  // All installs at once: they share the (warm) npm cache and mostly wait on it.
  await Promise.all(
    VARIANTS.map(async (variant) => {
      projects.set(
        variant.name,
        await installFresh(WORKSPACE.tmp, variant.name, tarball, [...variant.deps, ...COMMON_DEPS], PROJECT_FILES),
      );
    }),
  );
}, 420_000);

afterAll(() => {
  oauth?.kill('SIGKILL');
  WORKSPACE.remove();
});

test('the package ships only what users need', async () => {
  const dry = await mustRun('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], REPO, 60_000);
  const files = (JSON.parse(dry.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  const allowed = /^(dist\/.+|src\/.+\.ts|preset\/.+|jest-preset\.js|README\.md|CHANGELOG\.md|package\.json|LICENSE(\.md|\.txt)?)$/;
  expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  // Stack frames and Jest's code frames follow the source maps: what they point to must ship.
  const mapped = files
    .filter((f) => f.endsWith('.js.map'))
    .flatMap((map) => {
      const { sources } = JSON.parse(fs.readFileSync(path.join(REPO, map), 'utf8')) as { sources: string[] };
      return sources.map((source) => path.posix.normalize(path.posix.join(path.posix.dirname(map), source)));
    });
  expect(mapped.length).toBeGreaterThan(20);
  expect(mapped.filter((source) => !files.includes(source))).toEqual([]);
  // Every entry point the package.json names is in the tarball.
  const missing = entryPoints(REPO).filter((t) => !files.includes(t));
  expect(missing).toEqual([]);
});

describe.each(VARIANTS.map((v) => [v.name, v] as const))('a fresh project on %s', (name, variant) => {
  let dir: string;
  beforeAll(() => {
    dir = projects.get(name)!.dir;
  });

  test('installs the tarball, not a link, next to the intended Jest', () => {
    const installed = path.join(dir, 'node_modules/jest-mcp');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    // What only a checkout has, not the tarball (which ships src/ for its source maps).
    expect(fs.existsSync(path.join(installed, 'tsconfig.json'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'src/sdk/v1.ts'))).toBe(true);
    // jest-mcp's environment extends the project's own jest-environment-node (a peer, not nested).
    expect(fs.existsSync(path.join(installed, 'node_modules/jest-environment-node'))).toBe(false);
    for (const [pkg, version] of Object.entries(variant.versions)) {
      const { version: actual } = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(`${pkg}@${actual}`).toMatch(`${pkg}@${version}`);
    }
  });

  test('npx jest is green: calls, ${VAR} from .env, McpError, matchers, toStrictEqual', async () => {
    const result = path.join(dir, 'results.json');
    const jest = await run('npx', ['jest', '--json', `--outputFile=${result}`], dir, 120_000);
    const report = readReport(result);
    expect(report.failures).toEqual([]);
    expect(report.tests).toEqual(
      [
        'passed: a second file has its own session',
        'passed: callTool results are plain values of the test (toStrictEqual)',
        'passed: listTools and the matchers',
        'passed: ${VAR} from .env reaches the server',
        "passed: rejects.toThrow(McpError) with the test file's own import",
        'passed: globalThis.mcpClients',
        'passed: the snapshot serializer scrubs timestamps and ids',
        'passed: roots and sampling from config answer the server; received records its requests',
        'passed: session: test gives a fresh server process per test (1)',
        'passed: session: test gives a fresh server process per test (2)',
        'passed: withMcpClient opens a session inside a test and closes it',
        'passed: an elicitation answered by a module from config',
        'passed: await using closes a session opened inside the test',
      ].sort(),
    );
    expect(jest.code).toBe(0);
    expectCleanExit(jest);
    expectNoLeftovers({ marker: TAG });
  });

  test("ES module test files in Jest's ESM mode", async () => {
    const jest = await run('npx', ['jest', '-c', 'jest.esm.config.js'], dir, 120_000, { NODE_OPTIONS: '--experimental-vm-modules' });
    expect(jest.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(jest.code).toBe(0);
    expectCleanExit(jest);
    expectNoLeftovers({ marker: TAG });
  });

  test("OAuth client credentials, a failing test's MCP exchange in its report and its own line in the stack, secret never shown", async () => {
    const env = {
      OAUTH_URL: `http://127.0.0.1:${oauthPort}/mcp`,
      OAUTH_ISSUER: `http://127.0.0.1:${oauthPort}/`,
      OAUTH_SECRET,
    };
    const jest = await run('npx', ['jest', '-c', 'jest.extra.config.js'], dir, 120_000, env);
    expect(jest.output).toMatch(/Tests:\s+2 failed, 1 passed, 3 total/);
    expect(jest.output).toMatch(
      /● a rejected call points at its line[\s\S]*?> 3 \| {3}await mcpClients\.every\.readResource[\s\S]*?at .*\(extra\/callsite\.test\.js:3:\d+\)/,
    );
    expect(jest.output).toMatch(
      /● a failing test shows its MCP exchange[\s\S]*MCP exchange during this test[\s\S]*"name":"echo"[\s\S]*Echo: trace me/,
    );
    expect(jest.output).not.toContain(OAUTH_SECRET);
    expect(jest.code).toBe(1);
    expectCleanExit(jest);
  });

  test('2025-11-25: a task, URL-mode elicitation; sampling.tools needs 1.26 on 1.x', async () => {
    const jest = await run('npx', ['jest', '-c', 'jest.features.config.js'], dir, 120_000);
    if (name === 'sdk-oldest') {
      expect(jest.output).toMatch(/Tests:\s+2 passed, 2 total/);
      expect(jest.output).toContain(
        `sampling with tools (a tool_use answer) needs @modelcontextprotocol/sdk 1.26.0 or later, and ${OLDEST_SDK} is installed`,
      );
      expect(jest.code).toBe(1);
    } else {
      expect(jest.output).toMatch(/Tests:\s+3 passed, 3 total/);
      expect(jest.code).toBe(0);
    }
    expectCleanExit(jest);
  });

  test('tsc: mcpClients is typed (the SDK Client), not any', async () => {
    const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], dir, 120_000);
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });

  test('tsc: with McpClientNames declared, mcpClients.typo is an error', async () => {
    const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.names.json'], dir, 120_000);
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });
});
