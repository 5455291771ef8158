import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Child processes that jest-mcp starts, in their own process group so that a server started
 * through a wrapper (`sh -c`, `npx`) can be stopped with everything it spawned. One process-wide
 * hook kills whatever is still registered when this process exits or is interrupted: a worker
 * that dies must not leave servers behind.
 */

const POSIX = process.platform !== 'win32';
const live = new Set<ChildProcess>();
let hooked = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

function killAllNow(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // Let the signal do what it would have done without us, unless someone else handles it too.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

export class ManagedProcess {
  readonly child: ChildProcess;
  exit: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;

  constructor(command: string, args: readonly string[], options: SpawnOptions) {
    installHooks();
    this.child = spawn(command, args, { ...options, detached: POSIX, windowsHide: true });
    live.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      // A failed spawn emits 'error' and never 'exit'.
      this.child.once('error', () => {
        if (this.child.pid === undefined) {
          this.exit = { code: null, signal: null };
          live.delete(this.child);
          resolve(this.exit);
        }
      });
    });
    // The group may outlive its leader (a wrapper's children): keep it registered until killed.
    this.exited.then(() => {
      if (this.child.pid === undefined) return;
      killGroup(this.child, 'SIGKILL');
      live.delete(this.child);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves true if the process exited within `ms`. */
  async waitForExit(ms: number): Promise<boolean> {
    if (this.exit) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      timer.unref();
    });
    const done = await Promise.race([this.exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return done;
  }

  signal(signal: NodeJS.Signals): void {
    killGroup(this.child, signal);
  }

  /**
   * The MCP stdio shutdown: close stdin, wait, SIGTERM, wait, SIGKILL. Each wait is `graceMs`.
   * Returns the step that ended it, for diagnostics.
   */
  async stop(graceMs: number): Promise<'exited' | 'stdin' | 'SIGTERM' | 'SIGKILL'> {
    if (this.exit) return 'exited';
    this.child.stdin?.end();
    if (await this.waitForExit(graceMs)) return 'stdin';
    this.signal('SIGTERM');
    if (await this.waitForExit(graceMs)) return 'SIGTERM';
    this.signal('SIGKILL');
    await this.waitForExit(graceMs);
    return 'SIGKILL';
  }
}

/** Keeps the last lines of a stream, bounded in lines and bytes, for error messages and traces. */
export class TailBuffer {
  private lines: Array<{ stamp: number; text: string }> = [];
  private partial = '';

  /** `stamp` labels each line (e.g. a trace sequence number) so `since()` can cut by it. */
  constructor(
    private readonly maxLines = 30,
    private readonly maxLineLength = 500,
    private readonly stamp: () => number = () => 0,
  ) {}

  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    if (this.partial.length > this.maxLineLength) {
      parts.push(this.partial);
      this.partial = '';
    }
    const stamp = this.stamp();
    for (const line of parts) {
      this.lines.push({ stamp, text: line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)}…` : line });
    }
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  text(): string {
    return [...this.lines.map((l) => l.text), this.partial].filter((l) => l.trim() !== '').join('\n');
  }

  /** Lines stamped after `mark`. */
  since(mark: number): string {
    return this.lines
      .filter((l) => l.stamp > mark && l.text.trim() !== '')
      .map((l) => l.text)
      .join('\n');
  }
}
