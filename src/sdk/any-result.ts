/**
 * A result schema both SDK generations accept in `client.request(request, schema)` and that lets
 * every result through unchanged, for requests the SDK has no (or no usable) schema of: the task
 * requests of MCP 2025-11-25 (2.x keeps their wire types but no runtime; 1.x's schemas are zod
 * objects of the environment's realm). The caller checks the shapes it reads itself.
 *
 * 1.x validates with `safeParse` (its zod-3 path, taken for any schema without `_zod`); 2.x with a
 * Standard Schema's `~standard.validate`. No SDK package is imported: it is a plain structure.
 */
export function anyResultSchema(): object {
  return {
    safeParse: (data: unknown) => ({ success: true, data }),
    '~standard': { version: 1, vendor: 'jest-mcp', validate: (value: unknown) => ({ value }) },
  };
}
