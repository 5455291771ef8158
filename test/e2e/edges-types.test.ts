import { EDGES_STDIO } from '../helpers/fixtures';
import { expectCleanExit } from '../helpers/checks';
import { type JestRun } from '../helpers/jest-process';
import { installFresh, packTarball, packWorkspace, run } from '../helpers/pack';

/**
 * Types as a user of `@jest/globals` sees them, strict, from the packed tarball on Jest 30 and
 * Jest 29.7: the MCP matchers on `@jest/globals`' `expect`, `expect.extend(mcpMatchers)`,
 * `toHaveContentType` limited to MCP's content types, `textOf`/`jsonOf` typed, declared client
 * names; every misuse is an `@ts-expect-error` that tsc holds to being an error. Then the same
 * file runs (ts-jest) against a real server.
 */

const WORKSPACE = packWorkspace();
const VARIANTS = [
  { name: 'jest30', deps: ['jest@30', 'ts-jest', '@jest/globals@30'] },
  { name: 'jest29', deps: ['jest@29.7', 'jest-environment-node@29.7', 'ts-jest@29', '@jest/globals@29.7'] },
];
const COMMON_DEPS = ['typescript@~5.9', '@types/node@20', '@modelcontextprotocol/sdk@1'];

const FILES: Record<string, string> = {
  'jest.config.js': `module.exports = {
  preset: 'jest-mcp',
  injectGlobals: false,
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  testEnvironmentOptions: { mcp: { clients: { edges: { command: 'node', args: [${JSON.stringify(EDGES_STDIO)}] } } } },
};
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
        types: ['node', 'jest-mcp'],
      },
      include: ['test'],
    },
    null,
    2,
  ),
  'test/names.d.ts': `import 'jest-mcp';
declare module 'jest-mcp' {
  interface McpClientNames {
    edges: true;
  }
}
`,
  'test/globals.test.ts': `import { expect, test } from '@jest/globals';
import { jsonOf, mcpMatchers, openMcpClient, textOf } from 'jest-mcp';

// What a project with injectGlobals: false writes (the README's snippet), strict.
expect.extend(mcpMatchers);

test('matchers, textOf and jsonOf, typed on @jest/globals', async () => {
  const c = mcpClients.edges;
  expect(await c.listTools()).toHaveTool('texts');
  const texts = await c.callTool({ name: 'texts', arguments: { parts: ['a', 'b'] } });
  const text: string = textOf(texts);
  expect(text).toBe('a\\nb');
  expect(texts).toHaveTextContent('b');
  expect(texts).toHaveContentType('text');
  expect(texts).not.toHaveContentType('resource_link');
  // @ts-expect-error: not an MCP content type
  expect(texts).not.toHaveContentType('video');
  const structured = jsonOf<{ value: { n: number } }>(await c.callTool({ name: 'json', arguments: { value: { n: 1 }, structured: true } }));
  const n: number = structured.value.n;
  expect(n).toBe(1);
  // @ts-expect-error: jsonOf's type says what is there
  expect(structured.value.missing).toBeUndefined();
  // @ts-expect-error: textOf takes a result, not a string
  expect(() => textOf('not a result')).toThrow(/textOf: the result has no text content/);
  await expect(openMcpClient('nope' as 'edges')).rejects.toThrow(/not configured/);
  // @ts-expect-error: not a declared client name
  void mcpClients.nope;
  if (Math.random() > 2) {
    // @ts-expect-error: not a declared client name
    await openMcpClient('nope');
  }
});
`,
};

const projects = new Map<string, string>();

beforeAll(async () => {
  const tarball = await packTarball(WORKSPACE.tmp);
  await Promise.all(
    VARIANTS.map(async (variant) => {
      const { dir } = await installFresh(WORKSPACE.tmp, variant.name, tarball, [...variant.deps, ...COMMON_DEPS], FILES);
      projects.set(variant.name, dir);
    }),
  );
}, 420_000);

afterAll(() => WORKSPACE.remove());

describe.each(VARIANTS.map((v) => [v.name] as const))('a fresh project on %s', (name) => {
  test('tsc, strict: the matchers on @jest/globals, their argument types, textOf/jsonOf, client names', async () => {
    const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], projects.get(name)!, 120_000);
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });

  test('the same file runs against a real server', async () => {
    const jest: JestRun = await run('npx', ['jest', '--ci'], projects.get(name)!, 120_000);
    expect(jest.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(jest.code).toBe(0);
    expectCleanExit(jest);
  });
});
