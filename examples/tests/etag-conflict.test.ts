/**
 * @mcp-clients alice
 */

// Optimistic concurrency: an update must present the note's current etag. Two editors read the
// same version; the first write wins and the second is refused instead of overwriting it.

type Note = { id: number; etag: string; title: string; content: string };

async function create(title: string, content: string): Promise<Note> {
  const result = await mcpClients.alice.callTool({ name: 'notes_create', arguments: { title, content } });
  expect(result).toBeToolSuccess();
  return result.structuredContent as Note;
}

test('a stale etag is a conflict, and the note keeps the first write', async () => {
  const original = await create('Plan', 'v1');

  const first = await mcpClients.alice.callTool({
    name: 'notes_update',
    arguments: { id: original.id, etag: original.etag, content: 'v2 (first editor)' },
  });
  expect(first).toBeToolSuccess();
  const current = first.structuredContent as Note;

  const second = await mcpClients.alice.callTool({
    name: 'notes_update',
    arguments: { id: original.id, etag: original.etag, content: 'v2 (second editor)' },
  });
  expect(second).toBeToolError(/conflict/);
  expect(second).toHaveTextContent(`etag "${original.etag}" is stale`);
  expect(second).toHaveTextContent(current.etag);
  expect(second.structuredContent).toBeUndefined();

  const after = await mcpClients.alice.callTool({ name: 'notes_get', arguments: { id: original.id } });
  expect(after).toMatchStructuredContent({ content: 'v2 (first editor)', etag: current.etag });
});

test('retrying with the etag from a fresh read succeeds', async () => {
  const note = await create('Retry', 'a');
  await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id: note.id, etag: note.etag, content: 'b' } });

  const stale = await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id: note.id, etag: note.etag, content: 'c' } });
  expect(stale).toBeToolError(/etag/);

  const fresh = (await mcpClients.alice.callTool({ name: 'notes_get', arguments: { id: note.id } })).structuredContent as Note;
  const retried = await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id: note.id, etag: fresh.etag, content: 'c' } });
  expect(retried).toBeToolSuccess();
  expect(retried).toMatchStructuredContent({ content: 'c' });
});

test('an etag that never existed is a conflict too', async () => {
  const note = await create('Made up', 'x');
  const result = await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id: note.id, etag: 'not-an-etag', title: 'y' } });
  expect(result).toBeToolError('conflict');
  expect(await mcpClients.alice.callTool({ name: 'notes_get', arguments: { id: note.id } })).toMatchStructuredContent({ title: 'Made up' });
});
