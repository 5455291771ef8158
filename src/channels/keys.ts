/**
 * Every `Symbol.for` key jest-mcp uses, defined once. `Symbol.for` keys are shared by every realm
 * of a process, so they are how the environment (Node's realm) leaves things on the test file's
 * global for the test realm, and how a process keeps one of something whatever copy of a module
 * loaded it. A module of its own, loading nothing, so the preset's setup file can read it cheaply.
 */

// Environment (worker, Node's realm) → the test realm, on the test file's global.

/** The file's open clients, in declaration order, for the bridge. */
export const SESSIONS_KEY = Symbol.for('jest-mcp.sessions');
/** The matchers and snapshot serializer, made once per worker in Node's realm. */
export const EXTRAS_KEY = Symbol.for('jest-mcp.extras');
/** Set when Jest loads the test file as an ES module. */
export const ESM_KEY = Symbol.for('jest-mcp.esm');
/** Set once the file's last test and hooks have run. */
export const FINISHED_KEY = Symbol.for('jest-mcp.finished');
/** The SDK generation the file's clients come from ('v1' or 'v2'), for the bridge's error classes. */
export const SDK_KEY = Symbol.for('jest-mcp.sdk');
/** Jest's rootDir of the file's project, for paths a test-realm module resolves (the conformance baseline). */
export const ROOT_KEY = Symbol.for('jest-mcp.rootDir');
/** Set while the conformance suite's own requests run: the coverage reporter does not count them as tests. */
export const UNCOUNTED_KEY = Symbol.for('jest-mcp.uncounted');
/** Set by the preset's setup file: loads an in-process client's server module in the test file's own registry. */
export const REALM_LOADER_KEY = Symbol.for('jest-mcp.realm-loader');
/** The environment's opener, for `openMcpClient` in the test realm. */
export const OPENER_KEY = Symbol.for('jest-mcp.open-client');
/** On a bridged client: its HTTP server's address, headers and auth probe, for the conformance suite's raw requests. */
export const HTTP_TARGET_KEY = Symbol.for('jest-mcp.http-target');
/** Set when the test file resets its module registry (jest.resetModules, isolateModules): the bridge keeps the SDK's error classes it loaded first. */
export const RESETS_KEY = Symbol.for('jest-mcp.resets-modules');
/** Every client the config names, also those the file's `@mcp-clients` left out: not typos of the file's clients. */
export const CONFIGURED_KEY = Symbol.for('jest-mcp.configured-clients');
/** What test-realm code cannot do itself (start an authorization server, sign tokens): authserver/bridge-key.ts. */
export const OAUTH_BRIDGE_KEY = Symbol.for('jest-mcp.oauth');
/** Node's `Symbol.asyncDispose`, lent to a test realm whose vm lacks it (Node 20), for `await using`. */
export const ASYNC_DISPOSE_KEY = Symbol.for('jest-mcp.asyncDispose');

// Marks on values, read in any realm.

/** On a bridged client: the name it has in config (`mcpClients.<name>`), for helpers' messages. */
export const CLIENT_NAME_KEY = Symbol.for('jest-mcp.client-name');
/** On an `mcpContract()` result: the snapshot serializer keeps its key order. */
export const CONTRACT_MARK = Symbol.for('jest-mcp.contract');

// One per process, on the process's global object.

/** The reaper's state (reaper.ts): one reaper per process. */
export const REAPER_STATE_KEY = Symbol.for('jest-mcp.reaper');
/** The authorization servers of `mcp.authServers` this process started (authserver/run.ts). */
export const RUN_AUTH_SERVERS_KEY = Symbol.for('jest-mcp.run-auth-servers');
/** Stdio servers whose exit is still awaited in the background (process/pending-stops.ts). */
export const PENDING_STOPS_KEY = Symbol.for('jest-mcp.pending-stops');
/** The servers of `mcp.servers` this process started (servers/registry.ts). */
export const RUN_SERVERS_KEY = Symbol.for('jest-mcp.run-servers');
