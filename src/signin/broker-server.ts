import { readHandoff, writeHandoff } from '../channels/worker-handoff';
import { BROKER_ENV } from '../channels/env';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrokerRequest, TokenBroker } from './broker';

/**
 * The broker in Jest's main process, started by jest-mcp's global setup when a client signs in
 * with `auth.authorizationCode`. Workers reach it over a Unix socket in a directory only this
 * user can enter (mkdtemp makes it 0700); what they learn from the environment is that socket's
 * path, never a token. One JSON request and one JSON answer per connection.
 */

export { BROKER_ENV };

interface Running {
  server: Server;
  dir: string;
  broker: TokenBroker;
  sockets: Set<Socket>;
}

let running: Running | undefined;

function serve(broker: TokenBroker, socket: Socket): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const end = buffer.indexOf('\n');
    if (end < 0) return;
    let request: BrokerRequest;
    try {
      request = JSON.parse(buffer.slice(0, end)) as BrokerRequest;
    } catch {
      socket.end(`${JSON.stringify({ error: 'jest-mcp: the token broker got a request it cannot read' })}\n`);
      return;
    }
    void broker.handle(request).then((answer) => socket.end(`${JSON.stringify(answer)}\n`));
  });
}

export async function startTokenBroker(): Promise<void> {
  if (running) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'jest-mcp-auth-'));
  const socketPath = path.join(dir, 'broker.sock');
  const broker = new TokenBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(broker, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  // Workers are forked after the global setup: they inherit this, and check it names their parent.
  writeHandoff(BROKER_ENV, { socket: socketPath });
  running = { server, dir, broker, sockets };
}

export function brokerCounts(): { signIns: number; refreshes: number } | undefined {
  return running?.broker.counts();
}

export async function stopTokenBroker(): Promise<void> {
  const current = running;
  running = undefined;
  delete process.env[BROKER_ENV];
  if (!current) return;
  current.broker.clear();
  for (const socket of current.sockets) socket.destroy();
  await new Promise<void>((resolve) => current.server.close(() => resolve()));
  rmSync(current.dir, { recursive: true, force: true });
}

/** The socket of this run's broker: set by this process (in band) or its parent (a worker). */
export function brokerSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const socket = readHandoff<{ socket: unknown }>(BROKER_ENV, env)?.socket;
  return typeof socket === 'string' ? socket : undefined;
}
