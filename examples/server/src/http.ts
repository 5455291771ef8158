import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createMcpHandler, type AuthInfo, type McpRequestContext } from '@modelcontextprotocol/server';
import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { Activity } from './activity';
import { SERVER_INFO, createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';
import { ProtectedResource, hasQueryToken, looksLikeJwt, oauthFromEnv } from './oauth';

/**
 * The notes server over Streamable HTTP, for both protocol eras from one factory: 2026-07-28
 * clients and 2025-era clients (served statelessly, one server instance per request).
 *
 *   PORT=3000 NOTES_TOKENS=alice:tokA,bob:tokB,admin:tokC NOTES_ADMIN=admin node server/dist/http.js
 *
 * Listens on 127.0.0.1 only (PORT or --port), serves MCP at /mcp, and wants
 * `Authorization: Bearer <token>` on every request: each request acts for the user of its token.
 * With OAUTH_ISSUER and OAUTH_JWKS it is also an OAuth protected resource of that authorization
 * server (see oauth.ts): JWT access tokens act for their `sub`.
 * Stops on SIGTERM/SIGINT, and when its stdin (if a pipe) is closed.
 */

const HOST = '127.0.0.1';
const MCP_PATH = '/mcp';

function portFromArgs(argv: string[], env: NodeJS.ProcessEnv): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : env.PORT;
  const port = Number(raw ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`notes-example: invalid port ${JSON.stringify(raw)} (PORT or --port)`);
    process.exit(2);
  }
  return port;
}

const users = usersFromEnv();
const oauth = oauthFromEnv();
if (users.names.length === 0 && !oauth) {
  console.error('notes-example: NOTES_TOKENS is empty; set it to user:token pairs, e.g. alice:tokA,bob:tokB');
  process.exit(2);
}
const port = portFromArgs(process.argv.slice(2), process.env);
// Process-wide: server instances live for one request, the notes must outlive them.
const store = new NotesStore();
const activity = new Activity();

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Set once the server listens: its own URL is the audience its tokens must have. */
let protectedResource: ProtectedResource | undefined;

/**
 * Who is calling: the user of a NOTES_TOKENS token, or the `sub` of a JWT from the authorization
 * server; otherwise 401 (or 403 for a token without the notes scope) with a Bearer challenge.
 */
async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<AuthInfo | undefined> {
  const refuse = (status: number, error?: { error: string; description: string; scope?: string }) => {
    const challenge = protectedResource
      ? protectedResource.challenge(error)
      : `Bearer realm="notes"${error ? `, error="${error.error}", error_description="${error.description}"` : ''}`;
    sendJson(
      res,
      status,
      { jsonrpc: '2.0', error: { code: -32001, message: status === 403 ? 'Forbidden' : 'Unauthorized' }, id: null },
      {
        'www-authenticate': challenge,
      },
    );
    return undefined;
  };
  if (hasQueryToken(req)) return refuse(400, { error: 'invalid_request', description: 'tokens go in the Authorization header' });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return refuse(401);
  let user = users.byToken(match[1]);
  if (!user && protectedResource && looksLikeJwt(match[1])) {
    const verdict = await protectedResource.verify(match[1]);
    if (!('user' in verdict)) return refuse(verdict.status, verdict);
    user = verdict.user;
  }
  if (!user) return refuse(401, { error: 'invalid_token', description: 'unknown token' });
  return { token: match[1], clientId: user, scopes: [], extra: { user } };
}

// The SDK hands the factory the AuthInfo that reached `req.auth`; only authenticate() puts it
// there, so a request without a user here is a wiring mistake, not a caller's fault.
function userOf(ctx: McpRequestContext): string {
  const user = ctx.authInfo?.extra?.user;
  if (typeof user !== 'string') throw new Error(`no authenticated user for a ${ctx.era} request`);
  return user;
}

const reportError = (error: Error) => console.error(`notes-example: ${error.message}`);
const handler = createMcpHandler((ctx) => createNotesServer({ user: userOf(ctx), store, users, activity }), {
  onerror: reportError,
});
const serveMcp = toNodeHandler(handler, { onerror: reportError });
// DNS rebinding: a browser page must not reach this loopback server under another name or origin.
const hostAllowed = localhostHostValidation();
const originAllowed = localhostOriginValidation();

const httpServer = createServer((req, res) => {
  if (!hostAllowed(req, res) || !originAllowed(req, res)) return;
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (protectedResource && pathname === new URL(protectedResource.metadataUrl).pathname) {
    sendJson(res, 200, protectedResource.metadata());
    return;
  }
  if (pathname !== MCP_PATH) {
    sendJson(res, 404, { jsonrpc: '2.0', error: { code: -32000, message: `Not found: MCP is served at ${MCP_PATH}` }, id: null });
    return;
  }
  const fail = (error: unknown) => {
    reportError(error instanceof Error ? error : new Error(String(error)));
    if (!res.headersSent) sendJson(res, 500, { jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
  };
  authenticate(req, res)
    .then((auth) => {
      if (!auth) return;
      activity.record(auth.clientId);
      return serveMcp(Object.assign(req, { auth }), res);
    }, fail)
    .catch(fail);
});

httpServer.once('error', (error) => {
  console.error(`notes-example: cannot listen on ${HOST}:${port}: ${error.message}`);
  process.exit(1);
});
httpServer.listen(port, HOST, () => {
  const address = httpServer.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  if (oauth) protectedResource = new ProtectedResource(oauth, `http://${HOST}:${actual}${MCP_PATH}`);
  console.log(
    `${SERVER_INFO.name} ${SERVER_INFO.version} listening on http://${HOST}:${actual}${MCP_PATH} ` +
      `(users: ${users.names.join(', ')}; admin: ${users.admin}${oauth ? `; OAuth: ${oauth.issuer}` : ''}; ready ${Math.round(performance.now())} ms after process start)`,
  );
});

let stopping = false;
async function shutdown(why: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`notes-example: ${why}, stopping`);
  // Whatever happens below, do not linger.
  setTimeout(() => process.exit(0), 2000).unref();
  // Ends in-flight 2026-07-28 exchanges; legacy requests hold nothing between requests.
  await handler.close().catch(() => {});
  httpServer.close(() => process.exit(0));
  httpServer.closeAllConnections();
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
// Started with a pipe as stdin (as jest-mcp does): its end means the parent is done with us.
// Node's child_process gives a child a socketpair, not a FIFO, for a 'pipe' stdin, so both count.
// A terminal or /dev/null as stdin is left alone, so `node server/dist/http.js &` keeps running.
const stdin = fs.fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) {
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.resume();
}
