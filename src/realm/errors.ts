import { type McpSdk, type RealmErrorClasses, type SdkGeneration, anySdk, loadSdk } from '../sdk';
import { ESM_KEY, SDK_KEY } from '../channels/keys';
import { toTestRealm } from './values';

/**
 * Errors re-created in the test realm: a protocol error as the SDK class the test itself imports
 * (so `rejects.toThrow(McpError)` and `instanceof` hold), anything else as this realm's `Error`
 * with its fields. This module runs in the test realm, so `require` here is the test's registry.
 */

/** The generation the environment's clients come from, loaded through the test's registry. */
function realmSdk(): McpSdk {
  const generation = (globalThis as Record<symbol, SdkGeneration | undefined>)[SDK_KEY];
  return generation ? loadSdk(generation) : anySdk();
}

let imported: Promise<RealmErrorClasses | undefined> | undefined;
let required: RealmErrorClasses | undefined;

/**
 * The classes `require` gave this file first, kept for the file: after `jest.resetModules()` a
 * new `require` gives new classes, not the ones the file imported at its top and compares with.
 */
function requiredClasses(): RealmErrorClasses | undefined {
  return (required ??= realmSdk().realmErrors());
}

/**
 * Loads the classes now, before the test file runs: for a file that resets its modules, whose
 * first SDK error may come after a reset (see requiredClasses).
 */
export function keepErrorClasses(): void {
  if (!(globalThis as Record<symbol, unknown>)[ESM_KEY]) requiredClasses();
}

/**
 * The classes the test file sees. An ES module test imports the SDK's ESM build, another class
 * than the CommonJS one `require` gives: import it through the test's module registry.
 */
function testErrorClasses(): Promise<RealmErrorClasses | undefined> {
  const sdk = realmSdk();
  if (!(globalThis as Record<symbol, unknown>)[ESM_KEY]) return Promise.resolve(requiredClasses());
  return (imported ??= (async () => {
    try {
      const importInTest = require('../../preset/import-esm.js') as (specifier: string) => Promise<unknown>;
      return sdk.errorsModule.classes(await importInTest(sdk.errorsModule.specifier));
    } catch {
      return requiredClasses();
    }
  })());
}

type ErrorShape = { name?: string; message?: string; code?: unknown; data?: unknown; stack?: string; cause?: unknown };

/** Re-creates an error in this realm (see the module comment); `classes` are the test's, when already loaded. */
export function toTestError(error: unknown, classes?: RealmErrorClasses): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const source = error as ErrorShape;
  const sdk = realmSdk();
  const fromSdk = typeof source.name === 'string' && sdk.errorNames.includes(source.name);
  let result = fromSdk
    ? (classes ?? requiredClasses())?.protocolError({
        name: source.name,
        code: source.code,
        message: source.message,
        data: toTestRealm(source.data),
      })
    : undefined;
  if (!result) {
    const plain = new Error(source.message) as Error & Record<string, unknown>;
    if (source.name) plain.name = source.name;
    for (const [key, value] of Object.entries(error)) {
      if (!(key in plain)) plain[key] = toTestRealm(value);
    }
    if (source.cause !== undefined) plain.cause = toTestError(source.cause, classes);
    result = plain;
  }
  if (source.stack) result.stack = source.stack;
  return result;
}

/** toTestError for a rejection: there is time to load the test's own (ES module) classes. */
export async function toTestErrorAsync(error: unknown): Promise<unknown> {
  const name = typeof error === 'object' && error !== null ? (error as ErrorShape).name : undefined;
  const fromSdk = typeof name === 'string' && realmSdk().errorNames.includes(name);
  return toTestError(error, fromSdk ? await testErrorClasses() : undefined);
}
