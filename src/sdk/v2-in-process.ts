import type { InProcessServer, ServerFactoryContext } from './types';

/**
 * An SDK 2.x server served as the SDK's own tests serve one: `createMcpHandler(factory)` from the
 * copy of `@modelcontextprotocol/server` the server module loaded, its `fetch` called directly.
 * Both protocol eras; the SDK calls the factory once per request, as it does behind a socket.
 */

type ServerPackage = typeof import('@modelcontextprotocol/server');

export const V2_SERVER_PACKAGE = '@modelcontextprotocol/server';

export function isV2Server(pkg: unknown, value: unknown): boolean {
  const { McpServer, Server } = (pkg ?? {}) as Partial<ServerPackage>;
  return (typeof McpServer === 'function' && value instanceof McpServer) || (typeof Server === 'function' && value instanceof Server);
}

/** `first` is the instance made to find the server's generation: it serves the first request of its era. */
export function serveV2(
  pkg: unknown,
  factory: (ctx: ServerFactoryContext) => unknown,
  first: { era: ServerFactoryContext['era']; server: unknown },
): InProcessServer {
  const { createMcpHandler } = pkg as ServerPackage;
  let kept: typeof first | undefined = first;
  let last: Error | undefined;
  const handler = createMcpHandler(async (ctx) => {
    if (kept && kept.era === ctx.era) {
      const { server } = kept;
      kept = undefined;
      return server as never;
    }
    try {
      return (await factory(ctx)) as never;
    } catch (error) {
      last = error as Error;
      throw error;
    }
  });
  return {
    generation: 'v2',
    fetch: (request) => handler.fetch(request),
    async close() {
      const unused = kept?.server as { close?: () => Promise<void> } | undefined;
      kept = undefined;
      await handler.close();
      await unused?.close?.();
    },
    lastError: () => last,
  };
}
