'use strict';
// A stdio MCP server whose lists come in pages, for `mcpClients.x.listed` (test/e2e/listed.test.ts).
//   250 tools in pages of 100; 3 resources, 2 templates and 2 prompts in one page each.
//   --loop-cursor   the second tools page hands out the first page's cursor again (a broken server)
//   --fail-prompts  prompts/list answers an error
// Usage: node paged-stdio.js [flags] [marker]
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const types = require('@modelcontextprotocol/sdk/types.js');

const flags = new Set(process.argv.slice(2));
const server = new Server({ name: 'paged-stdio', version: '1.0.0' }, { capabilities: { tools: {}, resources: {}, prompts: {} } });
const tools = Array.from({ length: 250 }, (_, i) => ({ name: `tool_${String(i).padStart(3, '0')}`, inputSchema: { type: 'object' } }));

server.setRequestHandler(types.ListToolsRequestSchema, (request) => {
  const start = Number(request.params?.cursor ?? 0);
  const end = start + 100;
  const next = end >= tools.length ? undefined : flags.has('--loop-cursor') && start === 100 ? '100' : String(end);
  return { tools: tools.slice(start, end), ...(next ? { nextCursor: next } : {}) };
});
server.setRequestHandler(types.CallToolRequestSchema, (request) => ({
  content: [{ type: 'text', text: `called ${request.params.name}` }],
}));
server.setRequestHandler(types.ListResourcesRequestSchema, () => ({
  resources: ['a', 'b', 'c'].map((n) => ({ uri: `paged://doc/${n}`, name: n })),
}));
server.setRequestHandler(types.ListResourceTemplatesRequestSchema, () => ({
  resourceTemplates: [
    { uriTemplate: 'paged://user/{id}', name: 'user' },
    { uriTemplate: 'paged://note/{id}', name: 'note' },
  ],
}));
server.setRequestHandler(types.ListPromptsRequestSchema, () => {
  if (flags.has('--fail-prompts')) throw new types.McpError(types.ErrorCode.InternalError, 'prompt store offline');
  return { prompts: [{ name: 'greet' }, { name: 'summarize', arguments: [{ name: 'text', required: true }] }] };
});

server.connect(new StdioServerTransport());
