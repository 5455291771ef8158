import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { forget, watch } from './exit-hooks';
import { POSIX, groupAlive, killGroup } from './groups';

/**
 * A child process that jest-mcp starts: the leader of its own process group, registered with the
 * exit hooks until it is stopped, and stopped the way the MCP spec says a stdio server is.
 */

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
    const { exitGraceMs, unref, ...spawnOptions } = options;
    this.child = spawn(command, args, { ...spawnOptions, detached: POSIX, windowsHide: true });
    watch(this.child, exitGraceMs);
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
          forget(this.child);
          resolve(this.exit);
        }
      });
    });
    // The group may outlive its leader (a wrapper's children): keep it registered until killed.
    void this.exited.then(() => {
      if (this.child.pid === undefined || this.stopping) return;
      killGroup(this.child, 'SIGKILL');
      forget(this.child);
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
      forget(this.child);
    }
  }
}
