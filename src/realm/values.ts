/**
 * Values that cross from the environment's realm (Node's) into the test file's vm realm are
 * re-created with the test realm's own constructors, so `toStrictEqual`, `toBeInstanceOf(Object)`
 * and `Array.isArray` behave as if the client lived in the test. This module runs in the test realm.
 */

export type AnyFn = (...args: unknown[]) => unknown;

export function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  // A plain object of any realm: its prototype is some realm's Object.prototype, or null.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Re-creates plain data with this realm's constructors; leaves class instances alone. */
export function toTestRealm<T>(value: T): T {
  if (!isPlainData(value)) return value;
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return value; // cycles or BigInt: hand it over as is
  }
}

function bridgeCallback(fn: AnyFn): AnyFn {
  return (...args: unknown[]) => fn(...args.map(toTestRealm));
}

/** Callbacks the test hands in (handlers, `options.onprogress`) get this realm's values too. */
export function bridgeCallbacks(arg: unknown): unknown {
  if (typeof arg === 'function') return bridgeCallback(arg as AnyFn);
  if (!isPlainData(arg) || Array.isArray(arg)) return arg;
  const entries = Object.entries(arg);
  if (!entries.some(([, v]) => typeof v === 'function')) return arg;
  return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'function' ? bridgeCallback(v as AnyFn) : v]));
}
