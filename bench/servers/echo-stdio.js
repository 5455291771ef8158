'use strict';
// A tiny MCP server over stdio for the benchmarks: one `echo` tool. Exits when stdin closes.
// Any argument is ignored (the bench puts a marker there to find leftover processes).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');

const server = new McpServer({ name: 'bench-echo-stdio', version: '1.0.0' });
server.registerTool('echo', { description: 'Echoes its text', inputSchema: { text: z.string() } }, async ({ text }) => ({
  content: [{ type: 'text', text }],
}));
server.connect(new StdioServerTransport());
