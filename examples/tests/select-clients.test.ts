/**
 * @mcp-clients alice
 */

// The docblock above opens only `alice`: the other clients of jest.config.ts cost this file
// nothing (no HTTP session, no stdio server spawned).

test('only the clients named in @mcp-clients are open', () => {
  expect(Object.keys(mcpClients)).toEqual(['alice']);
  expect(mcpClients.alice).toBeDefined();
  expect((mcpClients as Record<string, unknown>).bob).toBeUndefined();
  expect(globalThis.mcpClients).toBe(mcpClients);
});

test('and alice works', async () => {
  expect(await mcpClients.alice.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'alice' });
});
