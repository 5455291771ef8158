'use strict';
// An MCP server over HTTP for the core e2e tests, on 127.0.0.1 only. Prints "listening <port>"
// once ready. Appends lifecycle events ("<event> <who> <ms>") to an events file so tests can see
// from the server's side who connected and in which order sessions ended.
//
//   --port N              port (default 0: any free one)
//   --events FILE         the events file (else $CORE_EVENTS; none: no events)
//   --user NAME=TOKEN     a bearer token (repeatable); with any, every MCP request needs one (else 401)
// Any other argument is ignored (tests put a marker there to find leftover processes).
//
// Paths:
//   /mcp                  Streamable HTTP (stateful sessions)
//   /hang-delete/mcp      Streamable HTTP whose session DELETE is never answered
//   /silent/mcp           accepts requests and never answers them (initialize hangs)
//   /forbidden/mcp        403
//   /sse + /messages      legacy HTTP+SSE
//   anything else         404
// Who a request is: its X-Client header, else the user of its bearer token, else "anon".
// Events: initialize <who> <clientInfo.name>, initialized <who>, delete <who>, closed <who>
// (server-side transport closed), sse-open <who>, sse-closed <who>.
const fs = require('node:fs');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { McpServer, ResourceTemplate } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { SSEServerTransport } = require('@modelcontextprotocol/sdk/server/sse.js');
const { z } = require('zod');

const argv = process.argv.slice(2);
const { option, users } = require('./args').readArgs(argv);
const eventsFile = option('--events') ?? process.env.CORE_EVENTS;
const note = (event, who, extra) => {
  if (eventsFile) fs.appendFileSync(eventsFile, `${[event, who, extra].filter(Boolean).join(' ')} ${Date.now()}\n`);
};

/** X-Client, else the user of the token; false for a bad or missing token when tokens are configured. */
function identify(req) {
  let user;
  if (users.size) {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    user = m && users.get(m[1]);
    if (!user) return false;
  }
  return req.headers['x-client'] || user || 'anon';
}

function newServer(who) {
  const server = new McpServer({ name: 'core-http', version: '1.0.0' });
  server.tool('whoami', 'The user (bearer token) or X-Client of this session', async () => ({
    content: [{ type: 'text', text: who }],
  }));
  server.tool('echo', { message: z.string() }, async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  server.resource('note', new ResourceTemplate('note://{id}', { list: undefined }), async (uri, { id }) => {
    if (id !== 'n1') throw new Error(`no note ${id}`);
    return { contents: [{ uri: uri.href, text: 'first note' }] };
  });
  server.server.oninitialized = () => note('initialized', who);
  return server;
}

const sessions = new Map(); // session id -> { transport, who }

const { readBody } = require('./http-body');

async function streamable(req, res, who, { hangDelete }) {
  const body = req.method === 'POST' ? await readBody(req) : undefined;
  const id = req.headers['mcp-session-id'];
  if (id) {
    const session = sessions.get(id);
    if (!session) return res.writeHead(404).end('unknown session');
    if (req.method === 'DELETE') {
      note('delete', session.who);
      if (hangDelete) return; // never answered
    }
    return session.transport.handleRequest(req, res, body);
  }
  if (req.method !== 'POST') return res.writeHead(405).end();
  if (body && body.method === 'initialize') note('initialize', who, body.params?.clientInfo?.name);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sid) => sessions.set(sid, { transport, who }),
    onsessionclosed: (sid) => sessions.delete(sid),
  });
  transport.onclose = () => note('closed', who);
  await newServer(who).connect(transport);
  return transport.handleRequest(req, res, body);
}

const legacy = new Map(); // session id -> transport

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  const known = ['/mcp', '/hang-delete/mcp', '/silent/mcp', '/forbidden/mcp', '/sse', '/messages'];
  if (!known.includes(path)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  if (path === '/forbidden/mcp') return res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
  const who = identify(req);
  if (who === false) {
    return res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"error":"invalid_token"}');
  }
  if (path === '/silent/mcp') {
    const body = await readBody(req).catch(() => undefined);
    note('ignored', who, body?.method);
    return; // never answered
  }
  if (path === '/sse' && req.method === 'GET') {
    const transport = new SSEServerTransport('/messages', res);
    legacy.set(transport.sessionId, transport);
    note('sse-open', who);
    transport.onclose = () => {
      legacy.delete(transport.sessionId);
      note('sse-closed', who);
    };
    await newServer(who).connect(transport);
    return;
  }
  if (path === '/messages' && req.method === 'POST') {
    const transport = legacy.get(url.searchParams.get('sessionId'));
    if (!transport) return res.writeHead(404).end('unknown session');
    return transport.handlePostMessage(req, res);
  }
  if (path === '/sse' || path === '/messages') return res.writeHead(405).end();
  return streamable(req, res, who, { hangDelete: path === '/hang-delete/mcp' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error('request failed:', error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(Number(option('--port') ?? 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
