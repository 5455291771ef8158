/** The two object checks every part uses, defined once. */

/** A non-null object, arrays included: a value whose properties can be read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A non-null object that is not an array: what JSON calls an object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}
