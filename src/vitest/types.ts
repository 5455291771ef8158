import type { McpClientHandle, McpClientName, McpClients } from '../client-types';
import type { McpClientOptions } from '../config/types';

/**
 * The fixtures `test` from jest-mcp/vitest adds to Vitest's test context. Types only; nothing
 * here refers to Jest.
 */
export interface McpVitestFixtures {
  /**
   * Every client of the file, by name: sessions opened once per file, when the first test that
   * uses them runs, and closed after its last test (last opened first). A client with
   * `session: 'test'` gets a fresh session for every test.
   */
  mcpClients: McpClients;
  /**
   * Opens a session of the test's own: a configured client's name (also one `mcpClientNames`
   * left out), or a client config of the same shape. Closed by `await using`, `close()`, or
   * after the test at the latest.
   */
  openMcpClient: (target: McpClientName | McpClientOptions) => Promise<McpClientHandle>;
  /**
   * Which configured clients this file opens; all of them when undefined. Set it for a file with
   * `test.override({ mcpClientNames: ['alice'] })` (Vitest 4) or `test.scoped(…)` (3.2).
   */
  mcpClientNames: readonly McpClientName[] | undefined;
}
