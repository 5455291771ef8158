import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, type JestRun } from './project';

/**
 * Jest as a process the test can talk to while it runs (send it signals, wait for a file, type
 * keys through a pseudo-terminal), for what `runJest` cannot do: watch mode and interruptions.
 */

const JEST_BIN = path.join(REPO, 'node_modules/jest/bin/jest.js');

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

export interface StartOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Run Jest in a pseudo-terminal (through util-linux `script`), so watch mode reads keys. */
  tty?: boolean;
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
  for (const dir of dirs) {
    for (const { pid } of processesIn(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}

export function hasScript(): boolean {
  return ['/usr/bin/script', '/bin/script'].some((p) => fs.existsSync(p));
}

export function startJest(dir: string, options: StartOptions = {}): LiveJest {
  const started = Date.now();
  // The same allowance as runJest's (see there): a loaded CI machine misses Jest's 500 ms.
  const jestArgs = [JEST_BIN, '--colors=false', '--workerGracefulExitTimeout=3000', ...(options.args ?? [])];
  // Jest turns interactive watch mode (its key prompt, `q`) off whenever ci-info says CI, and a
  // CI machine sets CI=true; a terminal session here stands for a developer's terminal.
  const env = {
    ...process.env,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    JEST_WORKER_ID: undefined,
    ...(options.tty ? { CI: 'false' } : {}),
    ...options.env,
  };
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const child = options.tty
    ? spawn('script', ['-qfec', [process.execPath, ...jestArgs].map(quote).join(' '), '/dev/null'], { cwd: dir, env, stdio: 'pipe', detached: true })
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

/** Processes whose working directory is `dir` or inside it (Jest, its workers, servers), other than this one. */
export function processesIn(dir: string): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + path.sep)) {
        found.push({ pid: Number(entry), cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
      }
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

/** Lines of a file, or [] if it does not exist yet. */
export function linesOf(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
