/**
 * Where the environment (Node's realm) leaves things on the test's global for the test realm.
 * Symbol.for keys are shared by realms. A module of its own, so that the preset's setup file can
 * read them without loading anything else.
 */

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
/** On a bridged client: the name it has in config (`mcpClients.<name>`), for helpers' messages. */
export const CLIENT_NAME_KEY = Symbol.for('jest-mcp.client-name');
/** Jest's rootDir of the file's project, for paths a test-realm module resolves (the conformance baseline). */
export const ROOT_KEY = Symbol.for('jest-mcp.rootDir');
/** Set while the conformance suite's own requests run: the coverage reporter does not count them as tests. */
export const UNCOUNTED_KEY = Symbol.for('jest-mcp.uncounted');
/** On a bridged client: its HTTP server's address, headers and auth probe, for the conformance suite's raw requests. */
export const HTTP_TARGET_KEY = Symbol.for('jest-mcp.http-target');
/** Set when the test file resets its module registry (jest.resetModules, isolateModules): the bridge keeps the SDK's error classes it loaded first. */
export const RESETS_KEY = Symbol.for('jest-mcp.resets-modules');
/** Every client the config names, also those the file's `@mcp-clients` left out: not typos of the file's clients. */
export const CONFIGURED_KEY = Symbol.for('jest-mcp.configured-clients');
