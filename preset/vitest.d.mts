// Types of jest-mcp/vitest. Hand-written beside preset/vitest.mjs: the augmentation of 'vitest'
// must be made from an ES module, the way a Vitest project's own files resolve 'vitest'.
import type { TestAPI } from 'vitest';
import type { McpMatchers } from '../dist/expect/matchers.js';
import type { McpVitestFixtures } from '../dist/vitest/types.js';
import type * as Results from '../dist/realm/results.js';
import type * as Tasks from '../dist/realm/tasks.js';
import type * as Contract from '../dist/realm/contract.js';
import type * as Matchers from '../dist/expect/matchers.js';

export { expect } from 'vitest';
/** Vitest's `test`, with `mcpClients`, `openMcpClient` and `mcpClientNames` in its context. */
export declare const test: TestAPI<McpVitestFixtures>;
export declare const it: TestAPI<McpVitestFixtures>;
export declare const textOf: typeof Results.textOf;
export declare const jsonOf: typeof Results.jsonOf;
export declare const mcpContract: typeof Contract.mcpContract;
export declare const callToolAsTask: typeof Tasks.callToolAsTask;
export declare const mcpMatchers: typeof Matchers.mcpMatchers;

export type { McpVitestFixtures } from '../dist/vitest/types.js';
export type { McpClient, McpClientHandle, McpClientName, McpClientNames, McpClients, McpTypes } from '../dist/client-types.js';
export type { McpClientOptions, McpOptions } from '../dist/config/types.js';
export type { McpMatchers } from '../dist/expect/matchers.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends McpMatchers<void> {}
}
