/**
 * The preset's `setupFilesAfterEnv` entry: runs in the test realm before the test file,
 * publishes the environment's clients as `globalThis.mcpClients` and installs the MCP matchers.
 */
import { SESSIONS_KEY, createClients } from './bridge';
import type { OpenClient } from './session-owner';
import { mcpMatchers } from './matchers';
import snapshotSerializer, { serializerEnabled } from './snapshot-serializer';

// Node 20's vm realms have no Symbol.asyncDispose: lend them Node's, so `await using` works in tests.
const nodeAsyncDispose = (globalThis as Record<symbol, symbol | undefined>)[Symbol.for('jest-mcp.asyncDispose')];
if (nodeAsyncDispose && !(Symbol as { asyncDispose?: symbol }).asyncDispose) {
  Object.defineProperty(Symbol, 'asyncDispose', { value: nodeAsyncDispose });
}

const entries = (globalThis as Record<symbol, unknown>)[SESSIONS_KEY] as OpenClient[] | undefined;
(globalThis as { mcpClients?: unknown }).mcpClients = createClients(entries);

// Absent with `injectGlobals: false`; such projects call expect.extend(mcpMatchers) themselves.
const globalExpect = (globalThis as { expect?: { extend(m: object): void; addSnapshotSerializer(s: object): void } }).expect;
globalExpect?.extend(mcpMatchers);
if (serializerEnabled()) globalExpect?.addSnapshotSerializer(snapshotSerializer);
