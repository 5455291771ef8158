'use strict';
// A stdio MCP server (SDK 1.x McpServer) that follows the spec everywhere the conformance suite
// looks: tools with and without outputSchema, annotations, server icons, resources, a resource
// template, prompts (one with a completable argument), logging and instructions.
//
//   node conformance-good.js [--calls FILE] [marker]
//
// --calls FILE: append "call <tool> <json arguments>" for every tool call, "read <uri>" for every
// resource read and "prompt <name>" for every prompt get, so tests see what the suite touched.
// Tools: get_time (read-only, no arguments, outputSchema {iso}); add {a, b} (read-only,
// outputSchema {sum}); echo {message?} (read-only); delete_note {id} (destructive: a conformance
// run must never call it unless told to).
const fs = require('node:fs');
const { McpServer, ResourceTemplate } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { completable } = require('@modelcontextprotocol/sdk/server/completable.js');
const z = require('zod');
const { option } = require('./args').readArgs(process.argv.slice(2));

const callsFile = option('--calls');
const note = (line) => callsFile && fs.appendFileSync(callsFile, `${line}\n`);

const server = new McpServer(
  { name: 'conformance-good', version: '1.0.0', icons: [{ src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'] }] },
  { capabilities: { logging: {} }, instructions: 'A well-behaved server for the conformance tests.' },
);

server.registerTool(
  'get_time',
  {
    description: 'The time as ISO text',
    outputSchema: { iso: z.string() },
    annotations: { title: 'Get time', readOnlyHint: true, openWorldHint: false },
  },
  async () => {
    note('call get_time {}');
    const iso = new Date(0).toISOString();
    return { content: [{ type: 'text', text: iso }], structuredContent: { iso } };
  },
);
server.registerTool(
  'add',
  {
    description: 'Adds two numbers',
    inputSchema: { a: z.number(), b: z.number() },
    outputSchema: { sum: z.number() },
    annotations: { readOnlyHint: true },
  },
  async (args) => {
    note(`call add ${JSON.stringify(args)}`);
    return { content: [{ type: 'text', text: String(args.a + args.b) }], structuredContent: { sum: args.a + args.b } };
  },
);
server.registerTool(
  'echo',
  {
    description: 'Echoes a message',
    inputSchema: { message: z.string().optional() },
    annotations: { readOnlyHint: true, idempotentHint: true },
  },
  async (args) => {
    note(`call echo ${JSON.stringify(args)}`);
    return { content: [{ type: 'text', text: args.message ?? '' }] };
  },
);
server.registerTool(
  'delete_note',
  { description: 'Deletes a note', inputSchema: { id: z.string() }, annotations: { destructiveHint: true, readOnlyHint: false } },
  async (args) => {
    note(`call delete_note ${JSON.stringify(args)}`);
    return { content: [{ type: 'text', text: `deleted ${args.id}` }] };
  },
);

for (const id of ['1', '2']) {
  server.registerResource(`note-${id}`, `note://${id}`, { mimeType: 'text/plain' }, async (uri) => {
    note(`read ${uri.href}`);
    return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: `note ${id}` }] };
  });
}
server.registerResource(
  'note',
  new ResourceTemplate('note://{id}', { list: undefined }),
  { mimeType: 'text/plain' },
  async (uri, { id }) => {
    note(`read ${uri.href}`);
    return { contents: [{ uri: uri.href, text: `note ${id}` }] };
  },
);

server.registerPrompt('summary', { description: 'Summarise the notes' }, async () => {
  note('prompt summary');
  return { messages: [{ role: 'user', content: { type: 'text', text: 'Summarise my notes.' } }] };
});
server.registerPrompt(
  'greet',
  {
    description: 'Greets someone',
    argsSchema: { name: completable(z.string(), (value) => ['Ada', 'Alan'].filter((n) => n.startsWith(value))) },
  },
  async ({ name }) => {
    note('prompt greet');
    return { messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }] };
  },
);

server.connect(new StdioServerTransport());
process.stdin.on('end', () => process.exit(0));
