import type { McpSdk, SdkGeneration } from './types';

/**
 * The door to the MCP SDK: nothing outside `sdk/` imports an SDK package. `loadSdk()` hands out
 * the module of one SDK generation; its parts load on first use.
 */

export type * from './types';
export { resolveSdkGeneration } from './detect';
/** The client class tests receive: the SDK's own, typed as that SDK declares it. */
export type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { resolveSdkGeneration } from './detect';

let lastLoaded: SdkGeneration | undefined;

export function loadSdk(generation: SdkGeneration): McpSdk {
  lastLoaded = generation;
  return (generation === 'v2' ? require('./v2') : require('./v1')) as McpSdk;
}

/**
 * For code that works with either generation and has no project at hand (the schema matcher):
 * the one this process already uses, or the one installed for the working directory.
 */
export function anySdk(): McpSdk {
  return loadSdk(lastLoaded ?? resolveSdkGeneration(process.cwd()));
}
