import type { ClientSpec } from '../config/specs';
import { protocolSetBy } from '../config/plan';
import type { McpSdk, RealmLoader, SdkClient, WireMessage } from '../sdk';
import { createTransport, type TransportHandle } from '../transports';
import { explainConnectError, handshakeOf } from '../transports/explain-error';
import { McpSetupError, McpTeardownError } from '../util/errors';
import type { Redactor } from '../util/redact';
import { TimeoutError, formatSeconds, withTimeout } from '../util/timeout';
import { CLIENT_INFO } from '../util/client-info';
import { answersFor } from './handlers';
import type { McpListings } from './listings';
import { type HttpTarget, targetOf } from './http-target';
import { Inbox } from './inbox';
import { WireRecorder, tappedTransport } from './trace';

/**
 * The one owner of every MCP session of a test file: opens them in order, hands them out, and
 * closes them last-opened-first, each step bounded in time, every failure collected and named.
 * This is the whole answer to "opened in one task, closed in another".
 */

interface Session {
  spec: ClientSpec;
  client: SdkClient;
  handle: TransportHandle;
  inbox: Inbox;
  recorder?: WireRecorder;
  /** The connection ended while the session was handed out (server crash, HTTP stream gone). */
  lost?: boolean;
}

/** An open client as the bridge hands it out. */
export interface OpenClient {
  name: string;
  /** The SDK's own Client; tests see it typed as their SDK declares it (`McpClient`). */
  client: SdkClient;
  inbox: Inbox;
  /** Why the connection is gone (exit code, stderr tail), or undefined while it is open. */
  lost?(): string | undefined;
  /** What the transport sees wrong while the connection is open (a stdio line begun and not ended), for a call that timed out. */
  note?(): string | undefined;
  /** What the server listed at setup, for a file that reads `mcpClients.x.listed`. */
  listed?: McpListings;
  /** A client of a server module served in the test's realm: opened after the file is collected. */
  inProcess?: boolean;
  /** An HTTP client's server, for the conformance suite's raw requests (undefined over stdio). */
  http?: HttpTarget;
}

export interface OwnerOptions {
  /** The project's SDK generation, found when the first client opens. */
  sdk: () => McpSdk;
  /** Record each client's MCP exchange for failure traces. */
  trace?: boolean;
  /** Where responder modules are resolved from. */
  rootDir?: string;
  /** MCP coverage, when the reporter is on: what each client sends, and the server's lists before it closes. */
  coverage?: {
    opened(spec: ClientSpec): void;
    sent(spec: ClientSpec, message: WireMessage): void;
    list(spec: ClientSpec, client: SdkClient): Promise<void>;
  };
  /**
   * The last client closed leaves its stdio server's exit to be awaited in the background
   * (process/pending-stops.ts), overlapping whatever the worker does next. Only the last: the
   * servers of a file still stop one after the other, last opened first.
   */
  backgroundStops?: boolean;
  /** The test file's module loader, for in-process clients' server modules (set by the preset's setup file). */
  realm?: () => RealmLoader | undefined;
}

export class SessionOwner {
  private readonly sessions: Session[] = [];

  constructor(
    private readonly redactor: Redactor,
    private readonly options: OwnerOptions,
  ) {}

  /** Each client's MCP exchange after `mark` (see traceMark), for a failing test's report. */
  traceSince(mark: number): string | undefined {
    const parts: string[] = [];
    for (const { spec, handle, recorder } of this.sessions) {
      const wire = recorder?.format(mark);
      // Already redacted line by line, before the buffer cut them; again for what only this redactor knows.
      const stderr = recorder && handle.stderrSince ? this.redactor.redact(handle.stderrSince(mark)) : '';
      if (!wire && !stderr && !(recorder && handle.stdoutNote?.())) continue;
      // The endpoint is a command line or URL: the args, path or host may hold a `${VAR}` value.
      const lines = [`mcpClients.${spec.name} (${this.redactor.redact(handle.endpoint)}):`];
      if (wire) lines.push(wire.replace(/^/gm, '  '));
      if (stderr) lines.push('  server stderr during this test:', stderr.replace(/^/gm, '    '));
      const stdout = recorder && handle.stdoutNote?.();
      if (stdout) lines.push(`  server stdout: ${this.redactor.redact(stdout)}`);
      parts.push(lines.join('\n'));
    }
    return parts.length ? parts.join('\n') : undefined;
  }

  /** Open clients, in order. */
  entries(): OpenClient[] {
    return this.sessions.map((s) => ({
      name: s.spec.name,
      client: s.client,
      inbox: s.inbox,
      lost: () => (s.lost ? this.redactor.redact(s.handle.diagnostics() ?? 'The server closed the connection.') : undefined),
      note: () => this.redactor.redact(s.handle.stdoutNote?.() ?? '') || undefined,
      http: targetOf(s.spec),
      ...(s.spec.kind === 'in-process' && { inProcess: true }),
    }));
  }

  /** Opens every client in order; on the first failure closes what was opened and throws. */
  async openAll(specs: ClientSpec[]): Promise<void> {
    for (const spec of specs) {
      try {
        await this.open(spec);
      } catch (error) {
        const cleanup = await this.closeAll().then(
          () => '',
          (closeError: Error) => `\n  While closing the clients opened before it: ${closeError.message}`,
        );
        throw this.redactError(error as Error, cleanup);
      }
    }
  }

  private redactError(error: Error, suffix: string): Error {
    error.message = this.redactor.redact(error.message + suffix);
    if (error.stack) error.stack = this.redactor.redact(error.stack);
    const described = error as Error & { endpoint?: unknown };
    if (typeof described.endpoint === 'string') described.endpoint = this.redactor.redact(described.endpoint);
    return error;
  }

  private async open(spec: ClientSpec): Promise<void> {
    let handle: TransportHandle | undefined;
    const started = Date.now();
    try {
      const sdk = this.options.sdk();
      handle = await createTransport(sdk, spec, this.options.realm);
      const inbox = new Inbox();
      // In the 2026-07-28 era a server's request arrives inside a result (`input_required`), not on
      // the wire: `received.requests` learns of it when the SDK asks our answer.
      const asked = (method: string, params: unknown) => {
        if (sdk.protocolEra(client) === 'modern') inbox.add('request', method, params as Record<string, unknown> | undefined);
      };
      const client = await sdk.createClient({
        ...CLIENT_INFO,
        answers: answersFor(spec, this.options.rootDir ?? process.cwd(), asked),
        protocol: spec.protocol,
      });
      const ms = spec.timeouts.connect;
      const recorder = this.options.trace ? new WireRecorder(this.redactor) : undefined;
      const { coverage } = this.options;
      const transport = tappedTransport(handle.transport, (direction, message) => {
        recorder?.record(direction, message);
        if (coverage && direction === '→') coverage.sent(spec, message);
        if (direction === '←') inbox.take(message);
      });
      // Our own bound as well as the SDK's request timeout: transport start (spawn, SSE GET) has none.
      // An HTTP connect is aborted at once (nothing else ends its fetch); a stdio server is stopped
      // below, the way the MCP spec says (stdin, SIGTERM, SIGKILL), not killed outright.
      const abort = spec.kind === 'stdio' ? undefined : () => handle!.kill();
      await withTimeout(client.connect(transport, { timeout: ms }), ms, `connect + ${handshakeOf(spec.protocol)}`, abort);
      const session: Session = { spec, client, handle, inbox, recorder };
      coverage?.opened(spec);
      // Set before our own close too, but then nobody asks any more.
      client.onclose = () => (session.lost = true);
      this.sessions.push(session);
    } catch (error) {
      // Leave nothing behind of a half-open client, within the close budget.
      if (handle) {
        if (spec.kind !== 'stdio') handle.kill();
        await handle.dispose(Math.min(spec.timeouts.close, 3000)).catch(() => {});
      }
      const endpoint = handle?.endpoint ?? (spec.kind === 'in-process' ? `in-process ${spec.moduleAsWritten}` : spec.kind);
      const diagnostics = handle?.diagnostics();
      const { cause, hint } = explainConnectError(
        error,
        spec.kind,
        spec.where,
        diagnostics,
        handle?.lastHttpError?.(),
        protocolSetBy(spec),
      );
      const lines = [
        `jest-mcp: could not open MCP client "${spec.name}" (${endpoint}) after ${formatSeconds(Date.now() - started)}: ${cause}.`,
      ];
      if (hint) lines.push(`  What to do: ${hint}`);
      if (diagnostics) lines.push(`  ${diagnostics}`);
      throw new McpSetupError(lines.join('\n'), spec.name, spec.kind, endpoint);
    }
  }

  /** Closes every open client, last opened first; throws one error naming each that failed. */
  async closeAll(): Promise<void> {
    const failures: Array<{ name: string; message: string }> = [];
    // Listed while every session is still open, never for one whose connection is gone.
    for (const { spec, client, lost } of this.options.coverage ? this.sessions : []) {
      if (!lost) await this.options.coverage!.list(spec, client);
    }
    while (this.sessions.length) {
      const session = this.sessions.pop()!;
      const problem = await this.close(session, this.options.backgroundStops === true && this.sessions.length === 0);
      if (problem) failures.push({ name: session.spec.name, message: problem });
    }
    if (failures.length) {
      const text = failures.map((f) => `  - ${f.message}`).join('\n');
      throw new McpTeardownError(
        this.redactor.redact(`jest-mcp: ${failures.length} MCP client(s) did not close cleanly:\n${text}`),
        failures.map((f) => f.name),
      );
    }
  }

  /** Returns a description of what went wrong, or undefined. */
  private async close({ spec, client, handle }: Session, background: boolean): Promise<string | undefined> {
    const budget = spec.timeouts.close;
    const started = Date.now();
    let step = 'ending the session';
    const problems: string[] = [];
    // Once the budget is spent, our own kill() makes the pending step fail (AbortError): that is
    // the timeout, already reported, and nothing after it should run.
    let timedOut = false;
    try {
      await withTimeout(
        (async () => {
          if (handle.endSession) {
            step = 'ending the session (HTTP DELETE)';
            await handle.endSession().catch((error: Error) => {
              if (!timedOut) problems.push(`ending the session failed: ${explainConnectError(error, spec.kind, spec.where).cause}`);
            });
          }
          if (timedOut) return;
          step = 'closing the transport';
          await client.close();
          if (timedOut) return;
          step = 'stopping the server process';
          await handle.dispose(Math.max(0, budget - (Date.now() - started)), { background });
        })(),
        budget,
        'close',
        () => {
          timedOut = true;
          handle.kill();
        },
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        problems.push(`${step} did not finish within the close timeout of ${formatSeconds(budget)}; the connection was dropped`);
        // The transport's kill() ran; make sure a process is really gone before we report.
        await handle.dispose(500).catch(() => {});
      } else {
        problems.push(`${step} failed: ${(error as Error).message}`);
      }
    }
    if (!problems.length) return undefined;
    return `client "${spec.name}" (${handle.endpoint}): ${problems.join('; ')}. Raise timeouts.close if the server is slow to shut down.`;
  }
}
