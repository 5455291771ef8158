import { randomUUID } from 'node:crypto';
import type { InProcessServer } from './types';

/**
 * An SDK 1.x server served in process: its own web-standard Streamable HTTP transport
 * (`handleRequest(Request)`), one server instance per session, as a stateful HTTP server keeps
 * one. 1.x speaks only the 2025 protocol.
 */

type Modules = {
  mcp: typeof import('@modelcontextprotocol/sdk/server/mcp.js');
  server: typeof import('@modelcontextprotocol/sdk/server/index.js');
  web: typeof import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js');
};

export const V1_SERVER_MODULES = {
  mcp: '@modelcontextprotocol/sdk/server/mcp.js',
  server: '@modelcontextprotocol/sdk/server/index.js',
  web: '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js',
} as const;

export function isV1Server(mcp: unknown, server: unknown, value: unknown): boolean {
  const { McpServer } = (mcp ?? {}) as Partial<Modules['mcp']>;
  const { Server } = (server ?? {}) as Partial<Modules['server']>;
  return (typeof McpServer === 'function' && value instanceof McpServer) || (typeof Server === 'function' && value instanceof Server);
}

/** Whether this 1.x has the web-standard server transport (later 1.x releases do). */
export function hasWebTransport(web: unknown): boolean {
  return typeof (web as Partial<Modules['web']> | undefined)?.WebStandardStreamableHTTPServerTransport === 'function';
}

export async function serveV1(web: unknown, server: unknown): Promise<InProcessServer> {
  // No keep-alive frames (1.x releases that have them): nothing here can time out, and fake timers would see them.
  const { WebStandardStreamableHTTPServerTransport } = web as Modules['web'];
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), keepAliveMs: 0 });
  const made = server as { connect(t: unknown): Promise<void>; close(): Promise<void> };
  await made.connect(transport);
  return {
    generation: 'v1',
    fetch: (request) => transport.handleRequest(request),
    close: () => made.close(),
    lastError: () => undefined,
  };
}
