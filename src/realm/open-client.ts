import { OPENER_KEY } from '../channels/keys';
import { captureCallSite, toTestErrorAt } from './call-site';
import { type BridgedClient, bridgeClient } from './client-proxy';
import type { OpenClient } from '../session/owner';
import type { McpClientOptions } from '../config/types';

/**
 * Opens a client inside a test, for when isolation matters more than speed. This module runs in
 * the test's realm (test code imports it); the session itself is opened and owned by the
 * environment, like every other session, and reaches the test through the bridge. The handle
 * closes with `await using`, `close()` or the callback form; the environment closes any handle a
 * test forgot, at the end of the file, before the file's own clients.
 */

/** Where the environment leaves its opener for this module (defined in channels/keys.ts). */
export { OPENER_KEY };

export type ClientOpener = (target: string | McpClientOptions) => Promise<OpenClient & { close(): Promise<void> }>;

/** A client opened by `openMcpClient`: a bridged client whose `close()` ends the session fully. */
export type BridgedHandle = BridgedClient & AsyncDisposable;

function asyncDisposeSymbol(): symbol | undefined {
  return (Symbol as { asyncDispose?: symbol }).asyncDispose;
}

/**
 * Opens a fresh session: `target` is the name of a client configured in
 * `testEnvironmentOptions.mcp.clients` (also one the file's `@mcp-clients` left out), or a client
 * config of the same shape.
 */
export async function openMcpClient(target: string | McpClientOptions): Promise<BridgedHandle> {
  const opener = (globalThis as Record<symbol, ClientOpener | undefined>)[OPENER_KEY];
  if (!opener) {
    throw new Error(
      "jest-mcp: openMcpClient() needs jest-mcp's test environment (preset: 'jest-mcp', or an environment that extends McpEnvironment).",
    );
  }
  const openedAt = captureCallSite(openMcpClient);
  let opened: Awaited<ReturnType<ClientOpener>>;
  try {
    opened = await opener(target);
  } catch (error) {
    throw await toTestErrorAt(error, openedAt);
  }
  const bridged = bridgeClient(opened);
  const close = function close() {
    const closedAt = captureCallSite(close);
    return opened.close().catch(async (error: unknown) => {
      throw await toTestErrorAt(error, closedAt);
    });
  };
  const dispose = asyncDisposeSymbol();
  return new Proxy(bridged, {
    get(target, prop) {
      if (prop === 'close' || (dispose !== undefined && prop === dispose)) return close;
      return Reflect.get(target, prop) as unknown;
    },
  }) as BridgedHandle;
}

/** The callback form: opens, runs `fn`, and closes whatever `fn` did. */
export async function withMcpClient<T>(target: string | McpClientOptions, fn: (client: BridgedClient) => Promise<T> | T): Promise<T> {
  const client = await openMcpClient(target);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
