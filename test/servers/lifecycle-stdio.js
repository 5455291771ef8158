'use strict';
// A stdio MCP server that appends "start <tag> <pid>" and "exit <tag> <pid>" to a log file, so
// tests can observe from the server's side when sessions open and close, and in which order.
// Usage: node lifecycle-stdio.js <tag> <log file> [marker]
const fs = require('node:fs');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');

const [tag, log] = process.argv.slice(2);
const note = (what) => fs.appendFileSync(log, `${what} ${tag} ${process.pid} ${Date.now()}\n`);

const server = new McpServer({ name: `lifecycle-${tag}`, version: '1.0.0' });
server.tool('whoami', async () => ({ content: [{ type: 'text', text: `pid ${process.pid}` }] }));
note('start');
let exited = false;
const exit = () => {
  if (exited) return;
  exited = true;
  note('exit');
  process.exit(0);
};
process.stdin.on('end', exit);
process.on('SIGTERM', exit);
server.connect(new StdioServerTransport());
