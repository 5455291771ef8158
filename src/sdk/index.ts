import type { V1Client, V2Client } from './clients';
import { resolveSdkGeneration } from './detect';
import type { McpSdk, SdkGeneration } from './types';

/**
 * The door to the MCP SDK: nothing outside `sdk/` imports an SDK package. `loadSdk()` hands out
 * the module of one SDK generation; its parts load on first use.
 */

export type * from './types';
export * from './error-facts';
export { resolveSdkGeneration };
export { ServerNotServableError, serveInProcess } from './in-process';

/**
 * Whether a type is missing: an import TypeScript could not resolve (under `@ts-ignore`) is an
 * error type, which `unknown` extends; the usual `0 extends 1 & T` test gives the error type back.
 */
type Missing<T> = unknown extends T ? true : false;

/**
 * The `Client` class tests receive, typed as its SDK declares it: generation `G`'s, or when `G`
 * is not given, 2.x's where it is installed and 1.x's otherwise.
 */
export type ClientOf<G = undefined> = G extends 'v1'
  ? V1Client
  : G extends 'v2'
    ? V2Client
    : Missing<V2Client> extends true
      ? V1Client
      : V2Client;

let lastLoaded: SdkGeneration | undefined;

export function loadSdk(generation: SdkGeneration): McpSdk {
  lastLoaded = generation;
  return (generation === 'v2' ? require('./v2') : require('./v1')) as McpSdk;
}

/**
 * For code that works with either generation and has no project at hand (the schema matcher, the
 * bridge outside jest-mcp's environment): the one this process already uses, or the one installed
 * for the working directory.
 */
export function anySdk(): McpSdk {
  return loadSdk(lastLoaded ?? resolveSdkGeneration(process.cwd()));
}
