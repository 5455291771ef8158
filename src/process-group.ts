import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Child processes that jest-mcp starts, in their own process group so that a server started
 * through a wrapper (`sh -c`, `npx`) can be stopped with everything it spawned. One process-wide
 * hook kills whatever is still registered when this process exits or is interrupted: a worker
 * that dies must not leave servers behind.
 */

const POSIX = process.platform !== 'win32';
const live = new Set<ChildProcess>();
/** Processes that get SIGTERM and up to this long before SIGKILL when this process ends. */
const exitGrace = new WeakMap<ChildProcess, number>();
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

const HAS_PROC = fs.existsSync('/proc/self/stat');
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Whether any process of the group still runs. From /proc where there is one: signal 0 also
 * reaches zombies (a wrapper's child, orphaned and not yet reaped by init) that are long gone.
 */
function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  if (!POSIX) return child.exitCode === null && child.signalCode === null;
  try {
    process.kill(-child.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Some member is left: a running one, or only zombies? (Scanning /proc costs a few ms.)
  return HAS_PROC ? liveGroupsSync(new Set([child.pid])).size > 0 : true;
}

/**
 * The process groups (of `pgids`) that still have a running member, from /proc, without the
 * event loop: at 'exit' Node no longer reaps children, and a zombie leader still counts as a
 * member for kill(-pgid, 0).
 */
function liveGroupsSync(pgids: Set<number>): Set<number> {
  const alive = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After "pid (comm) ": state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && pgids.has(Number(pgrp))) alive.add(Number(pgrp));
    } catch {
      // gone
    }
  }
  return alive;
}

/**
 * Synchronous, for 'exit' and signals: SIGKILL at once, except processes given an exit grace,
 * whose groups get SIGTERM and that long (all together) to end before they are killed.
 */
function killAllNow(): void {
  const graceful = [...live].filter((child) => (exitGrace.get(child) ?? 0) > 0 && groupAlive(child));
  for (const child of live) if (!graceful.includes(child)) killGroup(child, 'SIGKILL');
  if (graceful.length) {
    for (const child of graceful) killGroup(child, 'SIGTERM');
    const pgids = new Set(graceful.map((child) => child.pid!));
    const grace = Math.max(...graceful.map((child) => exitGrace.get(child)!));
    // Without /proc we cannot see them end here: wait a short while instead of the whole grace.
    const deadline = Date.now() + (HAS_PROC && POSIX ? grace : Math.min(grace, 300));
    while (Date.now() < deadline && !(HAS_PROC && POSIX && liveGroupsSync(pgids).size === 0)) sleepSync(20);
    for (const child of graceful) killGroup(child, 'SIGKILL');
  }
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
  // A Jest worker whose parent died (SIGINT/SIGTERM to the Jest process alone) is not told, and
  // runs on; its IPC channel closing is the only sign. Stop its servers, and the worker.
  // Polled with an unref'd timer: a 'disconnect' listener would keep the channel referenced and
  // stop the worker from exiting when Jest ends it.
  if (process.connected) {
    const watch = setInterval(() => {
      if (process.connected) return;
      clearInterval(watch);
      killAllNow();
      // Nobody is left to receive this worker's results, and a hanging test would keep it (and
      // the pipes it shares with whoever started Jest) alive for as long as its timeout.
      process.exit(1);
    }, 250);
    watch.unref();
  }
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

export interface ManagedOptions extends SpawnOptions {
  /**
   * When this process exits or is interrupted with the child still running: SIGTERM its group
   * and wait up to this long before SIGKILL (synchronously). Default 0: SIGKILL at once.
   */
  exitGraceMs?: number;
  /** Do not keep this process alive for the child (nor its stdin pipe) until stop() is called. */
  unref?: boolean;
}

/** How long each step of stop() may wait. */
export interface StopSteps {
  stdin: number;
  term: number;
  kill: number;
}

export class ManagedProcess {
  readonly child: ChildProcess;
  exit: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;
  /** Set when the command could not be started at all (ENOENT, EACCES, …). */
  spawnError: Error | undefined;
  /** While stop() runs, the group gets its grace after the leader exits, not SIGKILL at once. */
  private stopping = false;

  constructor(command: string, args: readonly string[], options: ManagedOptions) {
    installHooks();
    const { exitGraceMs, unref, ...spawnOptions } = options;
    this.child = spawn(command, args, { ...spawnOptions, detached: POSIX, windowsHide: true });
    live.add(this.child);
    if (exitGraceMs) exitGrace.set(this.child, exitGraceMs);
    if (unref) {
      this.child.unref();
      (this.child.stdin as { unref?: () => void } | null)?.unref?.();
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      // A failed spawn emits 'error' and never 'exit'.
      this.child.once('error', (error) => {
        if (this.child.pid === undefined) {
          this.spawnError = error;
          this.exit = { code: null, signal: null };
          live.delete(this.child);
          resolve(this.exit);
        }
      });
    });
    // The group may outlive its leader (a wrapper's children): keep it registered until killed.
    this.exited.then(() => {
      if (this.child.pid === undefined || this.stopping) return;
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

  /** Resolves true if the leader exited and then the rest of its group ended within `ms`. */
  private async waitForGroup(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    if (!(await this.waitForExit(ms))) return false;
    while (groupAlive(this.child)) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  /**
   * The MCP stdio shutdown: close stdin, wait, SIGTERM, wait, SIGKILL, each signal to the
   * whole group, each wait until the whole group is gone. Each wait is `grace` ms, or the
   * step's own. Returns the step that ended it.
   */
  async stop(grace: number | StopSteps): Promise<'exited' | 'stdin' | 'SIGTERM' | 'SIGKILL'> {
    if (this.exit) return 'exited';
    const steps = typeof grace === 'number' ? { stdin: grace, term: grace, kill: grace } : grace;
    this.stopping = true;
    // An unref'd child must keep us alive while we wait for it.
    this.child.ref();
    let step: 'stdin' | 'SIGTERM' | 'SIGKILL' = 'stdin';
    try {
      this.child.stdin?.end();
      if (await this.waitForGroup(steps.stdin)) return step;
      step = 'SIGTERM';
      this.signal('SIGTERM');
      if (await this.waitForGroup(steps.term)) return step;
      step = 'SIGKILL';
      this.signal('SIGKILL');
      await this.waitForGroup(steps.kill);
      return step;
    } finally {
      killGroup(this.child, 'SIGKILL');
      live.delete(this.child);
    }
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
