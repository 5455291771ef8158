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
  const copy = copyJsonData(value, 0);
  if (copy !== NOT_JSON) return copy as T;
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return value; // cycles or BigInt: hand it over as is
  }
}

const NOT_JSON = Symbol('not JSON data');
const MAX_DEPTH = 512;

/**
 * What `JSON.parse(JSON.stringify(value))` gives, for data that is JSON already (plain objects and
 * arrays of strings, finite numbers, booleans and null), without writing and re-reading its
 * text: strings belong to no realm and are shared, so a 10 MB text result costs nothing to hand
 * over. Anything else (undefined, a Date, a toJSON, a cycle) is NOT_JSON and goes through JSON.
 */
function copyJsonData(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_JSON;
  if (!isPlainData(value) || depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_JSON;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const copy = copyJsonData(item, depth + 1);
      if (copy === NOT_JSON) return NOT_JSON;
      out.push(copy);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = copyJsonData((value as Record<string, unknown>)[key], depth + 1);
    if (copy === NOT_JSON) return NOT_JSON;
    // A `__proto__` key is data, as JSON.parse makes it; assigned, it would set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
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
