/**
 * A result schema that accepts any answer, for `client.request()` of either SDK generation: 1.x
 * calls `safeParse`, 2.x reads Standard Schema's `~standard`. Listings and conformance checks
 * need what the server sent: the SDK's own schemas (behind listTools and friends) throw on the
 * very mistakes a conformance check must name, such as an inputSchema whose type is not "object".
 * In `sdk/` because it is knowledge of how each SDK generation reads a result schema.
 */
export const ANY_RESULT = {
  safeParse: (data: unknown) => ({ success: true, data }),
  '~standard': { version: 1, vendor: 'jest-mcp', validate: (value: unknown) => ({ value }) },
};
