/// <reference types="expect" preserve="true" />
/**
 * `jest-mcp`: the preset's helpers, the option and client types, the error classes.
 * @module jest-mcp
 */
import type { McpMatchers } from './expect/matchers';

export type {
  McpAuthOptions,
  McpProtocol,
  McpResponder,
  McpElicitationModes,
  McpElicitationOptions,
  McpSamplingOptions,
  McpClientOptions,
  McpHttpClientOptions,
  McpModuleClientOptions,
  McpOptions,
  McpSecretsOptions,
  McpServerClientOptions,
  McpServerOptions,
  McpStdioClientOptions,
  McpTimeoutOptions,
} from './config/types';
export {
  JestMcpError,
  McpConfigError,
  McpModuleError,
  McpServerError,
  McpSetupError,
  McpTeardownError,
  type JestMcpErrorCode,
} from './util/errors';
export { TimeoutError } from './util/timeout';
import type McpEnvironmentClass = require('./environment');
import type * as Matchers from './expect/matchers';
import type * as Hooks from './servers/global-hooks';
import type * as Compose from './config/with-mcp';
import type * as Matrix from './config/protocol-matrix';
import type * as OpenClient from './realm/open-client';
import type * as Results from './realm/results';
import type * as Tasks from './realm/tasks';
import type * as Contract from './realm/contract';
export type { McpMatchers } from './expect/matchers';
export type { McpCoverageReporterOptions } from './coverage/reporter';
export type { JestConfigLike } from './config/with-mcp';

/*
 * Every value below loads on first use. Test files import this module inside the test realm,
 * once per file, usually for openMcpClient alone: loading the environment (and with it
 * jest-environment-node, dotenv and the config code) there would be waste.
 */

/** The test environment class, to extend. */
export declare const McpEnvironment: typeof McpEnvironmentClass;
export declare const mcpMatchers: typeof Matchers.mcpMatchers;
/** @function */
export declare const mcpGlobalSetup: typeof Hooks.mcpGlobalSetup;
/** @function */
export declare const mcpGlobalTeardown: typeof Hooks.mcpGlobalTeardown;
/** @function */
export declare const withMcp: typeof Compose.withMcp;
/**
 * One Jest project per MCP protocol revision, each named in Jest's output: `withProtocolMatrix(config, ['legacy', '2026-07-28'])`.
 * @function
 */
export declare const withProtocolMatrix: typeof Matrix.withProtocolMatrix;
/**
 * Opens a fresh session: `target` is the name of a client configured in
 * `testEnvironmentOptions.mcp.clients` (also one the file's `@mcp-clients` left out), or a client
 * config of the same shape. Closed by `await using`, `close()`, or at the latest after the file.
 * @function
 */
export declare const openMcpClient: (target: McpClientName | McpClientOptions) => Promise<McpClientHandle>;
/**
 * The callback form: opens, runs `fn`, and closes whatever `fn` did.
 * @function
 */
export declare const withMcpClient: <T>(target: McpClientName | McpClientOptions, fn: (client: McpClient) => Promise<T> | T) => Promise<T>;

/**
 * The text of a tool result: its text items joined with newlines. Throws, saying what the result
 * holds, if it has none.
 * @function
 */
export declare const textOf: typeof Results.textOf;
/**
 * The JSON of a tool result: its `structuredContent`, else its first text item parsed. Throws,
 * saying what the result holds, if neither works. `jsonOf<{ total: number }>(result)` types it.
 * @function
 */
export declare const jsonOf: typeof Results.jsonOf;
export type { McpContentType, McpToolResultLike } from './realm/results';
/**
 * Calls a tool as a task (MCP 2025-11-25): `tools/call` with a `task`, `tasks/get` polls at the
 * server's `pollInterval`, then `tasks/result`. Resolves to `{ task, result, statuses }`; rejects
 * with an `McpTaskError` (client, tool, task, statuses seen) when the server or tool does not
 * support tasks, the task fails or is cancelled, or it outlasts `timeout`.
 * @function
 */
export declare const callToolAsTask: typeof Tasks.callToolAsTask;
export type { McpTaskCallOptions, McpTaskCallOutcome, McpTaskError, McpTaskToolCall, McpTaskToolResult } from './realm/tasks';
export type { McpTask, McpTaskStatus } from './realm/task-status';
/**
 * What the server behind a client offers (tools, resources, templates, prompts, capabilities),
 * every page fetched, keyed by name with keys sorted: `expect(await mcpContract(mcpClients.notes,
 * { descriptions: false })).toMatchSnapshot()` fails on API drift, not on order or rewording.
 * Also takes `mcpClients.notes.listed`.
 * @function
 */
export declare const mcpContract: typeof Contract.mcpContract;
export type { McpContract, McpContractOptions } from './expect/contract-shape';
export type { McpContractFetchOptions } from './realm/contract';
export type { McpToolAnnotations } from './expect/annotation-matchers';
export type { McpAppResourceExpectation, McpAppUiExpectation, McpAppCsp } from './expect/app-matchers';

const lazy = {
  get McpEnvironment() {
    return require('./environment') as typeof McpEnvironmentClass;
  },
  get mcpMatchers() {
    return (require('./expect/matchers') as typeof Matchers).mcpMatchers;
  },
  get mcpGlobalSetup() {
    return (require('./servers/global-hooks') as typeof Hooks).mcpGlobalSetup;
  },
  get mcpGlobalTeardown() {
    return (require('./servers/global-hooks') as typeof Hooks).mcpGlobalTeardown;
  },
  get withMcp() {
    return (require('./config/with-mcp') as typeof Compose).withMcp;
  },
  get withProtocolMatrix() {
    return (require('./config/protocol-matrix') as typeof Matrix).withProtocolMatrix;
  },
  get openMcpClient() {
    return (require('./realm/open-client') as typeof OpenClient).openMcpClient;
  },
  get withMcpClient() {
    return (require('./realm/open-client') as typeof OpenClient).withMcpClient;
  },
  get textOf() {
    return (require('./realm/results') as typeof Results).textOf;
  },
  get jsonOf() {
    return (require('./realm/results') as typeof Results).jsonOf;
  },
  get callToolAsTask() {
    return (require('./realm/tasks') as typeof Tasks).callToolAsTask;
  },
  get mcpContract() {
    return (require('./realm/contract') as typeof Contract).mcpContract;
  },
};
// Each in the shape Node's CommonJS lexer recognises, so ESM `import { openMcpClient }` works.
Object.defineProperty(exports, 'McpEnvironment', {
  enumerable: true,
  get: function () {
    return lazy.McpEnvironment;
  },
});
Object.defineProperty(exports, 'mcpMatchers', {
  enumerable: true,
  get: function () {
    return lazy.mcpMatchers;
  },
});
Object.defineProperty(exports, 'mcpGlobalSetup', {
  enumerable: true,
  get: function () {
    return lazy.mcpGlobalSetup;
  },
});
Object.defineProperty(exports, 'mcpGlobalTeardown', {
  enumerable: true,
  get: function () {
    return lazy.mcpGlobalTeardown;
  },
});
Object.defineProperty(exports, 'withMcp', {
  enumerable: true,
  get: function () {
    return lazy.withMcp;
  },
});
Object.defineProperty(exports, 'withProtocolMatrix', {
  enumerable: true,
  get: function () {
    return lazy.withProtocolMatrix;
  },
});
Object.defineProperty(exports, 'openMcpClient', {
  enumerable: true,
  get: function () {
    return lazy.openMcpClient;
  },
});
Object.defineProperty(exports, 'withMcpClient', {
  enumerable: true,
  get: function () {
    return lazy.withMcpClient;
  },
});

Object.defineProperty(exports, 'textOf', {
  enumerable: true,
  get: function () {
    return lazy.textOf;
  },
});
Object.defineProperty(exports, 'jsonOf', {
  enumerable: true,
  get: function () {
    return lazy.jsonOf;
  },
});
Object.defineProperty(exports, 'callToolAsTask', {
  enumerable: true,
  get: function () {
    return lazy.callToolAsTask;
  },
});
Object.defineProperty(exports, 'mcpContract', {
  enumerable: true,
  get: function () {
    return lazy.mcpContract;
  },
});

export type { McpReceived } from './realm/client-proxy';
export type { McpListings, ListedTool, ListedResource, ListedTemplate, ListedPrompt } from './session/listings';
export type { ReceivedMessage, WaitOptions } from './session/inbox';
// Declared in a module of their own that references nothing of Jest's, so jest-mcp/vitest shares them;
// `declare module 'jest-mcp' { interface McpClientNames … }` still merges into them through these re-exports.
export type { McpTypes, McpClient, McpClientHandle, McpClientNames, McpClientName, McpClients } from './client-types';
import type { McpClient, McpClientHandle, McpClientName, McpClients } from './client-types';
import type { McpClientOptions } from './config/types';

// The same for `expect` from '@jest/globals' (Jest 29.7 and 30 alike): its matchers are the `expect` package's
// (Jest's own dependency). The reference at the top brings that module into the program, in the published
// declarations too; an augmentation alone does not (TS2664 when nothing else imported it).
declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends McpMatchers<R> {}
}

declare global {
  // `var` is what makes it a property of globalThis, for both `mcpClients` and `globalThis.mcpClients`.
  var mcpClients: McpClients;

  // The preset installs these with expect.extend (typed here for @types/jest's global `expect`).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends McpMatchers<R> {}
  }
}
