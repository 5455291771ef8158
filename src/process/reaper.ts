import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { POSIX } from './groups';

/**
 * The owner's side of the reaper (reaper-main.ts): nothing inside a process that is SIGKILLed (by
 * a user, the OOM killer, a CI runner's timeout) can run, so a small process outside it stops what
 * this process started once it is gone. Started with the first process this one starts, one per
 * process; it learns each process group to watch over a pipe, and the pipe closing is how it
 * hears that its owner ended, however it ended.
 */

/** Names this process among every jest-mcp process on the machine: the prefix of its tags. */
const OWNER = `${process.pid}-${randomBytes(4).toString('hex')}`;
let sequence = 0;

/** A tag for the next process this one starts: `<owner>.<n>` (see proc-table's TAG_VAR). */
export function nextTag(): string {
  return `${OWNER}.${++sequence}`;
}

/** What every tag of this process starts with. */
export const OWNER_PREFIX = `${OWNER}.`;

/** Next to this file in dist/; absent when this runs from the TypeScript sources (then: no reaper). */
const SCRIPT = path.join(__dirname, 'reaper-main.js');

let reaper: ChildProcess | undefined;
let unavailable = !POSIX;
/** Process groups the reaper must stop if we die, with the grace each gets after SIGTERM. */
const watched = new Map<number, number>();

function send(line: string): void {
  const stdin = reaper?.stdin;
  if (stdin?.writable) stdin.write(`${line}\n`);
}

function start(): void {
  if (reaper || unavailable) return;
  if (!fs.existsSync(SCRIPT)) {
    unavailable = true;
    return;
  }
  // Its own session: a Ctrl-C to the terminal's foreground group, or a signal to Jest's group,
  // must leave it running to clean up after them. cwd '/': it must not hold the project busy.
  // NODE_OPTIONS (a --require hook, an inspector) would only slow it down.
  const child = spawn(process.execPath, [SCRIPT, OWNER, String(process.pid)], {
    detached: true,
    cwd: '/',
    env: { ...process.env, NODE_OPTIONS: undefined },
    stdio: ['pipe', 'ignore', 'ignore'],
    windowsHide: true,
  });
  // Never what keeps this process (a Jest worker, Jest itself) alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  child.stdin.on('error', () => {
    // The reaper is gone (EPIPE): the 'exit' handler below forgets it.
  });
  child.on('error', () => {
    // It could not be started: go on without it, as before there was one.
    if (reaper === child) reaper = undefined;
    unavailable = true;
  });
  child.on('exit', () => {
    // Killed by someone: the next process we start starts a new one, told about every group.
    if (reaper === child) reaper = undefined;
  });
  reaper = child;
  for (const [pgid, grace] of watched) send(`watch ${pgid} ${grace}`);
}

/** Has the reaper stop the group `pgid` (SIGTERM, `graceMs`, SIGKILL) if this process dies. */
export function reaperWatch(pgid: number, graceMs: number): void {
  watched.set(pgid, graceMs);
  if (reaper) send(`watch ${pgid} ${graceMs}`);
  else start();
}

/** The group was stopped (or ended): nothing of it is left for the reaper. */
export function reaperForget(pgid: number): void {
  if (watched.delete(pgid)) send(`forget ${pgid}`);
}

/** The reaper's pid, while one runs. */
export function reaperPid(): number | undefined {
  return reaper?.pid;
}
