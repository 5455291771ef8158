'use strict';
// A Streamable HTTP MCP server for the fault e2e tests, on 127.0.0.1 only. Prints
// "listening <port>" once ready; any argument after --port N is ignored (a marker).
// Tools:
//   whoami   the session id
//   expire   answers, then forgets the caller's session: its next request gets the 404 a
//            server sends for a session it no longer knows (restarted, or timed out)
//   hang     never answers (a request that outlives the test's timeout)
// Requests it logs on stdout: "delete <session>" for each session DELETE.
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

const argv = process.argv.slice(2);
const at = argv.indexOf('--port');
const port = at >= 0 ? Number(argv[at + 1]) : 0;
const sessions = new Map();

function newServer(sid) {
  const server = new McpServer({ name: 'fault-http', version: '1.0.0' });
  server.tool('whoami', async () => ({ content: [{ type: 'text', text: sid() }] }));
  server.tool('expire', async () => {
    const id = sid();
    setImmediate(() => sessions.delete(id));
    return { content: [{ type: 'text', text: 'forgetting this session' }] };
  });
  server.tool('hang', () => new Promise(() => {}));
  return server;
}

async function handle(req, res) {
  if (new URL(req.url, 'http://127.0.0.1').pathname !== '/mcp') return res.writeHead(404).end();
  const id = req.headers['mcp-session-id'];
  if (req.method === 'DELETE') console.log(`delete ${id}`);
  if (id) {
    const transport = sessions.get(id);
    if (!transport) {
      return res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
    }
    return transport.handleRequest(req, res);
  }
  if (req.method !== 'POST') return res.writeHead(405).end();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => sessions.set(sid, transport),
    onsessionclosed: (sid) => sessions.delete(sid),
  });
  await newServer(() => transport.sessionId).connect(transport);
  return transport.handleRequest(req, res);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error('request failed:', error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
