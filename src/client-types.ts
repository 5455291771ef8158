/**
 * The types of the clients tests get, shared by the Jest and Vitest faces. Nothing here refers to
 * Jest or Vitest, so a project that has only one of them type-checks with `skipLibCheck: false`.
 */
import type { McpListings } from './session/listings';
import type { McpReceived } from './realm/client-proxy';
import type { ClientOf } from './sdk';

/**
 * Which SDK's `Client` the types use. By default 2.x's (`@modelcontextprotocol/client`) where it
 * is installed, else 1.x's. When both are installed and the tests use 1.x (`mcp.sdk: 'v1'`, or a
 * package.json that declares only `@modelcontextprotocol/sdk`), say so here too:
 *
 *     declare module 'jest-mcp' {
 *       interface McpTypes { sdk: 'v1' }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface McpTypes {}

/**
 * A live MCP client session: the MCP SDK's own `Client`, plus what the server sent it and (for a
 * file that mentions it) what the server listed at setup.
 */
export type McpClient = ClientOf<McpTypes extends { sdk: infer G } ? G : undefined> & {
  readonly received: McpReceived;
  /** Every tool, resource, template and prompt the server listed, fetched before the file is collected (for `test.each`). */
  readonly listed: McpListings;
};

/** A client opened by `openMcpClient`: an `McpClient` whose `close()` ends the session fully. */
export type McpClientHandle = McpClient & AsyncDisposable;

/**
 * Declare your client names here for autocompletion and typo checks:
 *
 *     declare module 'jest-mcp' {
 *       interface McpClientNames { notes: true; alice: true }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface McpClientNames {}

/** A configured client's name: any string, or one of `McpClientNames` once you declare them. */
export type McpClientName = keyof McpClientNames extends never ? string : Extract<keyof McpClientNames, string>;

/** `mcpClients`: every open client of the test file, by name. */
export type McpClients = keyof McpClientNames extends never
  ? Record<string, McpClient>
  : { readonly [K in keyof McpClientNames]: McpClient };
