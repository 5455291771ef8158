/**
 * @mcp-clients everything
 */

// @modelcontextprotocol/server-everything, the MCP reference test server, over stdio.

const every = () => mcpClients.everything;

test('echo echoes', async () => {
  const result = await every().callTool({ name: 'echo', arguments: { message: 'hello from jest-mcp' } });
  expect(result).toBeToolSuccess();
  expect(result).toHaveTextContent('Echo: hello from jest-mcp');
});

test('get-sum adds', async () => {
  expect(await every().callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } })).toHaveTextContent('42');
});

test('get-structured-content matches its output schema', async () => {
  const result = await every().callTool({ name: 'get-structured-content', arguments: { location: 'New York' } });
  expect(result).toBeToolSuccess();
  expect(result.structuredContent).toEqual(expect.objectContaining({ temperature: expect.any(Number) }));
  await expect(result).toMatchToolOutputSchema(every(), 'get-structured-content');
});

test('a listed resource can be read', async () => {
  const list = await every().listResources();
  expect(list.resources.length).toBeGreaterThan(0);
  const first = list.resources[0];
  expect(list).toHaveResource(first.uri);
  const { contents } = await every().readResource({ uri: first.uri });
  expect(contents[0]).toMatchObject({ uri: first.uri });
});

test('a prompt with arguments', async () => {
  expect(await every().listPrompts()).toHavePrompt('args-prompt');
  const prompt = await every().getPrompt({ name: 'args-prompt', arguments: { city: 'Lyon', state: 'Rhône' } });
  expect(prompt.messages).toEqual([{ role: 'user', content: { type: 'text', text: "What's weather in Lyon, Rhône?" } }]);
});

test('an unknown prompt is an MCP error', async () => {
  await expect(every().getPrompt({ name: 'no-such-prompt' })).toRejectWithMcpError(-32602);
});
