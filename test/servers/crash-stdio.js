'use strict';
// A stdio MCP server whose `crash` tool makes it die mid-request (stderr line, exit code 3).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');

const server = new McpServer({ name: 'crash-stdio', version: '1.0.0' });
server.tool('crash', async () => {
  process.stderr.write('fatal: out of cheese\n');
  process.exit(3);
});
server.tool('ok', async () => ({ content: [{ type: 'text', text: 'fine' }] }));
server.connect(new StdioServerTransport());
