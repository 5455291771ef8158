import { CORE_STDIO, RUN_HTTP } from './fixtures';

/**
 * The fresh Vitest project the jest-mcp/vitest suite installs the packed tarball into: a
 * `vitest.config.mjs` built with mcpVitest, and test files for its scenarios. `${…}` values
 * reach the config through the environment of each run (EVENTS, HTTP_BASE, TOKEN, MARKER).
 */

const stdio = (tag: string, ...flags: string[]) =>
  `{ command: process.execPath, args: [${JSON.stringify(CORE_STDIO)}, '${tag}', '\${EVENTS}', ${flags.map((f) => `'${f}', `).join('')}'\${MARKER}'] }`;

export const VITEST_FILES: Record<string, string> = {
  'vitest.config.mjs': `import { defineConfig } from 'vitest/config';
import { mcpVitest } from 'jest-mcp/vitest/config';

export default defineConfig({
  test: {
    ...mcpVitest({
      clients: {
        first: ${stdio('first')},
        second: { ...${stdio('second')}, env: { CORE_TOKEN: '\${TOKEN}' } },
        fresh: { ...${stdio('fresh')}, session: 'test' },
        http: { url: '\${HTTP_BASE}/mcp' },
        run: { server: 'web' },
        hang: { ...${stdio('hang', '--silent')}, timeouts: { connect: 1.5 } },
        stuck: { url: '\${HTTP_BASE}/hang-delete/mcp', timeouts: { close: 1 } },
      },
      servers: { web: { command: process.execPath, args: [${JSON.stringify(RUN_HTTP)}, '--port', '\${PORT}', '\${MARKER}'] } },
    }),
    include: ['t/**/*.test.ts'],
  },
});
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        // DOM: the MCP SDK's own declarations use fetch's types (HeadersInit).
        lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
        types: ['node'],
      },
      include: ['t'],
    },
    null,
    2,
  ),
  'package.json': JSON.stringify({ name: 'fresh-vitest', version: '1.0.0', private: true, type: 'module' }),
  't/names.d.ts': `import 'jest-mcp/vitest';
declare module 'jest-mcp/vitest' {
  interface McpClientNames {
    first: true;
    second: true;
    fresh: true;
    http: true;
    run: true;
    hang: true;
    stuck: true;
  }
}
`,
  't/clients.test.ts': `import { test, expect, textOf } from 'jest-mcp/vitest';

test.override({ mcpClientNames: ['first', 'second', 'fresh', 'http', 'run'] });

const tagOf = async (c: { callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown> }) =>
  JSON.parse(textOf((await c.callTool({ name: 'whoami', arguments: {} })) as never)).tag as string;

test('stdio clients, one session for the file', async ({ mcpClients }) => {
  await expect(mcpClients.first.listTools()).resolves.toHaveTool('whoami');
  expect(await tagOf(mcpClients.second)).toBe('second');
});

test('a Streamable HTTP client and one of a run-wide server', async ({ mcpClients }) => {
  await expect(mcpClients.http.callTool({ name: 'whoami', arguments: {} })).resolves.toBeToolSuccess();
  const tools = await mcpClients.run.listTools();
  expect(tools.tools.length).toBeGreaterThan(0);
});

test('a session per test, and one the test opens itself', async ({ mcpClients, openMcpClient }) => {
  expect(await tagOf(mcpClients.fresh)).toBe('fresh');
  const own = await openMcpClient('first');
  expect(await tagOf(own)).toBe('first');
  // @ts-expect-error: not a declared client name
  await expect(openMcpClient('nope')).rejects.toThrow(/not configured/);
});
`,
  't/fails.test.ts': `import { test, expect } from 'jest-mcp/vitest';

test.override({ mcpClientNames: ['second'] });

test('shows its MCP exchange', async ({ mcpClients }) => {
  const result = await mcpClients.second.callTool({ name: 'whoami', arguments: { env: ['CORE_TOKEN'] } });
  expect(result).toHaveTextContent('not what the server said');
});
`,
  't/hang.test.ts': `import { test, expect } from 'jest-mcp/vitest';

test.override({ mcpClientNames: ['hang'] });

test('never gets its client', async ({ mcpClients }) => {
  expect(mcpClients.hang).toBeDefined();
});
`,
  't/close.test.ts': `import { test, expect } from 'jest-mcp/vitest';

test.override({ mcpClientNames: ['first', 'stuck'] });

test('passes, and its session will not end', async ({ mcpClients }) => {
  await expect(mcpClients.stuck.listTools()).resolves.toHaveTool('whoami');
});
`,
};

/** Vitest 3.2 calls `test.override` `test.scoped`: the same files, said its way. */
export function filesFor(major: 3 | 4): Record<string, string> {
  if (major === 4) return VITEST_FILES;
  return Object.fromEntries(Object.entries(VITEST_FILES).map(([file, text]) => [file, text.replace(/test\.override\(/g, 'test.scoped(')]));
}
