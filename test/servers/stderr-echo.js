'use strict';
// A stdio MCP server whose `shout` tool writes a line to stderr: for failure traces' stderr part.
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');

const server = new McpServer({ name: 'stderr-echo', version: '1.0.0' });
server.tool('shout', { message: z.string() }, async ({ message }) => {
  process.stderr.write(`server saw: ${message}\n`);
  return { content: [{ type: 'text', text: message.toUpperCase() }] };
});
process.stderr.write('stderr-echo starting\n');
server.connect(new StdioServerTransport());
