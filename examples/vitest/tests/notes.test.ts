import { test, expect } from 'jest-mcp/vitest';

// mcpClients is opened once for the file, when its first test runs, and closed after its last:
// the tests build on each other, as in the Jest examples.
let id: number;

test('alice creates a note', async ({ mcpClients }) => {
  const result = await mcpClients.alice.callTool({
    name: 'notes_create',
    arguments: { title: 'Groceries', content: '- milk', category: 'home' },
  });
  expect(result).toBeToolSuccess();
  expect(result).toMatchStructuredContent({ title: 'Groceries', category: 'home' });
  ({ id } = result.structuredContent as { id: number });
});

test('alice reads, lists and changes it', async ({ mcpClients }) => {
  await expect(mcpClients.alice.callTool({ name: 'notes_get', arguments: { id } })).resolves.toHaveTextContent('"title":"Groceries"');
  await expect(mcpClients.alice.callTool({ name: 'notes_list', arguments: {} })).resolves.toHaveTextContent(`${id}: Groceries`);
  const got = await mcpClients.alice.callTool({ name: 'notes_get', arguments: { id } });
  const { etag } = got.structuredContent as { etag: string };
  const updated = await mcpClients.alice.callTool({ name: 'notes_update', arguments: { id, etag, title: 'Shopping' } });
  expect(updated).toMatchStructuredContent({ id, title: 'Shopping' });
});

test("bob does not see alice's note", async ({ mcpClients }) => {
  const result = await mcpClients.bob.callTool({ name: 'notes_get', arguments: { id } });
  expect(result).toBeToolError();
});

test('the note is a resource, and the prompt summarizes it', async ({ mcpClients }) => {
  await expect(mcpClients.alice.readResource({ uri: `notes://${id}` })).resolves.toMatchObject({
    contents: [expect.objectContaining({ uri: `notes://${id}`, mimeType: 'text/markdown' })],
  });
  const prompt = await mcpClients.alice.getPrompt({ name: 'summarize_note', arguments: { id: String(id) } });
  expect(prompt.messages.length).toBeGreaterThan(0);
});

test('alice deletes it', async ({ mcpClients }) => {
  await expect(mcpClients.alice.callTool({ name: 'notes_delete', arguments: { id } })).resolves.toBeToolSuccess();
});
