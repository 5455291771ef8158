import { isObject } from './show';
import type { Listed } from './types';

/**
 * Which tools the suite may call and with what. A conformance run must never change a user's
 * data: it calls a tool only when the user gave its arguments, or when the server itself says the
 * call is harmless (readOnlyHint: true, not destructive) and it needs no arguments.
 */

function requiredOf(tool: Listed): string[] {
  const schema = tool.inputSchema;
  return isObject(schema) && Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

/** The arguments to call `tool` with, or undefined when it is not safe to call. */
export function safeArguments(
  tool: Listed,
  calls: Record<string, Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const name = String(tool.name);
  if (calls && Object.prototype.hasOwnProperty.call(calls, name)) return calls[name];
  const hints = isObject(tool.annotations) ? tool.annotations : {};
  if (hints.readOnlyHint !== true || hints.destructiveHint === true) return undefined;
  return requiredOf(tool).length === 0 ? {} : undefined;
}

const WRONG: Record<string, unknown> = {
  string: 12345,
  number: 'not a number',
  integer: 'not a number',
  boolean: 'not a boolean',
  array: 'not an array',
  object: 'not an object',
  null: 'not null',
};

/**
 * Arguments that break the input schema: the safe arguments with one typed property given a
 * value of another type. Undefined when no property declares a single JSON type.
 */
export function wrongArguments(
  tool: Listed,
  base: Record<string, unknown>,
): { args: Record<string, unknown>; property: string; sent: unknown } | undefined {
  const schema = tool.inputSchema;
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  for (const [property, spec] of Object.entries(properties)) {
    const type = isObject(spec) ? spec.type : undefined;
    if (typeof type === 'string' && type in WRONG) return { args: { ...base, [property]: WRONG[type] }, property, sent: WRONG[type] };
  }
  return undefined;
}
