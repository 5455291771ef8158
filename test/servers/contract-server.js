'use strict';
// A stdio MCP server for the contract e2e tests: tools with annotations and icons, an MCP App
// (a ui:// resource with _meta.ui, tools that open it), a plain resource, a template, a prompt.
// Usage: node contract-server.js [--reorder] [--schema-change] [marker]   ($ICON_TOKEN: put into remove-note's icon URL)
//   --reorder        registers everything in reverse order, object keys too, and rewords every description
//   --schema-change  add-note's input gains a required `priority`
const { McpServer, ResourceTemplate } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { flag } = require('./args').readArgs(process.argv.slice(2));

const reorder = flag('--reorder');
const say = (text) => (reorder ? `${text} (reworded)` : text);
const order = (items) => (reorder ? [...items].reverse() : items);
const shape = (entries) => Object.fromEntries(order(entries));

// A 1.1 kB made-up PNG payload: its base64 is what the snapshot serializer must keep readable.
const PNG = `data:image/png;base64,${Buffer.from(Array.from({ length: 1100 }, (_, i) => (i * 53 + 7) % 256)).toString('base64')}`;
const ICONS = {
  'add-note': [
    { src: PNG, mimeType: 'image/png', sizes: ['48x48'] },
    { src: 'https://cdn.example.com/icons/add.7c1e9a3b5d2f4e6a8b0c1d2e.svg', mimeType: 'image/svg+xml', sizes: ['any'], theme: 'dark' },
  ],
};
// A tenant token in an icon URL (as a CDN might want): given by the client's `env`, so the
// snapshot serializer knows it as a secret and must hide it.
if (process.env.ICON_TOKEN)
  ICONS['remove-note'] = [{ src: `https://cdn.example.com/t/${process.env.ICON_TOKEN}/remove.png`, mimeType: 'image/png' }];
const BOARD = 'ui://notes/board';
const BOARD_UI = {
  csp: { connectDomains: ['https://api.notes.example'], resourceDomains: ['https://cdn.example.com'] },
  prefersBorder: true,
};

const server = new McpServer({ name: 'contract-server', version: '1.0.0' });
const text = (t) => ({ content: [{ type: 'text', text: t }] });

const tools = [
  () =>
    server.registerTool(
      'add-note',
      {
        title: 'Add note',
        description: say('Adds a note'),
        inputSchema: shape([
          ['title', z.string().describe(say('the title'))],
          ['body', z.string()],
          ['tags', z.array(z.enum(['work', 'home'])).optional()],
          ...(flag('--schema-change') ? [['priority', z.number().int().min(1).max(5)]] : []),
        ]),
        outputSchema: { id: z.string() },
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      },
      async () => ({ ...text('added'), structuredContent: { id: 'n1' } }),
    ),
  () =>
    server.registerTool(
      'remove-note',
      { description: say('Removes a note'), inputSchema: { id: z.string() }, annotations: { destructiveHint: true, idempotentHint: true } },
      async () => text('removed'),
    ),
  () => server.registerTool('count-notes', { description: say('Counts notes') }, async () => text('0')),
  () =>
    server.registerTool(
      'show-board',
      {
        description: say('Shows the board'),
        _meta: { ui: { resourceUri: BOARD, visibility: ['model', 'app'] } },
        annotations: { readOnlyHint: true },
      },
      async () => text('board'),
    ),
  () =>
    server.registerTool(
      'old-board',
      { description: say('The board, linked the old way'), _meta: { 'ui/resourceUri': BOARD }, annotations: { readOnlyHint: true } },
      async () => text('board'),
    ),
];
const others = [
  () =>
    server.registerResource(
      'board',
      BOARD,
      { mimeType: 'text/html;profile=mcp-app', description: say('The notes board'), _meta: { ui: BOARD_UI } },
      async (uri) => ({
        contents: [
          { uri: uri.href, mimeType: 'text/html;profile=mcp-app', text: '<!doctype html><title>Board</title>', _meta: { ui: BOARD_UI } },
        ],
      }),
    ),
  () =>
    server.registerResource('index', 'notes://index', { mimeType: 'text/plain', description: say('All notes') }, async (uri) => ({
      contents: [{ uri: uri.href, text: 'none' }],
    })),
  () =>
    server.registerResource(
      'note',
      new ResourceTemplate('notes://{id}', { list: undefined }),
      { mimeType: 'text/plain', description: say('One note') },
      async (uri) => ({ contents: [{ uri: uri.href, text: 'a note' }] }),
    ),
  () =>
    server.registerPrompt(
      'summarize',
      {
        description: say('Summarize notes'),
        argsSchema: shape([
          ['style', z.string().optional().describe(say('how'))],
          ['id', z.string()],
        ]),
      },
      async () => ({ messages: [{ role: 'user', content: { type: 'text', text: 'summarize' } }] }),
    ),
];
for (const register of order([...tools, ...others])) register();

const transport = new StdioServerTransport();
// McpServer (1.x) does not list tool icons: they are added to its tools/list answers on the way out.
const send = transport.send.bind(transport);
transport.send = (message, options) => {
  for (const tool of message?.result?.tools ?? []) if (ICONS[tool.name]) tool.icons = ICONS[tool.name];
  return send(message, options);
};
server.connect(transport);
