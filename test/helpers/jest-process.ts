import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { killAll, processesIn } from './processes';
import { REPO } from './project';

/**
 * Jest (or npm, npx) as a child process: run to the end with output captured (`runJest`,
 * `runCommand`), or live, for what a finished run cannot show: signals mid-run, watch mode, keys
 * typed into its terminal (`startJest`).
 */

const JEST_BIN = path.join(REPO, 'node_modules/jest/bin/jest.js');

export interface JestRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for "never appears anywhere" checks. */
  output: string;
  ms: number;
}

interface JestOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
}

export interface RunOptions extends JestOptions {
  /** Kill Jest (and fail) if it has not exited by itself by then. Default 90 s. */
  timeoutMs?: number;
}

export interface StartOptions extends JestOptions {
  /** Run Jest in a pseudo-terminal (through util-linux `script`), so watch mode reads keys. */
  tty?: boolean;
}

/** Jest's command line and environment, the same for finished and live runs. */
function jestCommand(options: JestOptions, extraEnv: Record<string, string> = {}): { args: string[]; env: NodeJS.ProcessEnv } {
  // Jest allows a finished worker 500 ms to exit before it kills it and warns "failed to exit
  // gracefully"; on a busy machine (CI runs these side by side on 2 cores) a worker with nothing
  // left open misses that. 3 s still catches a real leak, which holds a worker for good.
  const args = [JEST_BIN, '--colors=false', '--workerGracefulExitTimeout=3000', ...(options.args ?? [])];
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', JEST_WORKER_ID: undefined, ...extraEnv, ...options.env };
  return { args, env };
}

/**
 * Runs a command in `dir` with output captured; resolves when it exits by itself, rejects (after
 * SIGKILL) if it has not within `timeoutMs`.
 */
export function runCommand(command: string, args: string[], dir: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<JestRun> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${path.basename(command)} ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, output: stdout + stderr, ms: Date.now() - started });
    });
  });
}

/** Runs `jest --ci` in `dir`; resolves when it exits by itself (it is never forced to). */
export function runJest(dir: string, options: RunOptions = {}): Promise<JestRun> {
  const { args, env } = jestCommand({ ...options, args: ['--ci', ...(options.args ?? [])] });
  return runCommand(process.execPath, args, dir, env, options.timeoutMs ?? 90_000);
}

export interface LiveJest {
  child: ChildProcess;
  /** The Jest process's pid (with `tty`, that of `script`, whose child Jest is). */
  pid: number;
  output(): string;
  /** Resolves when Jest exits; rejects (after SIGKILL) if it has not within `timeoutMs`. */
  exited(timeoutMs?: number): Promise<JestRun>;
  /** Types into Jest's terminal (only with `tty`). */
  type(keys: string): void;
}

/** Jest processes started here that have not exited yet, with the directory each runs in. */
const live = new Map<ChildProcess, string>();

/**
 * Kills whatever a failed test left running: each live Jest's process group (script, Jest, its
 * workers), then anything else still working in its directory (a server). Without this, a test
 * that fails while a watch-mode Jest is up keeps the test run itself from exiting.
 */
export async function stopLiveJests(): Promise<void> {
  const dirs = [...live.values()];
  for (const child of live.keys()) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  live.clear();
  for (const dir of dirs) killAll(processesIn(dir));
}

export function hasScript(): boolean {
  return ['/usr/bin/script', '/bin/script'].some((p) => fs.existsSync(p));
}

export function startJest(dir: string, options: StartOptions = {}): LiveJest {
  const started = Date.now();
  // Jest turns interactive watch mode (its key prompt, `q`) off whenever ci-info says CI, and a
  // CI machine sets CI=true; a terminal session here stands for a developer's terminal.
  const { args: jestArgs, env } = jestCommand(options, options.tty ? { CI: 'false' } : {});
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const child = options.tty
    ? spawn('script', ['-qfec', [process.execPath, ...jestArgs].map(quote).join(' '), '/dev/null'], {
        cwd: dir,
        env,
        stdio: 'pipe',
        detached: true,
      })
    : spawn(process.execPath, jestArgs, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.set(child, dir);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<JestRun>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, stdout, stderr, output: stdout + stderr, ms: Date.now() - started });
    });
  });
  return {
    child,
    pid: child.pid!,
    output: () => stdout + stderr,
    exited(timeoutMs = 60_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`jest did not exit within ${timeoutMs} ms\noutput:\n${stdout}${stderr}`));
        }, timeoutMs);
      });
      return Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    },
    type(keys: string) {
      child.stdin!.write(keys);
    },
  };
}

/** Polls `check` until it returns something truthy; rejects with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
