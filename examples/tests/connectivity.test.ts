// No `@mcp-clients` docblock: this file opens every client of jest.config.ts (five HTTP
// sessions on the notes server jest-mcp started for the run, four of them users who signed in
// through OAuth, two stdio servers it spawns, and the notes server's module in process).

const NOTE_TOOLS = ['notes_create', 'notes_get', 'notes_list', 'notes_update', 'notes_delete', 'whoami'];

test('every configured client is open, in declaration order', () => {
  expect(Object.keys(mcpClients)).toEqual(['alice', 'bob', 'charlie', 'diana', 'admin', 'notesStdio', 'inProcess', 'everything']);
});

test.each(['alice', 'bob', 'charlie', 'diana', 'admin', 'notesStdio', 'inProcess', 'everything'] as const)(
  '%s answers, in the era it negotiated',
  async (name) => {
    const client = mcpClients[name];
    // This suite runs in both protocol eras (jest.config.ts); server-everything speaks only 2025.
    expect(client.getProtocolEra()).toEqual(name === 'everything' ? 'legacy' : expect.stringMatching(/^(legacy|modern)$/));
    if (client.getProtocolEra() === 'legacy') {
      await expect(client.ping()).resolves.toEqual({});
    } else {
      // 2026-07-28 has no ping: any request proves the session answers.
      await expect(client.listTools()).resolves.toHaveProperty('tools');
    }
  },
);

test('the notes server says who it is and what it can do', () => {
  expect(mcpClients.alice.getServerVersion()).toEqual({ name: 'notes-example', version: '1.2.0' });
  expect(mcpClients.alice.getServerCapabilities()).toMatchObject({
    tools: expect.any(Object),
    resources: expect.any(Object),
    prompts: expect.any(Object),
    completions: expect.any(Object),
    logging: expect.any(Object),
  });
  expect(mcpClients.alice.getInstructions()).toContain('Personal notes of alice');
});

test('over HTTP and over stdio the notes server lists the same tools', async () => {
  const http = await mcpClients.alice.listTools();
  for (const name of NOTE_TOOLS) expect(http).toHaveTool(name);
  expect(http).not.toHaveTool('notes_purge');

  const stdio = await mcpClients.notesStdio.listTools();
  expect(stdio.tools.map((t) => t.name).sort()).toEqual(http.tools.map((t) => t.name).sort());
});

test('notes_create declares its input and output schemas', async () => {
  const { tools } = await mcpClients.alice.listTools();
  const create = tools.find((t) => t.name === 'notes_create');
  expect(create?.inputSchema).toMatchObject({ type: 'object', required: ['title', 'content'] });
  expect(create?.outputSchema).toMatchObject({ type: 'object', properties: { id: expect.any(Object), etag: expect.any(Object) } });
});

test('each HTTP client is its own user', async () => {
  for (const name of ['alice', 'bob', 'charlie', 'diana', 'admin'] as const) {
    const me = await mcpClients[name].callTool({ name: 'whoami', arguments: {} });
    expect(me).toBeToolSuccess();
    expect(me).toMatchStructuredContent({ user: name, admin: name === 'admin' });
  }
  expect(await mcpClients.notesStdio.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'carol' });
});
