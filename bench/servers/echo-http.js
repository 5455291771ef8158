'use strict';
// A tiny MCP server over stateful Streamable HTTP for the benchmarks: an `echo` tool, a `large`
// tool (a text result of `bytes` characters), one McpServer per session, sessions ended by
// DELETE. Listens on 127.0.0.1 only.
//
//   node bench/servers/echo-http.js --port N [marker]
//
// Prints "listening on http://127.0.0.1:N/mcp" when ready; exits on SIGTERM/SIGINT.
// Any other argument is ignored (the bench puts a marker there to find leftover processes).
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { z } = require('zod');

const argv = process.argv.slice(2);
const port = Number(argv[argv.indexOf('--port') + 1]);
if (!argv.includes('--port') || !port) {
  process.stderr.write('echo-http: --port N is required\n');
  process.exit(2);
}

const sessions = new Map();
let opened = 0;

function newServer() {
  const server = new McpServer({ name: 'bench-echo-http', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool(
    'large',
    { description: 'A text result of `bytes` characters', inputSchema: { bytes: z.number().int() } },
    async ({ bytes }) => ({
      content: [{ type: 'text', text: 'x'.repeat(bytes) }],
    }),
  );
  return server;
}

async function handle(req, res) {
  if (new URL(req.url, 'http://127.0.0.1').pathname !== '/mcp') return res.writeHead(404).end();
  const id = req.headers['mcp-session-id'];
  if (id) {
    const transport = sessions.get(id);
    if (!transport) return res.writeHead(404).end('unknown session');
    return transport.handleRequest(req, res);
  }
  if (req.method !== 'POST') return res.writeHead(405).end();
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => {
      opened++;
      sessions.set(sid, transport);
    },
    onsessionclosed: (sid) => {
      sessions.delete(sid);
      void server.close();
    },
  });
  await server.connect(transport);
  return transport.handleRequest(req, res);
}

const httpServer = http
  .createServer((req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`echo-http: request failed: ${error && error.stack}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/mcp`));

function stop() {
  // Sessions a client never ended are reported, so a leaky baseline shows up in the bench output.
  console.log(`stopping: ${opened} sessions opened, ${sessions.size} still open`);
  httpServer.close();
  httpServer.closeAllConnections?.();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
