'use strict';
// A stateless Streamable HTTP MCP server on 127.0.0.1 whose one tool, `whoami`, says which
// fixture answers (its name, pid and port): the port tests can tell jest-mcp's own server from
// another process that holds the same port. Shared by slow-binder.js and impostor.js.
const http = require('node:http');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

/** An HTTP server (not yet listening) serving MCP at /mcp as `name`. */
function whoamiServer(name) {
  let port;
  const httpServer = http.createServer((req, res) => {
    if (new URL(req.url, 'http://127.0.0.1').pathname !== '/mcp') return res.writeHead(404).end();
    if (req.method !== 'POST') return res.writeHead(405).end();
    const server = new McpServer({ name, version: '1.0.0' });
    server.tool('whoami', 'Which fixture serves this request', async () => ({
      content: [{ type: 'text', text: JSON.stringify({ server: name, pid: process.pid, port }) }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch((error) => {
        console.error('request failed:', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  httpServer.on('listening', () => (port = httpServer.address().port));
  return httpServer;
}

module.exports = { whoamiServer };
