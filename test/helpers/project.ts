import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Runs Jest itself on a generated project, as Jest's own e2e tests do. Projects live under
 * `<repo>/.tmp/e2e/` so that they resolve this repo's node_modules, and `jest-mcp` resolves
 * through `<repo>/.tmp/node_modules/jest-mcp` (a link to the repo): `preset: 'jest-mcp'` goes
 * through the same package.json `exports` a user's install does.
 */

export const REPO = path.resolve(__dirname, '../..');
const TMP = path.join(REPO, '.tmp');
const JEST_BIN = path.join(REPO, 'node_modules/jest/bin/jest.js');

function linkPackage(): void {
  const link = path.join(TMP, 'node_modules/jest-mcp');
  if (fs.existsSync(link)) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  try {
    fs.symlinkSync(REPO, link, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface Project {
  dir: string;
  /** Unique per project: put it in server command lines to find leftover processes. */
  marker: string;
  write(file: string, content: string): void;
  remove(): void;
}

export function createProject(files: Record<string, string>): Project {
  linkPackage();
  const marker = `jmcp-${randomUUID().slice(0, 8)}`;
  const dir = path.join(TMP, 'e2e', marker);
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, content: string) => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  };
  // This repo installs both SDK generations; a project that declares one gets that one, as a
  // user's would. Tests of the 2.x path declare @modelcontextprotocol/client instead.
  write('package.json', JSON.stringify({ name: marker, private: true, devDependencies: { '@modelcontextprotocol/sdk': '*' } }));
  for (const [file, content] of Object.entries(files)) write(file, content);
  return { dir, marker, write, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface JestRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for "never appears anywhere" checks. */
  output: string;
  ms: number;
}

export interface RunOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Kill Jest (and fail) if it has not exited by itself by then. Default 90 s. */
  timeoutMs?: number;
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
      reject(new Error(`${path.basename(command)} ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
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

/** Runs `jest` in `dir`; resolves when it exits by itself (it is never forced to). */
export function runJest(dir: string, options: RunOptions = {}): Promise<JestRun> {
  // Jest allows a finished worker 500 ms to exit before it kills it and warns "failed to exit
  // gracefully"; on a busy machine (CI runs these side by side on 2 cores) a worker with nothing
  // left open misses that. 3 s still catches a real leak, which holds a worker for good.
  const args = [JEST_BIN, '--ci', '--colors=false', '--workerGracefulExitTimeout=3000', ...(options.args ?? [])];
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', JEST_WORKER_ID: undefined, ...options.env };
  return runCommand(process.execPath, args, dir, env, options.timeoutMs ?? 90_000);
}

/** Processes whose command line contains `marker` (Linux /proc), other than this one. */
export function processesWith(marker: string): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(marker)) found.push({ pid: Number(entry), cmdline });
    } catch {
      // gone already
    }
  }
  return found;
}

/** Jest's own warnings that mean something was left open. */
export const HANG_WARNINGS = [/did not exit one second after/i, /failed to exit gracefully/i, /open handle/i];

/**
 * Starts a fixture server (`node <script> ...args`) that prints "listening <port>" once it
 * listens on 127.0.0.1; resolves with the process and the port. The test stops it.
 */
export function startListening(
  script: string,
  args: string[],
  // 'pipe' for servers that end when their stdin closes, i.e. with the test process.
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<{ server: ChildProcess; port: number }> {
  const server = spawn(process.execPath, [script, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  let seen = '';
  return new Promise((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      // Across chunks: the line may arrive in pieces.
      seen += d;
      const port = /listening (\d+)/.exec(seen)?.[1];
      if (port) resolve({ server, port: Number(port) });
    });
    server.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code} before listening`)));
  });
}
