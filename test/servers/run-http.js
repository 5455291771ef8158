'use strict';
// An MCP server over HTTP for jest-mcp's `mcp.servers` tests (started by the global setup).
// Streamable HTTP (stateful sessions) by default, legacy HTTP+SSE with --sse. Listens on
// 127.0.0.1 only. Logs to stdout/stderr what the tests look for in its log file.
//
//   --port N            port (else $RUN_HTTP_PORT)
//   --path /p           endpoint path (default /mcp, or /sse with --sse)
//   --sse               legacy HTTP+SSE transport
//   --exit-at-start N   print a fatal error and exit with code N
//   --never-listen      print "warming up" and never listen
//   --plain-404         a plain HTTP server that answers 404 to everything
//   --ignore-sigterm    ignore SIGTERM (to prove SIGKILL follows); else log it and exit
//   --idle-close-ms N   drop a connection idle for N ms, while still announcing Node's 5 s keep-alive
//                       (as proxies with a shorter idle timeout than they announce do)
// Any other argument is ignored (tests put a marker there to find leftover processes).
const http = require('node:http');
const { randomUUID } = require('node:crypto');

const argv = process.argv.slice(2);
const { flag, option } = require('./args').readArgs(argv);

if (flag('--exit-at-start')) {
  process.stderr.write('fatal: DATABASE_URL is not set, cannot start\n');
  process.exit(Number(option('--exit-at-start')));
}
process.on('SIGTERM', () => {
  if (flag('--ignore-sigterm')) return console.log('ignoring SIGTERM');
  console.log('got SIGTERM, exiting');
  process.exit(0);
});
if (flag('--never-listen')) {
  console.log('warming up');
  setInterval(() => {}, 1000);
  return;
}

const port = Number(option('--port') ?? process.env.RUN_HTTP_PORT);
if (!port) {
  process.stderr.write('run-http: no port (--port or RUN_HTTP_PORT)\n');
  process.exit(2);
}
const sse = flag('--sse');
const endpoint = option('--path') ?? (sse ? '/sse' : '/mcp');

if (flag('--plain-404')) {
  http
    .createServer((req, res) => {
      console.log(`plain-404: ${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    })
    .listen(port, '127.0.0.1', () => console.log(`plain HTTP on http://127.0.0.1:${port}`));
  return;
}

const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');

let opened = 0;
const open = new Map();

function newServer() {
  const server = new McpServer({ name: 'run-http', version: '1.0.0' });
  server.tool('whoami', 'Who serves this session', async () => ({
    content: [
      {
        type: 'text',
        text: JSON.stringify({ pid: process.pid, ppid: process.ppid, port, sessionsOpened: opened, sessionsOpen: open.size }),
      },
    ],
  }));
  return server;
}

async function streamable(req, res) {
  const id = req.headers['mcp-session-id'];
  if (id) {
    const transport = open.get(id);
    if (!transport) return res.writeHead(404).end('unknown session');
    return transport.handleRequest(req, res);
  }
  if (req.method !== 'POST') return res.writeHead(405).end();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => {
      opened++;
      open.set(sid, transport);
      console.log(`session opened ${sid} (${open.size} open)`);
    },
    onsessionclosed: (sid) => {
      open.delete(sid);
      console.log(`session closed ${sid} (${open.size} open)`);
    },
  });
  await newServer().connect(transport);
  return transport.handleRequest(req, res);
}

async function legacy(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === endpoint) {
    const transport = new SSEServerTransport('/messages', res);
    opened++;
    open.set(transport.sessionId, transport);
    console.log(`session opened ${transport.sessionId} (${open.size} open)`);
    transport.onclose = () => {
      open.delete(transport.sessionId);
      console.log(`session closed ${transport.sessionId} (${open.size} open)`);
    };
    await newServer().connect(transport);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const transport = open.get(url.searchParams.get('sessionId'));
    if (!transport) return res.writeHead(404).end('unknown session');
    return transport.handlePostMessage(req, res);
  }
  res.writeHead(404).end();
}

const httpServer = http
  .createServer((req, res) => {
    const handle = sse
      ? legacy
      : (rq, rs) => (new URL(rq.url, 'http://127.0.0.1').pathname === endpoint ? streamable(rq, rs) : rs.writeHead(404).end());
    handle(req, res).catch?.((error) => {
      console.error('request failed:', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}${endpoint}${sse ? ' (sse)' : ''}`));
const idleCloseMs = Number(option('--idle-close-ms'));
if (idleCloseMs) {
  httpServer.on('request', (req, res) => {
    clearTimeout(req.socket.idleClose);
    res.on('finish', () => {
      req.socket.idleClose = setTimeout(() => req.socket.destroy(), idleCloseMs);
    });
  });
}
