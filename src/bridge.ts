import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ReceivedMessage, WaitOptions } from './inbox';
import { ESM_KEY, FINISHED_KEY } from './realm-keys';
import type { OpenClient } from './session-owner';

/**
 * Hands the environment's clients to test code. This module is loaded by the preset's
 * `setupFilesAfterEnv`, so it runs inside the test's vm realm with the test's module registry:
 * `JSON`, `Error` and the `McpError` it requires are the ones the test sees. Values coming back
 * from the environment's clients (Node's realm) are re-created here, so `toStrictEqual`,
 * `instanceof Error` and `rejects.toThrow(McpError)` behave as if the client lived in the test.
 */

type AnyFn = (...args: unknown[]) => unknown;

function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  // A plain object of any realm: its prototype is some realm's Object.prototype, or null.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Re-creates plain data with this realm's constructors; leaves class instances alone. */
export function toTestRealm<T>(value: T): T {
  if (!isPlainData(value)) return value;
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return value; // cycles or BigInt: hand it over as is
  }
}

const MCP_PREFIX = /^MCP error -?\d+: /;

type McpErrorClass = typeof import('@modelcontextprotocol/sdk/types.js').McpError;

function requiredMcpError(): McpErrorClass | undefined {
  try {
    // Loaded only when needed: a test file that never sees an MCP error never pays for it.
    return (require('@modelcontextprotocol/sdk/types.js') as typeof import('@modelcontextprotocol/sdk/types.js')).McpError;
  } catch {
    // After Jest tore the file's module registry down (a request that outlived its test is
    // rejected when teardown closes the session): nobody waits for it any more.
    return undefined;
  }
}

let importedMcpError: Promise<McpErrorClass | undefined> | undefined;

/**
 * The McpError class the test file itself sees. An ESM test imports the SDK's ESM build, another
 * class than the CommonJS one `require` gives: import it through the test's module registry.
 */
function testMcpError(): Promise<McpErrorClass | undefined> {
  if (!(globalThis as Record<symbol, unknown>)[ESM_KEY]) return Promise.resolve(requiredMcpError());
  return (importedMcpError ??= (async () => {
    try {
      const importInTest = require('../preset/import-esm.js') as (specifier: string) => Promise<{ McpError: McpErrorClass }>;
      return (await importInTest('@modelcontextprotocol/sdk/types.js')).McpError;
    } catch {
      return requiredMcpError();
    }
  })());
}

/** Re-creates an error in this realm: `McpError` as the test sees it, others as `Error`. */
export function toTestError(error: unknown, McpErrorOfTest?: McpErrorClass): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const source = error as { name?: string; message?: string; code?: unknown; data?: unknown; stack?: string; cause?: unknown };
  let result: Error & Record<string, unknown>;
  const McpError = source.name === 'McpError' && typeof source.code === 'number' ? (McpErrorOfTest ?? requiredMcpError()) : undefined;
  if (McpError) {
    result = new McpError(source.code as number, (source.message ?? '').replace(MCP_PREFIX, ''), toTestRealm(source.data)) as unknown as Error &
      Record<string, unknown>;
  } else {
    result = new Error(source.message) as Error & Record<string, unknown>;
    if (source.name) result.name = source.name;
    for (const [key, value] of Object.entries(error)) {
      if (!(key in result)) result[key] = toTestRealm(value);
    }
    if (source.cause !== undefined) result.cause = toTestError(source.cause, McpErrorOfTest);
  }
  if (source.stack) result.stack = source.stack;
  return result;
}

/** toTestError for a rejection: there is time to load the test's own McpError class. */
export async function toTestErrorAsync(error: unknown): Promise<unknown> {
  const isMcpError = typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'McpError';
  return toTestError(error, isMcpError ? await testMcpError() : undefined);
}

function bridgeCallback(fn: AnyFn): AnyFn {
  return (...args: unknown[]) => fn(...args.map(toTestRealm));
}

/** Callbacks the test hands in (handlers, `options.onprogress`) get this realm's values too. */
function bridgeCallbacks(arg: unknown): unknown {
  if (typeof arg === 'function') return bridgeCallback(arg as AnyFn);
  if (!isPlainData(arg) || Array.isArray(arg)) return arg;
  const entries = Object.entries(arg);
  if (!entries.some(([, v]) => typeof v === 'function')) return arg;
  return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'function' ? bridgeCallback(v as AnyFn) : v]));
}

function rewrite(e: { message?: string; stack?: string }, message: string): void {
  const before = e.message ?? '';
  e.message = message;
  if (e.stack) e.stack = e.stack.replace(before, message);
}

/**
 * Says which client failed and why, on the SDK's terse errors: "Connection closed" after the
 * server went away, and the 404 a Streamable HTTP server sends for a session it no longer knows.
 */
function explainCallError(error: unknown, open?: OpenClient): unknown {
  const e = error as { name?: string; message?: string; code?: unknown; stack?: string } | null;
  if (!open || typeof e !== 'object' || e === null) return error;
  const why = open.lost?.();
  if (why && (e.code === -32000 || e.message === 'Not connected')) {
    rewrite(e, `${e.message} (mcpClients.${open.name} lost its connection to the server; calls after this fail the same way)\n  ${why}`);
  } else if (e.code === 404 && /^Streamable HTTP error/.test(e.message ?? '')) {
    rewrite(
      e,
      `${e.message}\n  mcpClients.${open.name}: the server answered HTTP 404 for this session: it no longer knows it (it restarted, or expired the session). ` +
        `jest-mcp opens one session per test file and does not reconnect behind your back. ` +
        `Make the server keep sessions for the length of a test file, or give this client session: 'test' (a fresh session per test).`,
    );
  }
  return error;
}

/**
 * An error from a request carries only the frames where the SDK made it (a response handler, a
 * closed pipe), none of the test's. The frames of the call that made the request are appended,
 * so Jest's code frame points at the test's own line, as with a synchronous throw.
 */
function withCallSite(error: unknown, callSite: { stack?: string }): unknown {
  const e = error as { stack?: unknown; name?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return error;
  const lines = (callSite.stack ?? '').split('\n').slice(1);
  // Some rejections were made in the call itself (the SDK's "Not connected") and have the frames.
  if (!lines.length || (typeof e.stack === 'string' && e.stack.includes(lines[0]))) return error;
  const frames = lines.join('\n');
  const head = typeof e.stack === 'string' ? e.stack : `${String(e.name ?? 'Error')}: ${String(e.message ?? '')}`;
  try {
    e.stack = `${head}\n${frames}`;
  } catch {
    // a frozen error: keep it as it is
  }
  return error;
}

/**
 * Captures where test code made a call, cheaply: V8 formats the frames only if they are read, and
 * ten frames (Node's default; Jest raises the limit to 100) reach past any helper to the test.
 */
export function captureCallSite(above: Function): { stack?: string } {
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 10;
  Error.captureStackTrace(site, above);
  Error.stackTraceLimit = limit;
  return site;
}

/** toTestErrorAsync, then the frames of the call that made the request (see withCallSite). */
export async function toTestErrorAt(error: unknown, callSite: { stack?: string }): Promise<unknown> {
  return withCallSite(await toTestErrorAsync(error), callSite);
}

function bridgeFunction(fn: AnyFn, target: object, open?: OpenClient): AnyFn {
  return function bridged(...args: unknown[]) {
    const inArgs = args.map(bridgeCallbacks);
    let result: unknown;
    try {
      result = fn.apply(target, inArgs);
    } catch (error) {
      throw explainCallError(toTestError(error), open);
    }
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const callSite = captureCallSite(bridged);
      // A promise of this realm, so `await expect(p).rejects` and friends see a native promise.
      return new Promise((resolve, reject) => {
        (result as Promise<unknown>).then(
          (value) => resolve(toTestRealm(value)),
          (error) => {
            // The file is over (a request outlived its test and teardown ended it): the test
            // realm's modules are gone and nobody waits for this any more.
            if ((globalThis as Record<symbol, unknown>)[FINISHED_KEY]) return reject(error);
            void toTestErrorAt(error, callSite).then(
              (mapped) => reject(explainCallError(mapped, open)),
              () => reject(error),
            );
          },
        );
      });
    }
    return toTestRealm(result);
  };
}

/** What the server sent on its own: its requests to the client and its notifications. */
export interface McpReceived {
  /** Notifications in arrival order (logging, progress, list_changed, resources/updated, …). */
  readonly notifications: ReceivedMessage[];
  /** Requests the server made of the client (sampling, elicitation, roots), in arrival order. */
  readonly requests: ReceivedMessage[];
  /** Forgets everything received so far (e.g. in beforeEach). */
  clear(): void;
  /** The first notification with this method received so far (since clear) or arriving within the timeout. */
  waitForNotification(method: string, options?: WaitOptions): Promise<ReceivedMessage>;
  /** The same for a request the server makes of the client. */
  waitForRequest(method: string, options?: WaitOptions): Promise<ReceivedMessage>;
}

/** A live MCP client session: the MCP SDK's own `Client`, plus what the server sent it. */
export type McpClient = Client & { readonly received: McpReceived };

function bridgeInbox(open: OpenClient): McpReceived {
  // `open.inbox` is read on every use: a per-test client gets a new one for every test.
  const wait = (kind: 'request' | 'notification') =>
    ((method: string, options?: WaitOptions) =>
      bridgeFunction(((m: string, o?: WaitOptions) => open.inbox.waitFor(kind, m, o)) as AnyFn, open.inbox)(method, options)) as McpReceived['waitForNotification'];
  return {
    get notifications() {
      return toTestRealm(open.inbox.list('notification'));
    },
    get requests() {
      return toTestRealm(open.inbox.list('request'));
    },
    clear: () => open.inbox.clear(),
    waitForNotification: wait('notification'),
    waitForRequest: wait('request'),
  };
}

/**
 * A view of an environment-owned client that speaks in this realm's values. It reads
 * `open.client` on every access, so a per-test client can change underneath it.
 */
export function bridgeClient(open: OpenClient): McpClient {
  const wrappers = new WeakMap<object, Map<PropertyKey, AnyFn>>();
  const received = bridgeInbox(open);
  return new Proxy(open.client as McpClient, {
    get(_initial, prop) {
      if (prop === 'received') return received;
      let target: Client;
      let value: unknown;
      try {
        target = open.client;
        value = Reflect.get(target, prop, target) as unknown;
      } catch (error) {
        throw toTestError(error);
      }
      if (typeof value !== 'function') return value;
      let cache = wrappers.get(target);
      if (!cache) wrappers.set(target, (cache = new Map()));
      let wrapped = cache.get(prop);
      if (!wrapped) {
        wrapped = bridgeFunction(value as AnyFn, target, open);
        cache.set(prop, wrapped);
      }
      return wrapped;
    },
  });
}

/** Builds `mcpClients` from what the environment left on the global, in declaration order. */
export function createClients(entries: OpenClient[] | undefined): Record<string, McpClient> {
  const clients: Record<string, McpClient> = {};
  for (const open of entries ?? []) clients[open.name] = bridgeClient(open);
  if (entries) return clients;
  // Not our environment (e.g. a user's testEnvironment replaced the preset's): say so on use.
  return new Proxy(clients, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return Reflect.get(target, prop);
      throw new Error(
        `jest-mcp: mcpClients.${String(prop)} is not available because the test environment is not jest-mcp's. ` +
          `Your config replaced the preset's testEnvironment; extend jest-mcp's environment instead (see the README, "Composing").`,
      );
    },
  });
}
