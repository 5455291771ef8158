import type { Circus } from '@jest/types';
import type { Redactor } from './redact';

/**
 * Hides known secret values in what a test file hands to Jest: its tests' errors (message,
 * stack, cause, and every own property, `matcherResult` among them, which Jest's diff, `--json`'s
 * failureDetails and `--verbose` print), hook failures and unhandled errors. The environment's
 * handler runs before the handlers that turn a test into a result (`test-case-result`, the run's
 * results), on Jest 29.7 and 30, so errors are scrubbed in place there; values a test may still
 * hold (a matcher's `actual`) are replaced by scrubbed copies, never changed.
 */

const MAX_DEPTH = 32;
type Redact = (text: string) => string;

/** A copy of `value` with every string redacted, or `value` itself where nothing can hold text. */
export function scrubValue(value: unknown, redact: Redact, seen = new Map<object, unknown>(), depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth > MAX_DEPTH) return '[not shown: nested too deep]';
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (isErrorLike(value)) {
    seen.set(value, value);
    scrubError(value, redact, seen, depth + 1);
    return value;
  }
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(scrubValue(k, redact, seen, depth + 1), scrubValue(v, redact, seen, depth + 1));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(scrubValue(v, redact, seen, depth + 1));
    return copy;
  }
  // Same prototype, so Jest still knows an asymmetric matcher or a class by its name.
  const copy = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as Record<string, unknown>;
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    copy[key] = scrubValue(item, redact, seen, depth + 1);
  }
  return copy;
}

function isErrorLike(value: object): value is Error {
  return typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string';
}

function assign(target: object, key: PropertyKey, value: unknown): void {
  try {
    if ((target as Record<PropertyKey, unknown>)[key] === value) return;
    Object.defineProperty(target, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: Object.keys(target).includes(String(key)),
    });
  } catch {
    // A frozen error keeps what it has; nothing better can be done with it.
  }
}

/** Scrubs an error (of any realm) in place: message, stack, cause, `errors`, and every own property. */
export function scrubError(error: object, redact: Redact, seen = new Map<object, unknown>(), depth = 0): void {
  seen.set(error, error);
  const e = error as Record<string, unknown>;
  for (const key of ['message', 'stack']) if (typeof e[key] === 'string') assign(error, key, redact(e[key]));
  for (const key of new Set(['cause', 'errors', ...Object.keys(error)])) {
    if (key === 'message' || key === 'stack' || !(key in error)) continue;
    let item: unknown;
    try {
      item = e[key];
    } catch {
      continue;
    }
    const clean = scrubValue(item, redact, seen, depth + 1);
    if (clean !== item) assign(error, key, clean);
  }
}

/** `test.errors` as circus keeps them: errors, `[error, asyncError]` pairs, or whatever a test threw. */
export function scrubErrorList(errors: unknown[], redact: Redact): void {
  for (let i = 0; i < errors.length; i++) {
    const entry = errors[i];
    if (Array.isArray(entry)) scrubErrorList(entry, redact);
    else if (typeof entry === 'object' && entry !== null) scrubError(entry, redact);
    else if (typeof entry === 'string') errors[i] = redact(entry);
  }
}

function scrubBlock(block: Circus.DescribeBlock, redact: Redact): void {
  for (const child of block.children) {
    if (child.type === 'describeBlock') scrubBlock(child, redact);
    else {
      scrubErrorList(child.errors, redact);
      scrubErrorList(child.retryReasons ?? [], redact);
    }
  }
}

/**
 * The environment's hook: a finished test's errors, and at the end of the run every error the
 * run's results will carry (hook failures land on tests, afterAll's and unhandled ones on the
 * state). Never throws: an error from handleTestEvent fails the whole file (jest #9797).
 */
export function scrubTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent, state: Circus.State, redactor: Redactor | undefined): void {
  if (!redactor) return;
  const redact: Redact = (text) => redactor.redact(text);
  try {
    if (event.name === 'test_done' && event.test.errors.length) scrubErrorList(event.test.errors, redact);
    else if (event.name === 'run_finish') {
      scrubBlock(state.rootDescribeBlock, redact);
      scrubErrorList(state.unhandledErrors, redact);
    }
  } catch {
    // A secret we failed to hide is the lesser harm than a file failed by its environment.
  }
}
