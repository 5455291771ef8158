import { contractOf, normalizeSchema, type ContractSource } from '../../src/expect/contract-shape';

/** A server's lists as tools/list etc. return them; `flip` lists everything in another order and rewords. */
function lists(flip = false): ContractSource {
  const say = (text: string) => (flip ? `${text}, reworded` : text);
  const order = <T>(items: T[]) => (flip ? [...items].reverse() : items);
  const addSchema = {
    type: 'object',
    description: say('a note'),
    properties: order([
      ['title', { type: 'string', description: say('its title') }],
      ['body', { type: 'string' }],
      ['tags', { type: 'array', items: { type: 'string', enum: ['work', 'home'] } }],
    ] as const).reduce((o, [k, v]) => ({ ...o, [k]: v }), {}),
    required: order(['title', 'body']),
    additionalProperties: false,
  };
  return {
    capabilities: flip ? { tools: { listChanged: true }, resources: {} } : { resources: {}, tools: { listChanged: true } },
    tools: order([
      {
        name: 'add-note',
        title: 'Add note',
        description: say('Adds a note'),
        inputSchema: addSchema,
        annotations: flip ? { readOnlyHint: false, destructiveHint: false } : { destructiveHint: false, readOnlyHint: false },
        icons: [{ src: 'https://example.com/add.png', sizes: ['48x48'] }],
        _meta: flip
          ? { ui: { resourceUri: 'ui://notes/board' }, 'io.example/x': 1 }
          : { 'io.example/x': 2, ui: { resourceUri: 'ui://notes/board' } },
      },
      { name: 'list-notes', description: say('Lists'), inputSchema: { type: 'object', properties: {} } },
    ]),
    resources: order([
      { uri: 'notes://a', name: 'a', mimeType: 'text/plain', size: flip ? 10 : 20 },
      { uri: 'ui://notes/board', name: 'board', mimeType: 'text/html;profile=mcp-app', description: say('the board') },
    ]),
    resourceTemplates: order([{ uriTemplate: 'notes://{id}', name: 'note', description: say('one note') }]),
    prompts: order([
      {
        name: 'summarize',
        description: say('Summarize'),
        arguments: order([
          { name: 'id', required: true, description: say('which') },
          { name: 'style', description: say('how') },
        ]),
      },
    ]),
  };
}

test('the order of lists, keys, required and properties, and rewording make no difference with descriptions: false', () => {
  expect(JSON.stringify(contractOf(lists(), { descriptions: false }))).toBe(
    JSON.stringify(contractOf(lists(true), { descriptions: false })),
  );
});

test('with descriptions kept, rewording shows; order still does not', () => {
  const a = contractOf(lists());
  const b = contractOf(lists(true));
  expect(a.tools['add-note'].description).toBe('Adds a note');
  expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  expect((a.tools['add-note'].inputSchema as { properties: { title: { description: string } } }).properties.title.description).toBe(
    'its title',
  );
});

test('keyed by name, URI and URI template, keys sorted at every depth, _meta as its key names plus the MCP Apps part', () => {
  const contract = contractOf(lists(), { descriptions: false });
  expect(Object.keys(contract)).toEqual(['capabilities', 'tools', 'resources', 'resourceTemplates', 'prompts']);
  expect(Object.keys(contract.tools)).toEqual(['add-note', 'list-notes']);
  expect(Object.keys(contract.capabilities)).toEqual(['resources', 'tools']);
  expect(contract.tools['add-note']).toEqual({
    annotations: { destructiveHint: false, readOnlyHint: false },
    icons: [{ sizes: ['48x48'], src: 'https://example.com/add.png' }],
    inputSchema: {
      additionalProperties: false,
      properties: {
        body: { type: 'string' },
        tags: { items: { enum: ['work', 'home'], type: 'string' }, type: 'array' },
        title: { type: 'string' },
      },
      required: ['body', 'title'],
      type: 'object',
    },
    metaKeys: ['io.example/x', 'ui'],
    title: 'Add note',
    ui: { resourceUri: 'ui://notes/board' },
  });
  expect(Object.keys(contract.tools['add-note'])).toEqual(['annotations', 'icons', 'inputSchema', 'metaKeys', 'title', 'ui']);
  expect(Object.keys(contract.resources)).toEqual(['notes://a', 'ui://notes/board']);
  expect(contract.resources['notes://a']).toEqual({ mimeType: 'text/plain', name: 'a' }); // no size: it follows the content
  expect(contract.resourceTemplates).toEqual({ 'notes://{id}': { name: 'note' } });
  expect(contract.prompts).toEqual({ summarize: { arguments: { id: { required: true }, style: {} } } });
});

test('JSON Schema: sets sorted (required, type lists, anyOf/oneOf/allOf, dependentRequired), positions kept (enum, prefixItems, items lists, examples)', () => {
  const schema = (flip: boolean) => ({
    type: flip ? ['null', 'string'] : ['string', 'null'],
    anyOf: flip ? [{ type: 'number' }, { type: 'string', minLength: 1 }] : [{ minLength: 1, type: 'string' }, { type: 'number' }],
    dependentRequired: { a: flip ? ['c', 'b'] : ['b', 'c'] },
  });
  expect(normalizeSchema(schema(true), {})).toEqual(normalizeSchema(schema(false), {}));
  expect(JSON.stringify(normalizeSchema(schema(true), {}))).toBe(JSON.stringify(normalizeSchema(schema(false), {})));

  const positional = {
    enum: ['b', 'a'],
    prefixItems: [{ type: 'string' }, { type: 'number' }],
    items: [{ const: 2 }, { const: 1 }],
    examples: ['z', 'y'],
  };
  expect(normalizeSchema(positional, {})).toEqual(positional);
  expect(normalizeSchema({ enum: ['a', 'b'] }, {})).not.toEqual(normalizeSchema({ enum: ['b', 'a'] }, {}));
});

test('descriptions are dropped where they are keywords, not where they are names or data', () => {
  const schema = {
    type: 'object',
    description: 'drop me',
    properties: {
      description: { type: 'string', description: 'drop me too' },
      required: { type: 'boolean' },
      nested: { type: 'object', properties: { x: { anyOf: [{ type: 'string', description: 'and me' }] } } },
    },
    default: { description: 'data, kept' },
    $defs: { thing: { description: 'gone', type: 'integer' } },
  };
  expect(normalizeSchema(schema, { descriptions: false })).toEqual({
    $defs: { thing: { type: 'integer' } },
    default: { description: 'data, kept' },
    properties: {
      description: { type: 'string' },
      nested: { properties: { x: { anyOf: [{ type: 'string' }] } }, type: 'object' },
      required: { type: 'boolean' },
    },
    type: 'object',
  });
});

test('a schema change shows up', () => {
  const a = contractOf(lists(), { descriptions: false });
  const changed = lists();
  (changed.tools[0] as { inputSchema: { required: string[] } }).inputSchema.required = ['title'];
  expect(contractOf(changed, { descriptions: false })).not.toEqual(a);
});

test('the deprecated _meta["ui/resourceUri"] reads as ui.resourceUri; a name listed twice stays visible', () => {
  const contract = contractOf({
    tools: [
      { name: 'old', _meta: { 'ui/resourceUri': 'ui://x' } },
      { name: 'twice', inputSchema: { type: 'object' } },
      { name: 'twice', inputSchema: { type: 'string' } },
    ],
    resources: [],
    resourceTemplates: [],
    prompts: [],
  });
  expect(contract.tools.old).toEqual({ metaKeys: ['ui/resourceUri'], ui: { resourceUri: 'ui://x' } });
  expect(contract.tools.twice).toEqual({ duplicates: [{ inputSchema: { type: 'object' } }, { inputSchema: { type: 'string' } }] });
});
