import { McpConfigError } from '../util/errors';
import { isPlainObject } from '../util/objects';

/**
 * `@mcp-options {json}` in a test file's docblock: changes to this file's `mcp` options, merged
 * into the config's rather than replacing them (Jest's own `@jest-environment-options` replaces
 * the whole `mcp` block), so one file can point one client elsewhere without restating the rest.
 */

export const OPTIONS_PRAGMA = 'mcp-options';

type Plain = Record<string, unknown>;

/** The pragma's object, or undefined without one. Throws a config error naming the pragma. */
export function parseOptionsPragma(pragma: string | string[] | undefined): Plain | undefined {
  if (pragma === undefined) return undefined;
  const where = `the @${OPTIONS_PRAGMA} docblock pragma`;
  if (Array.isArray(pragma)) throw new McpConfigError(`jest-mcp: ${where} appears ${pragma.length} times; merge them into one.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(pragma);
  } catch (error) {
    throw new McpConfigError(
      `jest-mcp: ${where} is not valid JSON (${(error as Error).message}). Write it on one line, e.g. @${OPTIONS_PRAGMA} {"clients": {"notes": {"env": {"DB": "/tmp/db"}}}}`,
    );
  }
  if (!isPlainObject(parsed)) throw new McpConfigError(`jest-mcp: ${where} must be a JSON object, like the config's mcp options.`);
  // Run-wide servers start once, before any file: a file cannot change them.
  if ('servers' in parsed)
    throw new McpConfigError(
      `jest-mcp: ${where} cannot change "servers": they start once for the whole run. Change the client that uses one instead.`,
    );
  return parsed;
}

/**
 * `override` merged into `base`: objects key by key, anything else (strings, numbers, arrays)
 * replaced; `null` removes a key. Neither argument is changed.
 */
export function mergeOptions(base: unknown, override: Plain): unknown {
  const out: Plain = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    // Defined, not assigned: a key named `__proto__` stays a key (a client of that name), not a prototype.
    else
      Object.defineProperty(out, key, {
        value: isPlainObject(value) ? mergeOptions(out[key], value) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}
