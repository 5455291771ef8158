/**
 * @mcp-clients notesStdio
 */

// The same notes server over stdio: jest-mcp spawns `node server/dist/stdio.js` for this file
// (NOTES_USER=carol) and stops it after the last test.

const carol = () => mcpClients.notesStdio;

test('the stdio server acts for NOTES_USER', async () => {
  expect(carol().getServerVersion()).toMatchObject({ name: 'notes-example' });
  expect(await carol().callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'carol', admin: false, notes: 0 });
});

test('create, get, update, delete over stdio', async () => {
  const created = await carol().callTool({ name: 'notes_create', arguments: { title: 'Over stdio', content: 'one' } });
  expect(created).toBeToolSuccess();
  const { id, etag } = created.structuredContent as { id: number; etag: string };

  expect(await carol().callTool({ name: 'notes_get', arguments: { id } })).toMatchStructuredContent({
    title: 'Over stdio',
    content: 'one',
  });

  const updated = await carol().callTool({ name: 'notes_update', arguments: { id, etag, content: 'two' } });
  expect(updated).toMatchStructuredContent({ content: 'two' });
  expect(await carol().callTool({ name: 'notes_update', arguments: { id, etag, content: 'three' } })).toBeToolError(/conflict/);

  const { contents } = await carol().readResource({ uri: `notes://${id}` });
  expect(contents[0]).toMatchObject({ text: '# Over stdio\n\ntwo\n' });

  expect(await carol().callTool({ name: 'notes_delete', arguments: { id } })).toBeToolSuccess();
  expect(await carol().callTool({ name: 'notes_get', arguments: { id } })).toBeToolError(/not found/);
});

test('admin tools are refused for carol over stdio too', async () => {
  expect(await carol().callTool({ name: 'admin_stats', arguments: {} })).toBeToolError(/forbidden/);
});
