import type { ServerSpec } from '../config/specs';
import { describeExit, type ManagedProcess } from '../process/managed-process';
import type { McpSdk } from '../sdk';
import { openHttpTransport } from '../transports/http';
import { explainConnectError, handshakeOf } from '../transports/explain-error';
import { CLIENT_INFO } from '../util/client-info';
import { TimeoutError, formatSeconds, sleep, withTimeout } from '../util/timeout';
import { describeProcess, portOwner } from './port-owner';

/**
 * A server is ready when it completes a real MCP handshake at its URL: initialize and
 * notifications/initialized with the SDK's client, then the session is ended again. Until then
 * a refused or dropped connection means "not listening yet" and is retried; any other answer
 * (an HTTP error, a protocol error) means it never will be, and fails at once. Whatever answered
 * must also be the server's own process (see port-owner.ts): an answer from another process that
 * holds the port is a PortTakenError, also when the server exited or timed out meanwhile.
 */

const EXITED = Symbol('exited');
const RETRY_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'];
const RETRY_STATUS = [502, 503, 504];

/** An attempt with less time than this that times out tells nothing of why the server is not ready. */
const TELLING_ATTEMPT_MS = 250;

export class NotReadyError extends Error {
  constructor(
    /** What went wrong, in plain words. */
    readonly reason: string,
    readonly hint?: string,
  ) {
    super(reason);
    this.name = 'NotReadyError';
  }
}

/** Another process answers on the server's port: readiness reached it, not the server. */
export class PortTakenError extends NotReadyError {
  constructor(
    readonly port: number,
    /** `pid N (command line)`, secrets hidden. */
    readonly holder: string,
    spec: ServerSpec,
  ) {
    super(
      `another process answered on port ${port} on ${spec.host}, not the server jest-mcp started: ${holder}`,
      `Stop that process, or set ${spec.where}.port to a port nothing else uses (or leave it out: jest-mcp then picks a free one).`,
    );
    this.name = 'PortTakenError';
  }
}

/** One handshake; resolves when the server answered initialize, after ending that session. */
async function handshake(sdk: McpSdk, spec: ServerSpec, ms: number): Promise<void> {
  // The probe's connections must not stay in this process's fetch pool: Jest's process goes on
  // to load (and compile) global setups and configs, and a pooled connection the server closed
  // meanwhile, unnoticed while the event loop was busy, fails the next fetch to that server
  // ("fetch failed: other side closed"), the user's own included.
  const headers = { connection: 'close', ...spec.readyHeaders };
  const transport = await openHttpTransport(sdk, { kind: spec.transport, url: spec.url, headers });
  // With 2.x, `auto`: a server that speaks only 2026-07-28 is as ready as one that speaks only 2025.
  const protocol = sdk.generation === 'v2' ? 'auto' : undefined;
  const client = await sdk.createClient({ ...CLIENT_INFO, name: `${CLIENT_INFO.name}-readiness`, answers: {}, protocol });
  const drop = () => void transport.close().catch(() => {});
  try {
    await withTimeout(client.connect(transport, { timeout: ms }), ms, `connect + ${handshakeOf(protocol)}`, drop);
  } catch (error) {
    drop();
    throw error;
  }
  // Ready. End the probe's session (HTTP DELETE) so the server does not keep it; a server that
  // cannot is still ready.
  await withTimeout(
    (async () => {
      await transport.terminateSession?.().catch(() => {});
      await client.close();
    })(),
    2000,
    'close',
    drop,
  ).catch(() => {});
}

function codesOf(error: unknown): unknown[] {
  const codes: unknown[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const shape = e as { code?: unknown; status?: unknown; cause?: unknown; errors?: unknown[] };
    codes.push(shape.code);
    // SDK 2.x puts an HTTP status in `status` (SdkHttpError), its `code` being a string.
    if (typeof shape.status === 'number') codes.push(shape.status);
    if (Array.isArray(shape.errors)) for (const inner of shape.errors) codes.push(...codesOf(inner));
    e = shape.cause;
  }
  return codes;
}

/** Not listening yet (or a proxy in front says not yet): try again. */
function isRetryable(error: unknown): boolean {
  const codes = codesOf(error);
  if (codes.some((c) => typeof c === 'string' && RETRY_CODES.includes(c))) return true;
  if (codes.some((c) => typeof c === 'number' && RETRY_STATUS.includes(c))) return true;
  return /fetch failed|socket hang up|other side closed/i.test((error as Error)?.message ?? '');
}

/**
 * A 401 with a Bearer challenge naming protected resource metadata, to a handshake without
 * credentials: the server is up and is an OAuth protected resource (its clients sign in; the run's test
 * authorization server may not even have a user for the readiness check). As ready as a handshake.
 */
async function isProtectedResource(spec: ServerSpec, outcome: unknown): Promise<boolean> {
  if (Object.keys(spec.readyHeaders).length || !codesOf(outcome).includes(401)) return false;
  try {
    const response = await fetch(spec.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping' }),
      signal: AbortSignal.timeout(2000),
    });
    await response.body?.cancel();
    // resource_metadata: what MCP authorization has a protected resource's 401 name. A bare
    // `Bearer` challenge is a server that wants a static token: readyHeaders, as before.
    const challenge = response.headers.get('www-authenticate') ?? '';
    return response.status === 401 && /^Bearer\b/i.test(challenge) && /\bresource_metadata=/i.test(challenge);
  } catch {
    return false;
  }
}

/** Retries the handshake until it succeeds, the process exits, or `readyTimeout` has passed since `started`. */
export async function waitUntilReady(spec: ServerSpec, proc: ManagedProcess, started: number, sdk: McpSdk): Promise<number> {
  const deadline = started + spec.readyTimeout;
  const exited = proc.exited.then(() => EXITED);
  const { where } = spec;
  let last: unknown;
  let delay = 20;
  let attempts = 0;
  // Measured once per answer, not per attempt: a few ms of /proc reading (see port-owner.ts).
  const takenBy = (): PortTakenError | undefined => {
    const owner = portOwner(spec.host, spec.port, proc.pid);
    return owner.kind === 'other' ? new PortTakenError(spec.port, describeProcess(owner.pid, spec.redactor), spec) : undefined;
  };
  for (;;) {
    if (proc.spawnError) throw proc.spawnError;
    if (proc.exit) {
      // It may have exited because another process holds its port (EADDRINUSE).
      const taken = takenBy();
      if (taken) throw taken;
      throw new NotReadyError(
        `the server process ${describeExit(proc.exit)} before it was ready`,
        'Its output below usually says why. Run the command by hand to see it start.',
      );
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const taken = takenBy();
      if (taken) throw taken;
      const lastCause = last === undefined ? '' : `; the last attempt: ${explainConnectError(last, spec.transport, where).cause}`;
      throw new NotReadyError(
        `it did not complete an MCP handshake within readyTimeout (${formatSeconds(spec.readyTimeout)}, ${attempts} attempt${attempts === 1 ? '' : 's'})${lastCause}`,
        `Make it listen on ${spec.host} port ${spec.port} (\${HOST} and \${PORT} in its args or env) and serve MCP at ${spec.path} ` +
          `(${where}.path), or raise ${where}.readyTimeout if it is slow to start.`,
      );
    }
    attempts++;
    const outcome = await Promise.race([
      handshake(sdk, spec, remaining).then(
        () => undefined,
        (error: unknown) => error ?? new Error('failed'),
      ),
      exited,
    ]);
    if (outcome === undefined) {
      const taken = takenBy();
      if (taken) throw taken;
      return attempts;
    }
    if (outcome === EXITED) continue;
    if (outcome instanceof TimeoutError) {
      // An attempt the deadline cut short says nothing of the server: keep what an earlier one found.
      if (last === undefined || remaining >= TELLING_ATTEMPT_MS) last = outcome;
      continue;
    }
    last = outcome;
    if (!isRetryable(outcome)) {
      const taken = takenBy();
      if (taken) throw taken;
      if (await isProtectedResource(spec, outcome)) return attempts;
      const { cause, hint } = explainConnectError(outcome, spec.transport, where);
      const pathHint = /^HTTP 40[456]/.test(cause)
        ? ` Set ${where}.path (and .transport) to the server's MCP endpoint.`
        : /^HTTP 401/.test(cause) && !Object.keys(spec.readyHeaders).length
          ? ` The server wants credentials before MCP's initialize: give the readiness check some with ${where}.readyHeaders (e.g. { Authorization: 'Bearer \${TOKEN}' }).`
          : '';
      throw new NotReadyError(
        `it answered at ${spec.url}, but the MCP handshake failed: ${cause}`,
        `${hint ?? ''}${pathHint}`.trim() || undefined,
      );
    }
    await Promise.race([sleep(Math.max(0, Math.min(delay, deadline - Date.now()))), exited]);
    delay = Math.min(delay * 2, 100);
  }
}
