import { McpConfigError } from '../util/errors';
import { MAX_TIMER_MS } from '../util/timeout';
import { isPlainObject } from '../util/objects';

/** The pieces every part of validation shares: describing a value, and collecting problems. */

export type Raw = Record<string, unknown>;

/** A config generated wrong can have thousands of problems; the first ones say what to fix. */
const MAX_PROBLEMS_SHOWN = 50;

/** A value as a message may show it; `secret` hides what a string holds (a misplaced token). */
export function kindOf(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (secret && typeof value === 'string') return 'a string (not shown)';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export { isPlainObject };

/** Every key of every member of a union (plain `keyof` gives only the keys they share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * The keys an options type allows, written as an object literal so that the compiler holds the
 * list to the type: a key the type has and the list lacks, or the other way round, fails the
 * build instead of slipping past validation. Listed in the order messages show them.
 * Call as `keysOf<McpTimeoutOptions>()({ connect: true, close: true })`.
 */
export function keysOf<T>(): (keys: Record<KeysOfUnion<T>, true>) => readonly string[] {
  return (keys) => Object.keys(keys);
}

/** The same for the members of a string union, e.g. the transports. */
export function membersOf<T extends string>(): (members: Record<T, true>) => readonly string[] {
  return (members) => Object.keys(members);
}

/** Whether `value` is one of the strings of `list` (which `Array.includes` will not take unknowns for). */
export function isOneOf(list: readonly string[], value: unknown): boolean {
  return typeof value === 'string' && list.includes(value);
}

/** Collects every problem so one run shows them all, not one per edit. */
export class Problems {
  private readonly list: string[] = [];

  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }

  unknownKeys(where: string, obj: Raw, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(`${where}.${key}`, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }

  string(where: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || value === '') this.add(where, `expected a non-empty string, got ${kindOf(value)}`);
  }

  stringArray(where: string, value: unknown): void {
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      this.add(where, `expected an array of strings, got ${kindOf(value)}`);
    }
  }

  /** headers, env: their values are secrets, and so may be whatever was given in their place. */
  stringRecord(where: string, value: unknown): void {
    if (value === undefined) return;
    if (!isPlainObject(value)) return this.add(where, `expected an object of strings, got ${kindOf(value, true)}`);
    for (const [k, v] of Object.entries(value)) {
      // Say what type a value is, never what it holds.
      if (typeof v !== 'string') this.add(`${where}.${k}`, `expected a string, got ${v === null ? 'null' : typeof v}`);
    }
  }

  positiveSeconds(where: string, value: unknown): void {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      this.add(where, `expected a positive number of seconds, got ${kindOf(value)}`);
    } else if (typeof value === 'number' && value * 1000 > MAX_TIMER_MS) {
      // Node's timers hold at most 2^31-1 ms; a longer wait would end at once, not late.
      this.add(where, `${value} s is longer than the longest wait Node's timers can hold (${MAX_TIMER_MS / 1000} s, about 24.8 days)`);
    }
  }

  /** Throws one `McpConfigError` listing them (the first 50, then how many more), if there are any. */
  throwIfAny(): void {
    if (!this.list.length) return;
    const shown = this.list.slice(0, MAX_PROBLEMS_SHOWN).map((l) => `  - ${l}`);
    if (this.list.length > shown.length) shown.push(`  … and ${this.list.length - shown.length} more problems`);
    throw new McpConfigError(`jest-mcp: invalid configuration:\n${shown.join('\n')}`);
  }
}

/** Exactly one of `kinds` as the only key; returns it, or reports what was there instead. */
export function oneKindOf(p: Problems, where: string, value: Raw, kinds: readonly string[], expected: string): string | undefined {
  const keys = Object.keys(value);
  if (keys.length === 1 && kinds.includes(keys[0])) return keys[0];
  p.add(where, `${expected}, got keys ${keys.join(', ') || '(none)'}`);
  return undefined;
}
