/**
 * @mcp-clients alice
 */

// Every note is also a resource, notes://{id} (markdown), and a prompt summarizes one.

let id: number;

beforeAll(async () => {
  const result = await mcpClients.alice.callTool({
    name: 'notes_create',
    arguments: { title: 'Trip', content: 'Pack the tent.', category: 'travel' },
  });
  expect(result).toBeToolSuccess();
  ({ id } = result.structuredContent as { id: number });
});

test('the notes://{id} template is advertised', async () => {
  const { resourceTemplates } = await mcpClients.alice.listResourceTemplates();
  expect(resourceTemplates).toContainEqual(
    expect.objectContaining({ uriTemplate: 'notes://{id}', name: 'note', mimeType: 'text/markdown' }),
  );
});

test("listing resources lists the caller's notes", async () => {
  const list = await mcpClients.alice.listResources();
  expect(list).toHaveResource(`notes://${id}`);
  expect(list.resources).toContainEqual(expect.objectContaining({ uri: `notes://${id}`, name: 'Trip' }));
});

test('reading notes://{id} returns the note as markdown', async () => {
  const { contents } = await mcpClients.alice.readResource({ uri: `notes://${id}` });
  expect(contents).toEqual([{ uri: `notes://${id}`, mimeType: 'text/markdown', text: '# Trip\n\nPack the tent.\n\nCategory: travel\n' }]);
});

test('reading a note that does not exist is an MCP error (invalid params)', async () => {
  await expect(mcpClients.alice.readResource({ uri: 'notes://999999' })).toRejectWithMcpError(-32602);
  await expect(mcpClients.alice.readResource({ uri: 'notes://999999' })).rejects.toThrow('Resource notes://999999 not found');
});

test('the summarize_note prompt quotes the note', async () => {
  expect(await mcpClients.alice.listPrompts()).toHavePrompt('summarize_note');
  const prompt = await mcpClients.alice.getPrompt({ name: 'summarize_note', arguments: { id: String(id), style: 'bullets' } });
  expect(prompt.description).toBe('Summary of "Trip"');
  expect(prompt.messages).toEqual([
    { role: 'user', content: { type: 'text', text: 'Summarize this note as at most three bullet points:' } },
    {
      role: 'user',
      content: {
        type: 'resource',
        resource: expect.objectContaining({ uri: `notes://${id}`, text: expect.stringContaining('Pack the tent.') }),
      },
    },
  ]);
  await expect(mcpClients.alice.getPrompt({ name: 'summarize_note', arguments: { id: '999999' } })).toRejectWithMcpError(-32602);
});

test("completion offers the caller's note ids for the prompt and the template", async () => {
  const prefix = String(id).slice(0, 1);
  const forPrompt = await mcpClients.alice.complete({
    ref: { type: 'ref/prompt', name: 'summarize_note' },
    argument: { name: 'id', value: prefix },
  });
  expect(forPrompt.completion.values).toContain(String(id));

  const styles = await mcpClients.alice.complete({
    ref: { type: 'ref/prompt', name: 'summarize_note' },
    argument: { name: 'style', value: 'b' },
  });
  expect(styles.completion.values).toEqual(['bullets']);

  const forTemplate = await mcpClients.alice.complete({
    ref: { type: 'ref/resource', uri: 'notes://{id}' },
    argument: { name: 'id', value: prefix },
  });
  expect(forTemplate.completion.values).toContain(String(id));
});
