// jest-mcp/vitest: Vitest's `test` with jest-mcp's fixtures, and its `expect` with the MCP
// matchers. An ES module because Vitest is one (it refuses `require`); the work is done by the
// compiled CommonJS in dist/vitest/, which is handed Vitest's parts and never imports vitest itself.
import { test as base, expect, inject } from 'vitest';
import fixtures from '../dist/vitest/fixtures.js';
import setup from '../dist/vitest/setup-file.js';

// Also without mcpVitest's setup file (a project that lists its own setupFiles and forgot ours).
setup.installMcpExpect(expect, inject);

export const test = base.extend(fixtures.mcpFixtures({ inject, expect }));
export const it = test;
export { expect };
export { textOf, jsonOf, mcpContract, callToolAsTask, mcpMatchers } from '../dist/index.js';
