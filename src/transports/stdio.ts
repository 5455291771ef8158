import type { StdioClientSpec } from '../config/specs';
import { commandLine } from '../process/command-line';
import { ManagedProcess, describeExit } from '../process/managed-process';
import { reportStop, stopInBackground } from '../process/pending-stops';
import { TailBuffer } from '../process/tail-buffer';
import type { McpSdk, StdioFraming, WireMessage, WireTransport } from '../sdk';
import { StdoutLines } from './stdout-lines';
import { ensureNpxInstall } from './npx-install';
import { nextTraceStamp } from '../session/trace';
import { stdioCoverageEnv } from '../server-coverage/spawn-env';
import type { TransportHandle } from './types';

/**
 * A stdio transport of our own rather than the SDK's `StdioClientTransport`: it starts the server
 * in its own process group (so wrappers like `sh -c` or `npx` cannot orphan the real server),
 * keeps the tail of stderr for error messages instead of spilling it into Jest's output, and
 * knows how the process ended. Framing is the SDK's own.
 */
class ProcessTransport implements WireTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: WireMessage) => void;

  process?: ManagedProcess;
  /** Enough lines for a failing test's trace as well as the failure message's tail. */
  readonly stderr: TailBuffer;
  private closed = false;
  stdout?: StdoutLines;

  constructor(
    private readonly spec: StdioClientSpec,
    private readonly framing: StdioFraming,
    private readonly defaultEnv: Record<string, string>,
  ) {
    this.stderr = new TailBuffer(200, 500, nextTraceStamp, spec.redactor);
  }

  start(): Promise<void> {
    const { spec } = this;
    const env = { ...this.defaultEnv, ...spec.env };
    const label = { name: `mcpClients.${spec.name}`, command: commandLine(spec.command, spec.args) };
    const proc = new ManagedProcess(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...env, ...stdioCoverageEnv(label, env) },
      stdio: ['pipe', 'pipe', spec.stderr === 'inherit' ? 'inherit' : 'pipe'],
    });
    this.process = proc;
    const child = proc.child;
    const lines = new StdoutLines(
      this.framing,
      (message) => this.onmessage?.(message),
      (problem) => {
        // The SDK fails pending calls only when the connection closes (onerror alone leaves them
        // waiting): close it, and the cause is in diagnostics() for their errors.
        this.onerror?.(new Error(problem));
        void this.close();
      },
      spec.redactor,
    );
    this.stdout = lines;
    child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.stdin!.on('error', (error) => this.onerror?.(error));
    child.on('close', () => {
      // The SDK forgets a transport whose connection closed and never calls close() on it: our
      // end of stdin would stay open and keep the worker alive.
      child.stdin?.destroy();
      this.finish();
    });

    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => {
        if (child.pid === undefined) reject(error);
        else this.onerror?.(error);
      });
    });
  }

  async send(message: WireMessage): Promise<void> {
    const stdin = this.process?.child.stdin;
    if (!stdin || !stdin.writable || this.process?.exit) throw new Error('the server process is not running');
    if (!stdin.write(this.framing.serialize(message))) {
      await new Promise<void>((resolve) => stdin.once('drain', resolve));
    }
  }

  /** The SDK calls this from `client.close()`; the full shutdown happens in `dispose`. */
  async close(): Promise<void> {
    this.process?.child.stdin?.end();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}

export async function createStdioTransport(sdk: McpSdk, spec: StdioClientSpec): Promise<TransportHandle> {
  const defaultEnv = await sdk.defaultStdioEnvironment();
  // Before the connect clock starts: an `npx -y` server's first run downloads it.
  await ensureNpxInstall(spec, { ...defaultEnv, ...spec.env });
  const transport = new ProcessTransport(spec, await sdk.stdioFraming(), defaultEnv);
  const endpoint = `stdio: ${commandLine(spec.command, spec.args)} (cwd ${spec.cwd})`;
  /** For a stop's report, which no owner redacts: it may be printed after the file is gone. */
  const what = `the server of mcpClients.${spec.name} (${spec.redactor ? spec.redactor.redact(endpoint) : endpoint})`;
  return {
    transport,
    endpoint,
    diagnostics() {
      const parts: string[] = [];
      const exit = transport.process?.exit;
      if (exit && transport.process?.pid !== undefined) parts.push(`The server process ${describeExit(exit)}.`);
      const stdout = transport.stdout?.note(exit !== undefined);
      if (stdout) parts.push(stdout);
      const tail = transport.stderr.text().split('\n').slice(-30).join('\n');
      if (tail) parts.push(`Server stderr (last lines):\n${tail.replace(/^/gm, '    ')}`);
      else if (spec.stderr === 'capture') parts.push('The server wrote nothing to stderr.');
      return parts.join('\n  ') || undefined;
    },
    stderrSince: (mark) => transport.stderr.since(mark),
    stdoutNote: () => transport.stdout?.note(transport.process?.exit !== undefined),
    async dispose(budgetMs, options) {
      const proc = transport.process;
      if (!proc) return;
      // Three equal waits (stdin EOF, SIGTERM, SIGKILL) inside the close budget.
      // 15% is kept for the rest of the stop (signalling the group and what left it, reading /proc),
      // which takes tens of ms on a loaded machine: the three waits alone used to fill the budget.
      const wait = Math.max(50, Math.floor((budgetMs * 0.85) / 3));
      const steps = { stdin: wait, term: wait, kill: wait };
      if (options?.background && !proc.exit) return stopInBackground(proc, steps, what);
      reportStop(what, await proc.stop(steps), steps);
    },
    kill() {
      transport.process?.signal('SIGKILL');
    },
  };
}
