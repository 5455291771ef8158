import type { SdkClient } from '../sdk';
import type { ReceivedMessage, WaitOptions } from '../session/inbox';
import type { OpenClient } from '../session/owner';
import type { McpListings } from '../session/listings';
import { captureCallSite, toTestErrorAt } from './call-site';
import { toTestError } from './errors';
import { explainCallError } from './explain-call';
import { CLIENT_NAME_KEY, FINISHED_KEY, HTTP_TARGET_KEY } from '../channels/keys';
import { type AnyFn, bridgeCallbacks, toTestRealm } from './values';
import { didYouMean, listNames } from '../util/list-names';

/**
 * Hands the environment's clients to test code. Loaded by the preset's `setupFilesAfterEnv`, so it
 * runs inside the test's vm realm with the test's module registry. Each client is a Proxy over the
 * environment's own: calls go through unchanged, their results and errors come back as the test
 * realm's values, and a rejection points at the test line that made the call.
 */

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
            // The file is over (a request outlived its test, e.g. a forgotten await, and teardown
            // ended it): nobody can wait for it any more, and a rejection nobody handles would
            // take Jest's process down. It stays pending; the session it belonged to is closed.
            if ((globalThis as Record<symbol, unknown>)[FINISHED_KEY]) return;
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

/** A client as the bridge hands it out; `index.ts` types it as the project's SDK's `Client`. */
export type BridgedClient = SdkClient & { readonly received: McpReceived; readonly listed: McpListings };

/** `mcpClients.x.listed`: what the server listed at setup, as this realm's values, or why there is none. */
function listedOf(open: OpenClient): () => McpListings {
  let copy: McpListings | undefined;
  return () => {
    if (open.listed) return (copy ??= toTestRealm(open.listed));
    if (open.inProcess)
      throw new Error(
        `jest-mcp: mcpClients.${open.name}.listed is not available: ${open.name} is an in-process client, which opens once the file is collected ` +
          `(after its jest.mock calls), too late for lists read at collection (listed, test.each over them, describeConformance). ` +
          `Call listTools() inside a test, or run the conformance suite against the same server over stdio.`,
      );
    throw new Error(
      `jest-mcp: mcpClients.${open.name}.listed is not available: jest-mcp fetches the lists at setup, before the file is collected, ` +
        `only for a file whose source mentions "listed" (or describeConformance), and only for clients with session 'file'. ` +
        `If a helper module reads it, mention it in the test file (a comment will do); for a per-test client, call listTools() in the test.`,
    );
  };
}

function bridgeInbox(open: OpenClient): McpReceived {
  // `open.inbox` is read on every use: a per-test client gets a new one for every test.
  const wait = (kind: 'request' | 'notification') =>
    ((method: string, options?: WaitOptions) =>
      bridgeFunction(((m: string, o?: WaitOptions) => open.inbox.waitFor(kind, m, o)) as AnyFn, open.inbox)(
        method,
        options,
      )) as McpReceived['waitForNotification'];
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
export function bridgeClient(open: OpenClient): BridgedClient {
  const wrappers = new WeakMap<object, Map<PropertyKey, AnyFn>>();
  const received = bridgeInbox(open);
  const listed = listedOf(open);
  return new Proxy(open.client as BridgedClient, {
    // The SDK client's fields and prototype (maps, sets, getters of Node's realm) are its own
    // business: Jest's equality and diffs copy and print what they can enumerate, and choke on
    // another realm's Set ("Method Set.prototype.values called on incompatible receiver"). To
    // them a client is an empty `McpClient {}`; its methods and fields are still there to use.
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => !isConfigurable(target, key)),
    getOwnPropertyDescriptor: (target, key) => (isConfigurable(target, key) ? undefined : Reflect.getOwnPropertyDescriptor(target, key)),
    getPrototypeOf: () => McpClient.prototype,
    get(_initial, prop) {
      if (prop === 'received') return received;
      if (prop === CLIENT_NAME_KEY) return open.name;
      // Node's realm values on purpose: the suite only reads them, and they carry secret header values no test should print.
      if (prop === HTTP_TARGET_KEY) return open.http;
      if (prop === 'listed') return listed();
      if (prop === 'constructor') return McpClient;
      let target: SdkClient;
      let value: unknown;
      try {
        target = open.client;
        value = Reflect.get(target, prop, target) as unknown;
      } catch (error) {
        throw toTestError(error);
      }
      if (typeof value !== 'function') return value;
      let cache = wrappers.get(target);
      if (!cache) wrappers.set(target, (cache = new Map<PropertyKey, AnyFn>()));
      let wrapped = cache.get(prop);
      if (!wrapped) {
        wrapped = bridgeFunction(value as AnyFn, target, open);
        cache.set(prop, wrapped);
      }
      return wrapped;
    },
  });
}

/** What Jest's diffs and snapshots name a client: the class of no instance, for its name alone. */
class McpClient {}

/** Whether a proxy may hide the key (a proxy must report every non-configurable own key). */
function isConfigurable(target: object, key: PropertyKey): boolean {
  return Reflect.getOwnPropertyDescriptor(target, key)?.configurable !== false;
}

/** Builds `mcpClients` from what the environment left on the global, in declaration order. */
export function createClients(entries: OpenClient[] | undefined, configured: readonly string[] = []): Record<string, BridgedClient> {
  const clients: Record<string, BridgedClient> = {};
  // Defined, not assigned: a client named `__proto__` must be a client, not the object's prototype.
  for (const open of entries ?? []) {
    Object.defineProperty(clients, open.name, { value: bridgeClient(open), enumerable: true, configurable: true, writable: true });
  }
  if (entries) return entries.length ? withTypoHints(clients, configured) : clients;
  // Not our environment (e.g. a user's testEnvironment replaced the preset's): say so on use.
  return new Proxy(clients, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return Reflect.get(target, prop) as unknown;
      throw new Error(
        `jest-mcp: mcpClients.${String(prop)} is not available because the test environment is not jest-mcp's. ` +
          `Your config replaced the preset's testEnvironment; extend jest-mcp's environment instead (see the README, "Composing").`,
      );
    },
  });
}

/** Keys Jest, Node and promises probe on any object: never a typo of a client's name. */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'constructor', 'length']);

/**
 * `mcpClients` that answers a misspelt client name (`mcpClients.alcie`) with "Did you mean alice?"
 * instead of undefined (and a bare TypeError one step later). Only `get` is trapped, and only
 * for a name close to a client's: `in`, `Object.keys`, snapshots and Jest's own probing of the
 * object (`asymmetricMatch`, `$$typeof`, symbols, …) see the plain object.
 */
function withTypoHints(clients: Record<string, BridgedClient>, configured: readonly string[]): Record<string, BridgedClient> {
  const names = Object.keys(clients);
  return new Proxy(clients, {
    get: function get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target || PROBED.has(prop) || /^[_$@]/.test(prop))
        return Reflect.get(target, prop, receiver) as unknown;
      // A client the file's @mcp-clients left out is not a typo; nor is a name too short to tell.
      const hint = prop.length < 3 || configured.includes(prop) ? '' : didYouMean([prop], names);
      if (!hint) return undefined;
      const error = new Error(`jest-mcp: mcpClients.${prop} is not a client of this test file.${hint} Its clients: ${listNames(names)}.`);
      // The stack starts at the test's line, not in this trap.
      Error.captureStackTrace?.(error, get);
      throw error;
    },
  });
}
