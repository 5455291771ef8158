'use strict';
// One 2.x echo server three ways, for bench/in-process.js: its module's `createServer` (what an
// in-process client loads), `node echo-module.js stdio` (serveStdio) and `node echo-module.js http`
// (createMcpHandler on node:http at 127.0.0.1, a free port; prints "listening <port>").
const { McpServer, createMcpHandler } = require('@modelcontextprotocol/server');
const z = require('zod');

function createServer() {
  const server = new McpServer({ name: 'bench-echo', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}

module.exports = { createServer };

if (require.main === module) {
  const mode = process.argv[2];
  if (mode === 'stdio') {
    const { serveStdio } = require('@modelcontextprotocol/server/stdio');
    const served = serveStdio(createServer);
    process.stdin.on('end', () => void served.close().finally(() => process.exit(0)));
  } else if (mode === 'http') {
    const http = require('node:http');
    const { toNodeHandler } = require('@modelcontextprotocol/node');
    const handler = toNodeHandler(createMcpHandler(createServer));
    const server = http.createServer((req, res) => void handler(req, res));
    server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
    process.stdin.on('end', () => process.exit(0));
  } else {
    console.error('usage: node echo-module.js stdio|http');
    process.exit(2);
  }
}
