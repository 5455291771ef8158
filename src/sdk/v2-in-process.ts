import { randomUUID } from 'node:crypto';
import type { InProcessServer, ServerFactoryContext } from './types';

/**
 * An SDK 2.x server served in process, with the copy of `@modelcontextprotocol/server` the server
 * module loaded, one server instance per client session where the protocol allows it:
 * - the 2025 (legacy) era: the SDK's stateful web-standard Streamable HTTP transport
 *   (`handleRequest(Request)`, a session id) connected to one instance for the session's life, as
 *   `serveStdio` or a stateful HTTP server keeps one. A session is what server-to-client requests
 *   (elicitation, sampling, roots) need, and making an instance per request (zod schemas, tool
 *   registrations) was most of what a call cost.
 * - the 2026-07-28 era: `createMcpHandler(factory, { legacy: 'reject' })`, its `fetch` called
 *   directly, with a factory that hands back an idle instance of this session (the SDK closes an
 *   instance after its exchange) and makes a new one only when all are busy (calls in parallel).
 */

type ServerPackage = typeof import('@modelcontextprotocol/server');
type Made = { connect(t: unknown): Promise<void>; close(): Promise<void>; server?: Made; onclose?: () => void };
type Factory = (ctx: ServerFactoryContext) => unknown;

export const V2_SERVER_PACKAGE = '@modelcontextprotocol/server';

export function isV2Server(pkg: unknown, value: unknown): boolean {
  const { McpServer, Server } = (pkg ?? {}) as Partial<ServerPackage>;
  return (typeof McpServer === 'function' && value instanceof McpServer) || (typeof Server === 'function' && value instanceof Server);
}

/** A request of the legacy session: it has the session's id, or the SDK's own routing says so (`initialize`). */
async function isLegacy(pkg: ServerPackage, request: Request): Promise<boolean> {
  if (request.headers.has('mcp-session-id')) return true;
  const version = request.headers.get('mcp-protocol-version');
  // A revision the 2025 protocol does not know belongs to the modern path (its answer, or its rejection).
  if (version && !pkg.SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return false;
  return pkg.isLegacyRequest(request);
}

/** Hands out instances of one era: an idle one if there is one (a closed exchange gives it back), else a new one. */
function instancePool(factory: Factory, era: ServerFactoryContext['era'], onError: (error: Error) => void) {
  const idle: Made[] = [];
  const all = new Set<Made>();
  const adopt = (made: Made) => {
    all.add(made);
    // The SDK sets and restores its own onclose around each exchange; ours runs after the exchange ends.
    const core = made.server ?? made;
    const before = core.onclose;
    core.onclose = () => {
      before?.();
      if (all.has(made) && !idle.includes(made)) idle.push(made);
    };
  };
  return {
    add(made: Made) {
      adopt(made);
      idle.push(made);
    },
    async take(): Promise<Made> {
      const reused = idle.pop();
      if (reused) return reused;
      try {
        const made = (await factory({ era })) as Made;
        adopt(made);
        return made;
      } catch (error) {
        onError(error as Error);
        throw error;
      }
    },
    async close() {
      const closing = [...all].map((made) => made.close().catch(() => {}));
      all.clear();
      idle.length = 0;
      await Promise.all(closing);
    },
  };
}

/** `first` is the instance made to find the server's generation: it serves its era first. */
export function serveV2(pkg: unknown, factory: Factory, first: { era: ServerFactoryContext['era']; server: unknown }): InProcessServer {
  const sdk = pkg as ServerPackage;
  let last: Error | undefined;
  const remember = (error: Error) => {
    last = error;
  };
  const modern = instancePool(factory, 'modern', remember);
  if (first.era === 'modern') modern.add(first.server as Made);
  // No keep-alive frames: nothing between client and server here can time out, and the timers would
  // be the test realm's (fake timers would run or count them).
  const handler = sdk.createMcpHandler(() => modern.take() as never, { legacy: 'reject', keepAliveMs: 0 });

  let legacyServer: Made | undefined = first.era === 'legacy' ? (first.server as Made) : undefined;
  let legacy: Promise<InstanceType<ServerPackage['WebStandardStreamableHTTPServerTransport']>> | undefined;
  const legacySession = () =>
    (legacy ??= (async () => {
      const transport = new sdk.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), keepAliveMs: 0 });
      try {
        legacyServer ??= (await factory({ era: 'legacy' })) as Made;
        await legacyServer.connect(transport);
      } catch (error) {
        remember(error as Error);
        throw error;
      }
      return transport;
    })());

  return {
    generation: 'v2',
    async fetch(request) {
      if (!(await isLegacy(sdk, request))) return handler.fetch(request);
      let transport;
      try {
        transport = await legacySession();
      } catch {
        // What createMcpHandler answers when the factory throws; lastError() says why.
        return Response.json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null }, { status: 500 });
      }
      return transport.handleRequest(request);
    },
    async close() {
      const server = legacyServer;
      legacyServer = undefined;
      await Promise.all([handler.close(), modern.close(), server?.close().catch(() => {})]);
    },
    lastError: () => last,
  };
}
