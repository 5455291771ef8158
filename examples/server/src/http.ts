import * as fs from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createMcpHandler, type AuthInfo, type McpRequestContext } from '@modelcontextprotocol/server';
import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { Activity } from './activity';
import { SERVER_INFO, createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';

/**
 * The notes server over Streamable HTTP, for both protocol eras from one factory: 2026-07-28
 * clients and 2025-era clients (served statelessly, one server instance per request).
 *
 *   PORT=3000 NOTES_TOKENS=alice:tokA,bob:tokB,admin:tokC NOTES_ADMIN=admin node server/dist/http.js
 *
 * Listens on 127.0.0.1 only (PORT or --port), serves MCP at /mcp, and wants
 * `Authorization: Bearer <token>` on every request: each request acts for the user of its token.
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
if (users.names.length === 0) {
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

/** Who is calling: 401 with a Bearer challenge unless the token is one of NOTES_TOKENS. */
function authenticate(req: IncomingMessage, res: ServerResponse): AuthInfo | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const user = match ? users.byToken(match[1]) : undefined;
  if (!match || !user) {
    const error = match ? ', error="invalid_token", error_description="unknown token"' : '';
    sendJson(
      res,
      401,
      { jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized' }, id: null },
      {
        'www-authenticate': `Bearer realm="notes"${error}`,
      },
    );
    return undefined;
  }
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
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== MCP_PATH) {
    sendJson(res, 404, { jsonrpc: '2.0', error: { code: -32000, message: `Not found: MCP is served at ${MCP_PATH}` }, id: null });
    return;
  }
  const auth = authenticate(req, res);
  if (!auth) return;
  activity.record(auth.clientId);
  serveMcp(Object.assign(req, { auth }), res).catch((error: unknown) => {
    reportError(error instanceof Error ? error : new Error(String(error)));
    if (!res.headersSent) sendJson(res, 500, { jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
  });
});

httpServer.once('error', (error) => {
  console.error(`notes-example: cannot listen on ${HOST}:${port}: ${error.message}`);
  process.exit(1);
});
httpServer.listen(port, HOST, () => {
  const address = httpServer.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(
    `${SERVER_INFO.name} ${SERVER_INFO.version} listening on http://${HOST}:${actual}${MCP_PATH} ` +
      `(users: ${users.names.join(', ')}; admin: ${users.admin}; ready ${Math.round(performance.now())} ms after process start)`,
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
