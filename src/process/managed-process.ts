import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { forget, watch } from './exit-hooks';
import { POSIX, anyRunning, escapedFrom, groupAlive, killGroup, signalFamilies } from './groups';
import { TAG_VAR, startOf } from './proc-table';
import { nextTag, reaperForget, reaperWatch } from './reaper';

/**
 * A child process that jest-mcp starts: the leader of its own process group, tagged in its
 * environment (which its descendants inherit), registered with the exit hooks and the reaper until
 * it is stopped, and stopped the way the MCP spec says a stdio server is, with every descendant,
 * also those that left the group.
 */

/** The reaper's grace after SIGTERM for a process that asked for none at exit (stdio servers). */
const REAPER_GRACE_MS = 1000;

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
  /** `TAG_VAR` in the environment of this process and all it starts: `<owner>.<n>`. */
  private readonly tag = nextTag();
  /** Descendants outside the group found by the last signal: stop() waits for them too. */
  private escaped: number[] = [];
  /** The leader's start time: its descendants are younger (only their environments are read). */
  private readonly since: number;

  constructor(command: string, args: readonly string[], options: ManagedOptions) {
    const { exitGraceMs, unref, ...spawnOptions } = options;
    const env = { ...(spawnOptions.env ?? process.env), [TAG_VAR]: this.tag };
    this.child = spawn(command, args, { ...spawnOptions, env, detached: POSIX, windowsHide: true });
    watch(this.child, exitGraceMs);
    this.since = (this.child.pid !== undefined && startOf(this.child.pid)) || 0;
    if (this.child.pid !== undefined) reaperWatch(this.child.pid, exitGraceMs || REAPER_GRACE_MS);
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
          this.release();
          resolve(this.exit);
        }
      });
    });
    // The group may outlive its leader (a wrapper's children): keep it registered until killed.
    void this.exited.then(() => {
      if (this.child.pid === undefined || this.stopping) return;
      this.signal('SIGKILL');
      this.release();
    });
  }

  /** Nothing of it is left: the exit hooks and the reaper can let it go. */
  private release(): void {
    forget(this.child);
    if (this.child.pid !== undefined) reaperForget(this.child.pid);
  }

  /** The group's processes and, with /proc, every descendant or tagged process outside it. */
  private familyAlive(): boolean {
    return groupAlive(this.child) || anyRunning(this.escaped);
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

  /** `signal` to the group and to the descendants that left it. */
  signal(signal: NodeJS.Signals): void {
    if (!POSIX || this.child.pid === undefined) return killGroup(this.child, signal);
    // `\0` ends the value: tag 1 must not match tag 10.
    const escaped = signalFamilies([this.child.pid], `${this.tag}\0`, signal, this.since);
    this.escaped = [...new Set([...this.escaped, ...escaped])];
  }

  /** Resolves true if the leader exited and then the rest of its group ended within `ms`. */
  private async waitForGroup(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    if (!(await this.waitForExit(ms))) return false;
    while (this.familyAlive()) {
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
      // Found now, while the parent links that lead to them still exist.
      if (this.child.pid !== undefined) this.escaped = escapedFrom([this.child.pid], `${this.tag}\0`, this.since);
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
      // No new /proc scan here (one per stop is the common cost): what it found, and the group.
      // A daemon forked during the stop still carries the tag, for the reaper.
      killGroup(this.child, 'SIGKILL');
      for (const pid of this.escaped) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      this.release();
    }
  }
}
