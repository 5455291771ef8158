/**
 * @mcp-clients alice, bob, admin
 */

// Three sessions on the same server, one per bearer token: each user sees only their own notes,
// and the admin tools answer only the administrator.

type Note = { id: number; etag: string };
let bobsNote: Note;

beforeAll(async () => {
  const result = await mcpClients.bob.callTool({ name: 'notes_create', arguments: { title: "Bob's secret", content: 'hunter2' } });
  expect(result).toBeToolSuccess();
  bobsNote = result.structuredContent as Note;
});

test("alice does not see bob's notes in her list", async () => {
  const mine = await mcpClients.alice.callTool({ name: 'notes_list', arguments: {} });
  const ids = (mine.structuredContent as { notes: Note[] }).notes.map((n) => n.id);
  expect(ids).not.toContain(bobsNote.id);
  expect(mine).not.toHaveTextContent("Bob's secret");

  const his = await mcpClients.bob.callTool({ name: 'notes_list', arguments: {} });
  expect((his.structuredContent as { notes: Note[] }).notes.map((n) => n.id)).toContain(bobsNote.id);
});

test("alice can neither get, change nor delete bob's note, even knowing its id and etag", async () => {
  const { id, etag } = bobsNote;
  expect(await mcpClients.alice.callTool({ name: 'notes_get', arguments: { id } })).toBeToolError(`note ${id} not found`);
  expect(await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id, etag, content: 'pwned' } })).toBeToolError(/not found/);
  expect(await mcpClients.alice.callTool({ name: 'notes_delete', arguments: { id } })).toBeToolError(/not found/);
  await expect(mcpClients.alice.readResource({ uri: `notes://${id}` })).toRejectWithMcpError(-32602);

  // Still there, unchanged, for bob.
  expect(await mcpClients.bob.callTool({ name: 'notes_get', arguments: { id } })).toMatchStructuredContent({ content: 'hunter2', etag });
});

test.each(['admin_list_users', 'admin_stats'])('%s is refused for alice', async (tool) => {
  const result = await mcpClients.alice.callTool({ name: tool, arguments: {} });
  expect(result).toBeToolError(/forbidden/);
  expect(result).toHaveTextContent('alice is not');
});

test('admin_list_users answers the administrator', async () => {
  const result = await mcpClients.admin.callTool({ name: 'admin_list_users', arguments: {} });
  expect(result).toBeToolSuccess();
  const { users } = result.structuredContent as { users: Array<{ name: string; notes: number }> };
  expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['alice', 'bob', 'admin']));
  expect(users.find((u) => u.name === 'bob')?.notes).toBeGreaterThanOrEqual(1);
});

test('admin_stats answers the administrator', async () => {
  const result = await mcpClients.admin.callTool({ name: 'admin_stats', arguments: {} });
  expect(result).toBeToolSuccess();
  await expect(result).toMatchToolOutputSchema(mcpClients.admin, 'admin_stats');
  // The server keeps no sessions to count (SDK 2.x serves each request on its own), so it reports
  // the users it has served: this file's three have all made requests by now, and users who
  // signed in through OAuth (other files, any order) may have too. `users` counts token users.
  expect(result).toMatchStructuredContent({ users: 3, notes: expect.any(Number), usersSeen: expect.any(Number) });
  const { notes, usersSeen } = result.structuredContent as { notes: number; usersSeen: number };
  expect(notes).toBeGreaterThanOrEqual(1);
  expect(usersSeen).toBeGreaterThanOrEqual(3);
});
