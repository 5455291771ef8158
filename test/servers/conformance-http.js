'use strict';
// A Streamable HTTP MCP server (SDK 1.x McpServer, a session per initialize) on 127.0.0.1 for the
// conformance suite's HTTP rules: Host/Origin validation, the version it answers and, with
// --token, its behaviour as a protected resource. Prints "listening <port>".
//
//   node conformance-http.js [--bad] [--token TOKEN] [--issuer URL] [--scope S] [marker]
//
// Good (default): refuses a foreign Host or Origin with 403; answers the version asked. With
// --token: a request without it gets 401 `WWW-Authenticate: Bearer resource_metadata=…, scope=…`,
// any other token 401 invalid_token; /.well-known/oauth-protected-resource/mcp names the server
// and --issuer (default https://issuer.invalid).
// --bad: no Host/Origin validation; asked for a version it supports, it answers the next older
// one (an off-by-one in its list); with --token it also accepts any bearer token, its 401 has no
// resource_metadata, and its metadata names another resource and no authorization server.
// --jwks URL (instead of --token): access tokens are JWTs of --issuer, checked against that JWKS
// (signature, iss, aud = this server's /mcp, exp, nbf); one without --scope gets 403
// insufficient_scope. With --lax-tokens it only decodes them (no signature, issuer, audience or
// time check), ignores the scope, and also takes a token from ?access_token=.
const crypto = require('node:crypto');
const http = require('node:http');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { SUPPORTED_PROTOCOL_VERSIONS } = require('@modelcontextprotocol/sdk/types.js');
const { createRemoteJWKSet, decodeJwt, jwtVerify } = require('jose');
const { option, flag } = require('./args').readArgs(process.argv.slice(2));

const bad = flag('--bad');
const token = option('--token');
const issuer = option('--issuer') ?? 'https://issuer.invalid';
const scope = option('--scope') ?? 'notes:read';
const jwksUrl = option('--jwks');
const jwks = jwksUrl && createRemoteJWKSet(new URL(jwksUrl));
const lax = flag('--lax-tokens');

/** Why a JWT is refused (401), or 'scope' (403), or undefined when it is good. */
async function refusal(given, resource) {
  try {
    const claims = lax ? decodeJwt(given) : (await jwtVerify(given, jwks, { issuer, audience: resource })).payload;
    if (
      !lax &&
      !String(claims.scope ?? '')
        .split(' ')
        .includes(scope)
    )
      return 'scope';
    return undefined;
  } catch (error) {
    return error.code ?? 'invalid';
  }
}
const transports = new Map();

function mcpServer() {
  const server = new McpServer({ name: `conformance-http${bad ? '-bad' : ''}`, version: '1.0.0' });
  server.registerTool('ping', { description: 'Answers pong', annotations: { readOnlyHint: true } }, async () => ({
    content: [{ type: 'text', text: 'pong' }],
  }));
  return server;
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => resolve(body));
  });
}

const send = (res, status, headers, body = '') => res.writeHead(status, headers).end(body);

const server = http.createServer(async (req, res) => {
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}`;
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!bad && !own.includes(req.headers.host)) return send(res, 403, {}, 'foreign Host');
  if (!bad && req.headers.origin && !own.map((h) => `http://${h}`).includes(req.headers.origin))
    return send(res, 403, {}, 'foreign Origin');
  const url = new URL(req.url, base);
  if (req.method === 'GET' && url.pathname === '/.well-known/oauth-protected-resource/mcp') {
    const metadata = bad
      ? { resource: `${base}/other`, authorization_servers: [] }
      : { resource: `${base}/mcp`, authorization_servers: [issuer], scopes_supported: [scope], bearer_methods_supported: ['header'] };
    return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(metadata));
  }
  if (url.pathname !== '/mcp') return send(res, 404, {});
  if (token || jwks) {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (lax ? url.searchParams.get('access_token') : undefined);
    const metadataAt = `resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`;
    const challenge = bad ? 'Bearer realm="mcp"' : `Bearer ${metadataAt}, scope="${scope}"` + (given ? ', error="invalid_token"' : '');
    if (!given) return send(res, 401, { 'www-authenticate': challenge }, '');
    const why = jwks ? await refusal(given, `${base}/mcp`) : !bad && given !== token ? 'unknown token' : undefined;
    if (why === 'scope')
      return send(res, 403, { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}", ${metadataAt}` }, '');
    if (why) return send(res, 401, { 'www-authenticate': challenge }, '');
  }
  const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || 'null') : undefined;
  if (bad && body?.method === 'initialize') {
    const at = SUPPORTED_PROTOCOL_VERSIONS.indexOf(body.params?.protocolVersion);
    if (at >= 0 && at + 1 < SUPPORTED_PROTOCOL_VERSIONS.length) body.params.protocolVersion = SUPPORTED_PROTOCOL_VERSIONS[at + 1];
  }
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId && transports.get(sessionId);
  if (!transport) {
    if (body?.method !== 'initialize') return send(res, sessionId ? 404 : 400, {}, 'no session');
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => transports.set(id, transport),
    });
    transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
    await mcpServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
});

server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
