import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { SERVER_INFO, createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';

/**
 * The notes server over Streamable HTTP, with stateful sessions.
 *
 *   PORT=3000 NOTES_TOKENS=alice:tokA,bob:tokB,admin:tokC NOTES_ADMIN=admin node server/dist/http.js
 *
 * Listens on 127.0.0.1 only (PORT or --port), serves MCP at /mcp, and wants
 * `Authorization: Bearer <token>` on every request: a session belongs to the user whose token
 * opened it. Stops on SIGTERM/SIGINT, and when its stdin (if a pipe) is closed.
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
const store = new NotesStore();

interface Session {
  transport: StreamableHTTPServerTransport;
  user: string;
}
const sessions = new Map<string, Session>();

/** Who is calling: 401 with a Bearer challenge unless the token is one of NOTES_TOKENS. */
function authenticate(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = match ? users.byToken(match[1]) : undefined;
  if (!user) {
    const error = match ? ', error="invalid_token", error_description="unknown token"' : '';
    res.set('WWW-Authenticate', `Bearer realm="notes"${error}`);
    res.status(401).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized' }, id: null });
    return;
  }
  res.locals.user = user;
  next();
}

/** The caller's session: 400 without an id, 404 for an unknown one, 403 for someone else's. */
function sessionOf(req: Request, res: Response): Session | undefined {
  const id = req.headers['mcp-session-id'];
  if (typeof id !== 'string') {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: no valid session id' }, id: null });
    return undefined;
  }
  const session = sessions.get(id);
  if (!session) {
    res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
    return undefined;
  }
  if (session.user !== res.locals.user) {
    res.status(403).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Forbidden: this session belongs to another user' }, id: null });
    return undefined;
  }
  return session;
}

async function handle(req: Request, res: Response): Promise<void> {
  try {
    if (req.method === 'POST' && req.headers['mcp-session-id'] === undefined) {
      if (!isInitializeRequest(req.body)) {
        res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: initialize first' }, id: null });
        return;
      }
      const user = res.locals.user as string;
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, { transport, user });
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      const server = createNotesServer({ user, store, users, sessions: () => sessions.size });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
      return;
    }
    const session = sessionOf(req, res);
    if (session) await session.transport.handleRequest(req, res, req.body);
  } catch (error) {
    console.error('notes-example: error handling a request:', error);
    if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
  }
}

const app = createMcpExpressApp({ host: HOST });
app.post(MCP_PATH, authenticate, handle);
app.get(MCP_PATH, authenticate, handle); // the session's SSE stream
app.delete(MCP_PATH, authenticate, handle); // ends the session

const httpServer: Server = app.listen(port, HOST, (error?: Error) => {
  if (error) {
    console.error(`notes-example: cannot listen on ${HOST}:${port}: ${error.message}`);
    process.exit(1);
  }
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
  console.log(`notes-example: ${why}, closing ${sessions.size} session(s)`);
  // Whatever happens below, do not linger.
  setTimeout(() => process.exit(0), 2000).unref();
  for (const { transport } of [...sessions.values()]) await transport.close().catch(() => {});
  httpServer.close(() => process.exit(0));
  httpServer.closeAllConnections();
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
// Started with a pipe as stdin (as jest-mcp does): its end means the parent is done with us.
// A terminal or /dev/null as stdin is left alone, so `node server/dist/http.js &` keeps running.
if (fs.fstatSync(0).isFIFO()) {
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.resume();
}
