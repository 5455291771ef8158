import type { McpMatchers } from './expect/matchers';

export type {
  McpResponder,
  McpClientOptions,
  McpHttpClientOptions,
  McpOptions,
  McpServerClientOptions,
  McpServerOptions,
  McpStdioClientOptions,
  McpTimeoutOptions,
} from './config/types';
export { JestMcpError, McpConfigError, McpModuleError, McpServerError, McpSetupError, McpTeardownError, type JestMcpErrorCode } from './util/errors';
export { TimeoutError } from './util/timeout';
import type McpEnvironmentClass = require('./environment');

/**
 * The test environment class, to extend. Loaded on first use: test files import this module (for
 * openMcpClient) inside the test realm, where loading jest-environment-node would be waste.
 */
export declare const McpEnvironment: typeof McpEnvironmentClass;
const lazy = {
  get McpEnvironment(): typeof McpEnvironmentClass {
    return require('./environment') as typeof McpEnvironmentClass;
  },
};
// Written in the shape Node's CommonJS lexer recognises, so ESM `import { McpEnvironment }` works.
Object.defineProperty(exports, 'McpEnvironment', { enumerable: true, get: function () { return lazy.McpEnvironment; } });
export { mcpMatchers, type McpMatchers } from './expect/matchers';
export { mcpGlobalSetup, mcpGlobalTeardown } from './servers/global-hooks';
export { withMcp, type JestConfigLike } from './config/with-mcp';
export { openMcpClient, withMcpClient, type McpClientHandle } from './realm/open-client';

export type { McpClient, McpReceived } from './realm/client-proxy';
export type { ReceivedMessage, WaitOptions } from './session/inbox';
import type { McpClient } from './realm/client-proxy';

/**
 * Declare your client names here for autocompletion and typo checks:
 *
 *     declare module 'jest-mcp' {
 *       interface McpClientNames { notes: true; alice: true }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface McpClientNames {}

/** `globalThis.mcpClients`: every open client of the test file, by name. */
export type McpClients = keyof McpClientNames extends never
  ? Record<string, McpClient>
  : { readonly [K in keyof McpClientNames]: McpClient };

declare global {
  // `var` is what makes it a property of globalThis, for both `mcpClients` and `globalThis.mcpClients`.
  // eslint-disable-next-line no-var
  var mcpClients: McpClients;

  // The preset installs these with expect.extend (typed here for @types/jest's global `expect`).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends McpMatchers<R> {}
  }
}
