'use strict';
// Redirects, and connections cut in the middle of a request, on 127.0.0.1 only. Prints
// "listening <port>" once ready. Appends "<role> <method> <path> <header>=<value>…" for every
// request it gets to the --events file (headers: x-api-key, authorization, cookie, "-" if absent),
// so a test can see from the receiving side which credentials arrived where (and, on the record
// side, a client_secret in a body).
//
//   node redirect-http.js record --events FILE [marker]
//       another origin: records each request and answers 404
//   node redirect-http.js serve --events FILE --other <origin> [marker]
//       /mcp                      Streamable HTTP (SDK 1.x McpServer, stateless). Tools: echo {text};
//                                 hangup, hangup-early, cut-short: see "mid-request" below
//       /same/307/mcp             307 to /mcp
//       /same/chain/mcp           308 to /same/307/mcp (two hops, same origin)
//       /same/302/mcp             302 to /mcp (same origin, but a POST would become a GET)
//       /away/307/mcp             307 to <other>/mcp
//       /away/302/mcp             302 to <other>/mcp
//       /loop/mcp                 307 to itself, forever
//       /cut-init/mcp             initialize: the connection is destroyed before any answer
//       /cut-init-stream/mcp      initialize: HTTP 200 event-stream headers, then the connection is destroyed
//       /sse, /messages           the legacy HTTP+SSE transport; the tool hangup destroys the GET stream's connection
//       /oauth/mcp                401 with OAuth metadata (authorization server /as, same origin), whose
//                                 token endpoint /as/token answers 307 to <other>/token
//   mid-request (tools/call over /mcp): hangup: HTTP 200 event-stream headers, then the connection
//   is destroyed; hangup-early: destroyed before any answer; cut-short: headers, then the response
//   ends without the answer.
// Any other argument is ignored (tests put a marker there to find leftover processes).
const fs = require('node:fs');
const { readBody, serveOnLoopback } = require('./http-body');

const [mode, ...argv] = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const eventsFile = option('--events');
const other = option('--other');

function note(req) {
  const h = (name) => `${name}=${req.headers[name] ?? '-'}`;
  const line = [mode, req.method, req.url, h('x-api-key'), h('authorization'), h('cookie')].join(' ');
  if (eventsFile) fs.appendFileSync(eventsFile, `${line}\n`);
}

// Loaded before listening: loading on the first request would block this process for seconds on
// a busy machine, and the 100 ms cuts below would come that much later.
const { McpServer } = mode === 'serve' ? require('@modelcontextprotocol/sdk/server/mcp.js') : {};
const { StreamableHTTPServerTransport } = mode === 'serve' ? require('@modelcontextprotocol/sdk/server/streamableHttp.js') : {};
const { SSEServerTransport } = mode === 'serve' ? require('@modelcontextprotocol/sdk/server/sse.js') : {};
const z = mode === 'serve' ? require('zod') : undefined;

function makeServer() {
  const server = new McpServer({ name: 'redirect-http', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  // Their answers never come: the connection is cut first (see handle()).
  for (const name of ['hangup', 'hangup-early', 'cut-short']) server.registerTool(name, {}, () => new Promise(() => {}));
  return server;
}

const REDIRECTS = {
  '/same/307/mcp': [307, '/mcp'],
  '/same/chain/mcp': [308, '/same/307/mcp'],
  '/same/302/mcp': [302, '/mcp'],
  '/away/307/mcp': [307, `${other}/mcp`],
  '/away/302/mcp': [302, `${other}/mcp`],
  '/loop/mcp': [307, '/loop/mcp'],
};

function streamHeaders(res) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

const sseSessions = new Map(); // session id -> { transport, res }

async function handle(req, res) {
  note(req);
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (mode === 'record') {
    // An OAuth client secret travels in a token request's body (client_secret_post).
    let body = '';
    for await (const chunk of req) body += chunk;
    const secret = new URLSearchParams(body).get('client_secret');
    if (secret && eventsFile) fs.appendFileSync(eventsFile, `record body client_secret=${secret}\n`);
    return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  }
  const base = `http://127.0.0.1:${server.address().port}`;
  const json = (value) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  if (path === '/oauth/mcp') {
    const metadata = `${base}/.well-known/oauth-protected-resource/oauth/mcp`;
    return res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${metadata}"` }).end();
  }
  if (path === '/.well-known/oauth-protected-resource/oauth/mcp') {
    return json({ resource: `${base}/oauth/mcp`, authorization_servers: [`${base}/as`] });
  }
  if (path === '/.well-known/oauth-authorization-server/as') {
    return json({
      issuer: `${base}/as`,
      token_endpoint: `${base}/as/token`,
      authorization_endpoint: `${base}/as/authorize`,
      response_types_supported: ['code'],
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
    });
  }
  if (path === '/as/token') return res.writeHead(307, { location: `${other}/token` }).end();
  const redirect = REDIRECTS[path];
  if (redirect) return res.writeHead(redirect[0], { location: redirect[1] }).end();
  if (path === '/sse' && req.method === 'GET') {
    const transport = new SSEServerTransport('/messages', res);
    sseSessions.set(transport.sessionId, { transport, res });
    res.on('close', () => sseSessions.delete(transport.sessionId));
    return makeServer().connect(transport);
  }
  const body = req.method === 'POST' ? await readBody(req).catch(() => undefined) : undefined;
  const tool = body?.method === 'tools/call' ? body.params?.name : undefined;
  if (path === '/messages') {
    const session = sseSessions.get(new URL(req.url, 'http://127.0.0.1').searchParams.get('sessionId'));
    if (!session) return res.writeHead(404).end();
    if (tool === 'hangup') setTimeout(() => session.res.socket?.destroy(), 100);
    return session.transport.handlePostMessage(req, res, body);
  }
  if (path === '/cut-init/mcp' && body?.method === 'initialize') return req.socket.destroy();
  if (path === '/cut-init-stream/mcp' && body?.method === 'initialize') {
    streamHeaders(res);
    return setTimeout(() => req.socket.destroy(), 100);
  }
  if (!['/mcp', '/cut-init/mcp', '/cut-init-stream/mcp'].includes(path)) return res.writeHead(404).end();
  if (tool === 'hangup-early') return req.socket.destroy();
  if (tool === 'cut-short') {
    streamHeaders(res);
    return setTimeout(() => res.end(), 100);
  }
  if (req.method !== 'POST') return res.writeHead(405).end();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await makeServer().connect(transport);
  // The SDK has written the event-stream headers when the tool starts; cut the connection after.
  if (tool === 'hangup') setTimeout(() => req.socket.destroy(), 100);
  return transport.handleRequest(req, res, body);
}

const server = serveOnLoopback('redirect-http', handle);
