import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { POSIX } from './groups';
import { REAPER_STATE_KEY } from '../channels/keys';
import { formatReaperLine, reaperArgs, type ReaperLine } from '../channels/reaper-pipe';

/**
 * The owner's side of the reaper (reaper-main.ts): nothing inside a process that is SIGKILLed (by
 * a user, the OOM killer, a CI runner's timeout) can run, so a small process outside it stops what
 * this process started once it is gone. Started with the first process this one starts, one per
 * process; it learns each process group to watch over a pipe, and the pipe closing is how it
 * hears that its owner ended, however it ended.
 */

interface ReaperState {
  /** Names this process among every jest-mcp process on the machine: the prefix of its tags. */
  owner: string;
  sequence: number;
  reaper?: ChildProcess;
  unavailable: boolean;
  /** Process groups the reaper must stop if we die, with the grace each gets after SIGTERM. */
  watched: Map<number, number>;
}

// On the process's global object, not in module state: one reaper per process, whatever copy of
// this module a caller loaded (Jest's main process may load the global hooks more than once).
const holder = globalThis as Record<symbol, ReaperState | undefined>;
const state: ReaperState = (holder[REAPER_STATE_KEY] ??= {
  owner: `${process.pid}-${randomBytes(4).toString('hex')}`,
  sequence: 0,
  unavailable: !POSIX,
  watched: new Map(),
});

/** A tag for the next process this one starts: `<owner>.<n>` (see proc-table's TAG_VAR). */
export function nextTag(): string {
  return `${state.owner}.${++state.sequence}`;
}

/** What every tag of this process starts with. */
export const OWNER_PREFIX = `${state.owner}.`;

/** Next to this file in dist/; absent when this runs from the TypeScript sources (then: no reaper). */
const SCRIPT = path.join(__dirname, 'reaper-main.js');

function send(line: ReaperLine): void {
  const stdin = state.reaper?.stdin;
  if (stdin?.writable) stdin.write(formatReaperLine(line));
}

function start(): void {
  if (state.reaper || state.unavailable) return;
  if (!fs.existsSync(SCRIPT)) {
    state.unavailable = true;
    return;
  }
  // Its own session: a Ctrl-C to the terminal's foreground group, or a signal to Jest's group,
  // must leave it running to clean up after them. cwd '/': it must not hold the project busy.
  // It reads /proc and sends signals: it needs no variable of ours, and must hold none of the
  // secrets Jest's environment (and the project's .env) carries, nor a NODE_OPTIONS hook.
  const child = spawn(process.execPath, reaperArgs(SCRIPT, state.owner, process.pid), {
    detached: true,
    cwd: '/',
    env: {},
    stdio: ['pipe', 'ignore', 'ignore'],
    windowsHide: true,
  });
  // Its start-up yields the CPU to the server starting beside it and to the first test file: the
  // reaper needs the CPU only once its owner is gone. (Below normal, not lowest: on a loaded
  // machine it must still start within a second or two.)
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here: it runs at its owner's priority.
  }
  // Never what keeps this process (a Jest worker, Jest itself) alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  child.stdin.on('error', () => {
    // The reaper is gone (EPIPE): the 'exit' handler below forgets it.
  });
  child.on('error', () => {
    // It could not be started: go on without it, as before there was one.
    if (state.reaper === child) state.reaper = undefined;
    state.unavailable = true;
  });
  child.on('exit', () => {
    // Killed by someone: the next process we start starts a new one, told about every group.
    if (state.reaper === child) state.reaper = undefined;
  });
  state.reaper = child;
  for (const [pgid, grace] of state.watched) send({ verb: 'watch', pgid, graceMs: grace });
}

let starting = false;

/**
 * Has the reaper stop the group `pgid` (SIGTERM, `graceMs`, SIGKILL) if this process dies. The
 * first call starts the reaper a turn of the event loop later, off the first file's critical path:
 * forking this (large) process and its start-up then follow the server's spawn and the request
 * that opens its session, instead of holding them up; the group is handed over when it starts.
 */
export function reaperWatch(pgid: number, graceMs: number): void {
  state.watched.set(pgid, graceMs);
  if (state.reaper) send({ verb: 'watch', pgid, graceMs });
  else if (!starting && !state.unavailable) {
    starting = true;
    setImmediate(() => {
      starting = false;
      start();
    }).unref();
  }
}

/** The group was stopped (or ended): nothing of it is left for the reaper. */
export function reaperForget(pgid: number): void {
  if (state.watched.delete(pgid)) send({ verb: 'forget', pgid });
}

/** The reaper's pid, while one runs. */
export function reaperPid(): number | undefined {
  return state.reaper?.pid;
}
