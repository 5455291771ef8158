'use strict';
// A stdio MCP server (SDK 1.x low-level Server, so it can send what McpServer would refuse to)
// that breaks one conformance rule per fault, each in a way the suite must name:
//
//   node conformance-bad.js [--fix FAULT]... [--calls FILE] [marker]
//
// Faults (--fix FAULT makes that one conform):
//   tool-name        a tool named "bad tool!" (fixed: "bad_tool")
//   input-schema     tool "listy" has inputSchema { type: "array" }
//   structured       tool "weather" (read-only, no arguments) returns structuredContent { temp: "warm" }
//                    against outputSchema { temp: number } (fixed: { temp: 21 })
//   annotations      tool "listy" has destructiveHint "no"
//   icons            tool "listy" has an icon with src "ftp://x/icon.png" and sizes ["big"]
//   invalid-params   tool "count" (read-only, n: number) fails with an internal error (-32603) when n is no number
//   unknown-tool     a call to an unlisted tool succeeds
//   unreadable       resource "bad://missing" is listed but reading it fails
//   pagination       resources/list page 2 repeats "note://1" from page 1
//   template         template uriTemplate "note://{id"
//   prompt-role      prompt "intro" answers a message with role "system"
//   completions      completions declared, completion/complete not handled (-32601)
// --calls FILE: append "call <tool> <json arguments>" for every tool call.
const fs = require('node:fs');
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const types = require('@modelcontextprotocol/sdk/types.js');
const { option } = require('./args').readArgs(process.argv.slice(2));

const argv = process.argv.slice(2);
const fixed = new Set(argv.flatMap((arg, i) => (arg === '--fix' ? [argv[i + 1]] : [])));
const broken = (fault) => !fixed.has(fault);
const callsFile = option('--calls');
const note = (line) => callsFile && fs.appendFileSync(callsFile, `${line}\n`);

const server = new Server(
  { name: 'conformance-bad', version: '0.0.1' },
  { capabilities: { tools: {}, resources: {}, prompts: {}, ...(broken('completions') ? { completions: {} } : {}) } },
);

const tools = [
  { name: broken('tool-name') ? 'bad tool!' : 'bad_tool', inputSchema: { type: 'object' } },
  {
    name: 'listy',
    inputSchema: broken('input-schema') ? { type: 'array' } : { type: 'object' },
    annotations: { destructiveHint: broken('annotations') ? 'no' : false },
    icons: [broken('icons') ? { src: 'ftp://x/icon.png', sizes: ['big'] } : { src: 'https://x/icon.png', sizes: ['16x16'] }],
  },
  {
    name: 'weather',
    inputSchema: { type: 'object', properties: {} },
    outputSchema: { type: 'object', properties: { temp: { type: 'number' } }, required: ['temp'] },
    annotations: { readOnlyHint: true },
  },
  { name: 'count', inputSchema: { type: 'object', properties: { n: { type: 'number' } } }, annotations: { readOnlyHint: true } },
];

server.setRequestHandler(types.ListToolsRequestSchema, () => ({ tools }));
server.setRequestHandler(types.CallToolRequestSchema, (request) => {
  const { name, arguments: args = {} } = request.params;
  note(`call ${name} ${JSON.stringify(args)}`);
  const text = (t) => ({ content: [{ type: 'text', text: t }] });
  if (name === 'weather') {
    const temp = broken('structured') ? 'warm' : 21;
    return { ...text(`temp ${temp}`), structuredContent: { temp } };
  }
  if (name === 'count') {
    if (typeof args.n !== 'number' && args.n !== undefined) {
      if (broken('invalid-params')) throw new Error('count crashed: n.toFixed is not a function');
      return { ...text('n must be a number'), isError: true };
    }
    return text(String(args.n ?? 0));
  }
  if (tools.some((t) => t.name === name)) return text('ok');
  if (broken('unknown-tool')) return text(`ran ${name}`);
  throw new types.McpError(types.ErrorCode.InvalidParams, `Unknown tool: ${name}`);
});

const resources = [
  { uri: 'note://1', name: 'one' },
  { uri: 'note://2', name: 'two' },
  ...(broken('unreadable') ? [{ uri: 'bad://missing', name: 'missing' }] : []),
];
server.setRequestHandler(types.ListResourcesRequestSchema, (request) => {
  // Two pages: the first two resources, then the rest (broken: the first again).
  if (request.params?.cursor === 'page2') return { resources: [...resources.slice(2), ...(broken('pagination') ? [resources[0]] : [])] };
  return { resources: resources.slice(0, 2), nextCursor: 'page2' };
});
server.setRequestHandler(types.ReadResourceRequestSchema, (request) => {
  const { uri } = request.params;
  if (!uri.startsWith('note://')) throw new types.McpError(-32002, `Resource not found: ${uri}`);
  return { contents: [{ uri, text: `note ${uri}` }] };
});
server.setRequestHandler(types.ListResourceTemplatesRequestSchema, () => ({
  resourceTemplates: [{ name: 'note', uriTemplate: broken('template') ? 'note://{id' : 'note://{id}' }],
}));
server.setRequestHandler(types.ListPromptsRequestSchema, () => ({
  prompts: [{ name: 'intro', arguments: [{ name: 'style', required: false }] }],
}));
server.setRequestHandler(types.GetPromptRequestSchema, () => ({
  messages: [{ role: broken('prompt-role') ? 'system' : 'user', content: { type: 'text', text: 'Introduce yourself.' } }],
}));

server.connect(new StdioServerTransport());
process.stdin.on('end', () => process.exit(0));
