'use strict';
// An MCP server with a little of everything, for the coverage reporter's tests: five tools (one
// always fails), two resources, two resource templates (one carries a token in its URI), three
// prompts. stdio by default; `--port N`: stateless Streamable HTTP on 127.0.0.1:N/mcp.
// Any other argument is ignored (tests put a marker there to find leftover processes).
const http = require('node:http');
const { z } = require('zod');
const { McpServer, ResourceTemplate } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { option } = require('./args').readArgs(process.argv.slice(2));

function newServer() {
  const server = new McpServer({ name: 'catalog', version: '1.0.0' });
  const text = (t) => ({ content: [{ type: 'text', text: String(t) }] });
  server.registerTool('add', { inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => text(a + b));
  server.registerTool('echo', { inputSchema: { text: z.string() } }, ({ text: t }) => text(t));
  server.registerTool('fail', {}, () => {
    throw new Error('fail always fails');
  });
  server.registerTool('archive', {}, () => text('archived'));
  server.registerTool('purge', {}, () => text('purged'));
  const contents = (uri, t) => ({ contents: [{ uri: uri.href, text: t }] });
  server.registerResource('readme', 'cat://readme', {}, (uri) => contents(uri, 'read me'));
  server.registerResource('license', 'cat://license', {}, (uri) => contents(uri, 'MIT'));
  server.registerResource('note', new ResourceTemplate('cat://notes/{id}', { list: undefined }), {}, (uri, { id }) =>
    contents(uri, `note ${id}`),
  );
  server.registerResource('vault', new ResourceTemplate('cat://vault/{token}/doc', { list: undefined }), {}, (uri) =>
    contents(uri, 'secret doc'),
  );
  const prompt = (t) => ({ messages: [{ role: 'user', content: { type: 'text', text: t } }] });
  server.registerPrompt('greet', { argsSchema: { name: z.string() } }, ({ name }) => prompt(`Hello ${name}`));
  server.registerPrompt('summarize', {}, () => prompt('Summarize'));
  server.registerPrompt('review', {}, () => prompt('Review'));
  return server;
}

const port = Number(option('--port'));
if (port) {
  const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
  http
    .createServer(async (req, res) => {
      if (req.method !== 'POST') return res.writeHead(405).end();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => transport.close());
      await newServer().connect(transport);
      await transport.handleRequest(req, res);
    })
    .listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
  process.on('SIGTERM', () => process.exit(0));
} else {
  const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
  newServer().connect(new StdioServerTransport());
  process.stdin.on('end', () => process.exit(0));
}
