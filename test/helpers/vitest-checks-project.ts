/**
 * The fresh Vitest project of the whole-server checks suite (test/e2e/vitest-checks.test.ts):
 * server-everything over Streamable HTTP as client `every`, the MCP coverage reporter through
 * mcpVitest({ coverage }), the conformance suite, a contract snapshot and a result snapshot. The
 * URL, the token and the threshold reach the config through the environment of each run.
 */

const config = (threshold: string) => `import { defineConfig } from 'vitest/config';
import { mcpVitest } from 'jest-mcp/vitest/config';

const mcp = mcpVitest({
  clients: { every: { url: process.env.EVERY_URL, headers: { Authorization: 'Bearer \${TOKEN}' } } },
  coverage: { outputFile: 'mcp-coverage.json', threshold: ${threshold} },
});

export default defineConfig({
  test: {
    ...mcp,
    reporters: [...mcp.reporters, ['json', { outputFile: 'vitest-report.json' }]],
    include: ['t/**/*.test.mjs'],
  },
});
`;

export const CHECKS_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fresh-vitest-checks', version: '1.0.0', private: true, type: 'module' }),
  // One tool called of server-everything's thirteen or so: above 5%, far below 100%.
  'vitest.config.mjs': config('{ tools: 5 }'),
  'vitest.strict.config.mjs': config('{ tools: 100, clients: { every: { tools: 100 } } }'),
  // The conformance suite alone, known failures in a baseline file (from Vitest's root).
  'vitest.baseline.config.mjs': `import { defineConfig } from 'vitest/config';
import { mcpVitest } from 'jest-mcp/vitest/config';

export default defineConfig({
  test: { ...mcpVitest({ clients: { every: { url: process.env.EVERY_URL } } }), include: ['b/**/*.test.mjs'] },
});
`,
  'b/baseline.test.mjs': `import { describeConformance } from 'jest-mcp/vitest/conformance';

describeConformance('every', { baseline: 'conformance-baseline.json', readOnly: true });
`,
  // server-everything checks neither Host nor Origin: known failures, run as test.fails.
  't/conformance.test.mjs': `import { describeConformance } from 'jest-mcp/vitest/conformance';

describeConformance('every', { expectedFailures: ['http/dns-rebinding-host', 'http/dns-rebinding-origin'], maxItems: 3 });
`,
  't/contract.test.mjs': `import { test, expect, mcpContract } from 'jest-mcp/vitest';

test('the server keeps its contract', async ({ mcpClients }) => {
  expect(await mcpContract(mcpClients.every, { descriptions: false })).toMatchSnapshot();
});

test('a result snapshot hides the token', async ({ mcpClients }) => {
  expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: process.env.TOKEN } })).toMatchSnapshot();
});
`,
};
