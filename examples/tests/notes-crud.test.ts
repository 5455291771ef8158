/**
 * @mcp-clients alice
 */

// One session serves every test of the file, so the tests build on each other: the note created
// first is read, changed and deleted by the next ones.

const alice = () => mcpClients.alice;
let id: number;
let etag: string;

test('notes_create returns the note with an id and an etag', async () => {
  const result = await alice().callTool({
    name: 'notes_create',
    arguments: { title: 'Groceries', content: '- milk\n- bread', category: 'home' },
  });
  expect(result).toBeToolSuccess();
  expect(result).toMatchStructuredContent({
    id: expect.any(Number),
    title: 'Groceries',
    content: '- milk\n- bread',
    category: 'home',
    etag: expect.stringMatching(/^[0-9a-f]{16}$/),
    modified: expect.any(String),
  });
  await expect(result).toMatchToolOutputSchema(alice(), 'notes_create');
  ({ id, etag } = result.structuredContent as { id: number; etag: string });
});

test('notes_get returns it', async () => {
  const result = await alice().callTool({ name: 'notes_get', arguments: { id } });
  expect(result).toBeToolSuccess();
  expect(result).toMatchStructuredContent({ id, etag, title: 'Groceries' });
  expect(result).toHaveTextContent('"title":"Groceries"');
});

test('notes_list lists it without its content', async () => {
  const result = await alice().callTool({ name: 'notes_list', arguments: {} });
  expect(result).toHaveTextContent(`${id}: Groceries`);
  const { notes } = result.structuredContent as { notes: Array<Record<string, unknown>> };
  expect(notes).toContainEqual(expect.objectContaining({ id, title: 'Groceries', etag }));
  expect(notes.find((n) => n.id === id)).not.toHaveProperty('content');

  const other = await alice().callTool({ name: 'notes_list', arguments: { category: 'work' } });
  expect(other).toMatchStructuredContent({ notes: [] });
});

test('notes_update with the current etag changes the note and its etag', async () => {
  const result = await alice().callTool({ name: 'notes_update', arguments: { id, etag, content: '- milk\n- bread\n- eggs' } });
  expect(result).toBeToolSuccess();
  expect(result).toMatchStructuredContent({ id, title: 'Groceries', content: '- milk\n- bread\n- eggs' });
  const updated = result.structuredContent as { etag: string };
  expect(updated.etag).not.toBe(etag);
  etag = updated.etag;

  const again = await alice().callTool({ name: 'notes_get', arguments: { id } });
  expect(again).toMatchStructuredContent({ etag, content: '- milk\n- bread\n- eggs' });
});

test('bad arguments are refused before the tool runs', async () => {
  const result = await alice().callTool({ name: 'notes_create', arguments: { title: '', content: 'x' } });
  expect(result).toBeToolError(/title/);
});

test('notes_delete deletes it; getting it afterwards is a tool error', async () => {
  const deleted = await alice().callTool({ name: 'notes_delete', arguments: { id } });
  expect(deleted).toBeToolSuccess();
  expect(deleted).toMatchStructuredContent({ deleted: true, id });

  expect(await alice().callTool({ name: 'notes_get', arguments: { id } })).toBeToolError(`note ${id} not found`);
  expect(await alice().callTool({ name: 'notes_delete', arguments: { id } })).toBeToolError(/not found/);
  const list = await alice().callTool({ name: 'notes_list', arguments: {} });
  expect((list.structuredContent as { notes: Array<{ id: number }> }).notes.map((n) => n.id)).not.toContain(id);
});

// Bad arguments to a known tool are the tool's error (above); a tool that does not exist is the
// caller's protocol error, as SDK 2.x servers answer it in both protocol eras.
test('an unknown tool is an MCP error (invalid params), not a tool result', async () => {
  await expect(alice().callTool({ name: 'notes_purge', arguments: {} })).toRejectWithMcpError(-32602);
  await expect(alice().callTool({ name: 'notes_purge', arguments: {} })).rejects.toThrow('Tool notes_purge not found');
});
