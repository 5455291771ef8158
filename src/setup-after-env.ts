/**
 * The preset's `setupFilesAfterEnv` entry: runs in the test realm before the test file,
 * publishes the environment's clients as `globalThis.mcpClients` and installs the MCP matchers
 * and snapshot serializer. It runs for every test file, so it loads nothing a file does not need:
 * the environment made the matchers and serializer, and the bridge is loaded only for clients.
 */
import { ASYNC_DISPOSE_KEY, CONFIGURED_KEY, EXTRAS_KEY, REALM_LOADER_KEY, RESETS_KEY, SESSIONS_KEY } from './channels/keys';
import type { OpenClient } from './session/owner';
import type { McpSnapshotSerializer } from './expect/serializer';

const global = globalThis as Record<symbol, unknown> & { mcpClients?: unknown };

// Node 20's vm realms have no Symbol.asyncDispose: lend them Node's, so `await using` works in tests.
const nodeAsyncDispose = global[ASYNC_DISPOSE_KEY] as symbol | undefined;
if (nodeAsyncDispose && !(Symbol as { asyncDispose?: symbol }).asyncDispose) {
  Object.defineProperty(Symbol, 'asyncDispose', { value: nodeAsyncDispose });
}

const entries = global[SESSIONS_KEY] as OpenClient[] | undefined;
// No client in this file: nothing to bridge. (Undefined: not our environment; the bridge says so on use.)
global.mcpClients =
  entries?.length === 0
    ? {}
    : (require('./realm/client-proxy') as typeof import('./realm/client-proxy')).createClients(
        entries,
        global[CONFIGURED_KEY] as string[] | undefined,
      );
// In-process servers load through this file's `require`, the test's registry; the loader itself only when one opens.
global[REALM_LOADER_KEY] = () => (require('./realm/server-loader') as typeof import('./realm/server-loader')).realmLoader;
// Before the file runs, so the classes are those its own top-level import gets, whatever it resets later.
if (entries?.length && global[RESETS_KEY]) (require('./realm/errors') as typeof import('./realm/errors')).keepErrorClasses();

// Without jest-mcp's environment (its setup file used alone), made here instead.
const extras = (global[EXTRAS_KEY] as { matchers: object; serializer?: McpSnapshotSerializer } | undefined) ?? {
  matchers: (require('./expect/matchers') as typeof import('./expect/matchers')).mcpMatchers,
  serializer: (require('./expect/serializer') as typeof import('./expect/serializer')).createSnapshotSerializer(),
};
// Absent with `injectGlobals: false`; such projects call expect.extend(mcpMatchers) themselves.
const globalExpect = (globalThis as { expect?: { extend(m: object): void; addSnapshotSerializer(s: object): void } }).expect;
globalExpect?.extend(extras.matchers);
if (extras.serializer) globalExpect?.addSnapshotSerializer(extras.serializer);
