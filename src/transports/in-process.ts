import type { ModuleClientSpec } from '../config/specs';
import { type InProcessServer, type McpSdk, type RealmLoader, ServerNotServableError, serveInProcess } from '../sdk';
import { withTimeout } from '../util/timeout';
import type { TransportHandle } from './types';

/**
 * A client of a server module (`module`): the module is loaded in the test file's own realm (see
 * realm/server-loader.ts), its export makes the server, and the client's Streamable HTTP
 * transport sends each request to the server as a function call instead of over a socket.
 */

/** What went wrong, for the owner's message (transports/explain-error.ts reads `detail` and `hint`). */
export class InProcessServerError extends Error {
  override readonly name = 'InProcessServerError';
  constructor(
    readonly detail: string,
    readonly hint: string,
  ) {
    super(detail);
  }
}

/** Never dialled: the transport's fetch is the server's own. */
const IN_PROCESS_URL = 'http://in-process.jest-mcp.invalid/mcp';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'object') {
    const name = value.constructor?.name;
    return name && name !== 'Object' ? `an object of class ${name}` : 'a plain object';
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The error's message and the first frames of its stack: the line in the server that threw. */
function brief(error: unknown): string {
  const e = error as { message?: unknown; stack?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const frames =
    typeof e?.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 3)
      : [];
  return [message, ...frames.map((f) => `    ${f.trim()}`)].join('\n');
}

function looksLikeServer(value: unknown): boolean {
  return typeof (value as { connect?: unknown })?.connect === 'function' && typeof (value as { close?: unknown })?.close === 'function';
}

async function loadModule(spec: ModuleClientSpec, realm: RealmLoader): Promise<{ exports: unknown; esm: boolean; resolved: string }> {
  try {
    return await realm.load(spec.module);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/^Cannot find module/.test(message) && message.includes(spec.module))
      throw new InProcessServerError(
        `the server module ${spec.moduleAsWritten} was not found (looked for ${spec.module})`,
        `Fix ${spec.where}.module: a path from Jest's rootDir, as in an import ('./src/server.ts' or './src/server').`,
      );
    const esm = /experimental-vm-modules|ES Modules in the VM API|Must use import/.test(message);
    throw new InProcessServerError(
      `loading the server module ${spec.moduleAsWritten} failed: ${brief(error)}`,
      esm
        ? 'It is an ES module: run Jest with NODE_OPTIONS=--experimental-vm-modules (and extensionsToTreatAsEsm for .ts), or compile it to CommonJS.'
        : "The error is the module's own or one of its imports' (a jest.mock() in the test file replaces an import with what its factory returns).",
    );
  }
}

function pickFactory(spec: ModuleClientSpec, exports: unknown): (ctx: { era: 'legacy' | 'modern' }) => unknown {
  const mod = (exports ?? {}) as Record<string, unknown>;
  const name = spec.export ?? 'default';
  // A CommonJS `module.exports = fn` is its own default export.
  const value = spec.export === undefined && typeof exports === 'function' ? exports : mod[name];
  const what = spec.export === undefined ? 'its default export' : `its export "${spec.export}"`;
  const names = Object.keys(mod).filter((k) => k !== '__esModule');
  if (value === undefined) {
    throw new InProcessServerError(
      `the server module ${spec.moduleAsWritten} has no ${spec.export === undefined ? 'default export' : `export "${spec.export}"`} (its exports: ${names.join(', ') || 'none'})`,
      `Set ${spec.where}.export to the name of the function that makes the server, or export one under that name.`,
    );
  }
  if (typeof value !== 'function') {
    throw new InProcessServerError(
      `${what} of ${spec.moduleAsWritten} is ${describe(value)}, not a function that makes the server`,
      looksLikeServer(value)
        ? 'Export a function that returns a new server (`export function createServer() { const server = new McpServer(…); …; return server; }`): every file, and every test with session: "test", gets a fresh one.'
        : `Point ${spec.where}.export at a function returning the SDK's McpServer or Server.`,
    );
  }
  return value as (ctx: { era: 'legacy' | 'modern' }) => unknown;
}

/**
 * Factories often return the server with its cleanup, `{ server, cleanup }` (server-everything's
 * `createServer` does): the server is served, each cleanup runs once the client has closed.
 */
function unboxing(factory: (ctx: { era: 'legacy' | 'modern' }) => unknown, cleanups: Array<() => unknown>) {
  return async (ctx: { era: 'legacy' | 'modern' }): Promise<unknown> => {
    const made = await factory(ctx);
    const box = made as { server?: unknown; cleanup?: unknown } | undefined;
    if (looksLikeServer(made) || typeof box !== 'object' || box === null || !looksLikeServer(box.server)) return made;
    const { cleanup } = box;
    if (typeof cleanup === 'function') cleanups.push(() => (cleanup as () => unknown).call(box));
    return box.server;
  };
}

/** Calls the factory, bounded, and says which call failed and how. */
async function makeServer(spec: ModuleClientSpec, factory: (ctx: { era: 'legacy' | 'modern' }) => unknown, era: 'legacy' | 'modern') {
  const call = `${spec.export ?? 'the default export'}()`;
  try {
    return await withTimeout(
      Promise.resolve().then(() => factory({ era })),
      spec.timeouts.connect,
      `the server module's ${call}`,
    );
  } catch (error) {
    if ((error as Error)?.name === 'TimeoutError') throw error;
    throw new InProcessServerError(
      `the server module's ${call} threw: ${brief(error)}`,
      "The error is the server's own; a jest.mock() factory of one of its imports may have left out something it uses.",
    );
  }
}

/**
 * A fetch that is the server: the client's abort (its close) cancels the standalone stream (GET) as
 * a real connection's end would. A POST's stream ends with its answer, or when the server closes
 * with the session; piping every answer through one more stream cost about a fifth of a call.
 */
function serverFetch(server: InProcessServer): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const request = new Request(url, init);
    const response = await server.fetch(request);
    const signal = init?.signal;
    if (!signal || !response.body || request.method !== 'GET') return response;
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    response.body.pipeTo(writable, { signal }).catch(() => {});
    return new Response(readable, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export async function createInProcessTransport(
  sdk: McpSdk,
  spec: ModuleClientSpec,
  realm: RealmLoader | undefined,
): Promise<TransportHandle> {
  if (!realm) {
    throw new InProcessServerError(
      "there is no test-file realm to load the server module in: jest-mcp's setup file did not run for this file",
      "Use preset 'jest-mcp', or add 'jest-mcp/setup-after-env' to setupFilesAfterEnv.",
    );
  }
  const loaded = await loadModule(spec, realm);
  const cleanups: Array<() => unknown> = [];
  const factory = unboxing(pickFactory(spec, loaded.exports), cleanups);
  // The era of the first request: the instance made now to tell the server's SDK answers it.
  const era = spec.protocol === undefined || spec.protocol === 'legacy' ? 'legacy' : 'modern';
  const made = await makeServer(spec, factory, era);
  let server: InProcessServer | undefined;
  try {
    server = await serveInProcess(made, factory, era, (specifier) => realm.loadFrom(loaded.resolved, specifier, loaded.esm));
  } catch (error) {
    if (error instanceof ServerNotServableError)
      throw new InProcessServerError(`the server of ${spec.moduleAsWritten}: ${error.message}`, '');
    throw error;
  }
  if (!server) {
    throw new InProcessServerError(
      `${spec.export ?? 'the default export'}() of ${spec.moduleAsWritten} returned ${describe(made)}, not an McpServer or Server of @modelcontextprotocol/server (2.x) or @modelcontextprotocol/sdk (1.x)`,
      looksLikeServer(made)
        ? 'It looks like a server from another copy of the SDK than the one the module resolves: install one copy (npm ls @modelcontextprotocol/server @modelcontextprotocol/sdk).'
        : 'Return the server itself, or { server, cleanup } (not its transport, and not a promise of something else).',
    );
  }
  const served = server;
  const transport = await sdk.streamableHttpTransport(new URL(IN_PROCESS_URL), { headers: {}, fetch: serverFetch(served) });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= served
      .close()
      .catch(() => {})
      .then(() => Promise.allSettled(cleanups.map((cleanup) => cleanup())))
      .then(() => undefined));
  return {
    transport,
    endpoint: `in-process ${spec.moduleAsWritten}${spec.export ? ` (${spec.export})` : ''}`,
    diagnostics() {
      const last = served.lastError();
      return last ? `The server module's factory threw while serving: ${brief(last)}` : undefined;
    },
    async dispose() {
      await close();
    },
    kill() {
      void transport.close();
      void close();
    },
  };
}
