/**
 * @mcp-clients alice
 */
import { openMcpClient, withMcpClient } from 'jest-mcp';

// Every request needs a bearer token of NOTES_TOKENS; the server answers 401 otherwise.
// openMcpClient opens extra sessions inside a test, from a configured name or a config.

test('an unknown token is refused with HTTP 401', async () => {
  await expect(openMcpClient({ server: 'notes', headers: { Authorization: 'Bearer not-a-token' } })).rejects.toThrow(/HTTP 401/);
});

test('a second session for the same user sees the same notes', async () => {
  const created = await mcpClients.alice.callTool({ name: 'notes_create', arguments: { title: 'Shared', content: 'across sessions' } });
  const { id } = created.structuredContent as { id: number };
  const seen = await withMcpClient('alice', (again) => again.callTool({ name: 'notes_get', arguments: { id } }));
  expect(seen).toMatchStructuredContent({ id, title: 'Shared' });
});

test("bob's session, opened by name although this file's docblock leaves him out, does not see it", async () => {
  await using bob = await openMcpClient('bob');
  expect(await bob.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'bob' });
  const list = await bob.callTool({ name: 'notes_list', arguments: {} });
  expect(list).not.toHaveTextContent('Shared');
});
