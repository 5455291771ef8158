import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Signals and liveness of whole process groups: jest-mcp starts every server as the leader of its
 * own group, so a server started through a wrapper (`sh -c`, `npx`) is stopped with everything
 * it spawned.
 */

export const POSIX = process.platform !== 'win32';

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

export const HAS_PROC = fs.existsSync('/proc/self/stat');
/**
 * Whether any process of the group still runs. From /proc where there is one: signal 0 also
 * reaches zombies (a wrapper's child, orphaned and not yet reaped by init) that are long gone.
 */
export function groupAlive(child: ChildProcess): boolean {
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
export function liveGroupsSync(pgids: Set<number>): Set<number> {
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
