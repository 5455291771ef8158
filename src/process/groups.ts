import type { ChildProcess } from 'node:child_process';
import { HAS_PROC, familyOf, isRunning, readProcTable, taggedPids } from './proc-table';

/**
 * Signals and liveness of whole process groups: jest-mcp starts every server as the leader of its
 * own group, so a server started through a wrapper (`sh -c`, `npx`) is stopped with everything
 * it spawned. A descendant that left the group (setsid, a daemon) is found through /proc and
 * signalled on its own.
 */

export const POSIX = process.platform !== 'win32';
export { HAS_PROC };

function killPgid(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (POSIX) killPgid(child.pid, signal);
  else {
    try {
      child.kill(signal);
    } catch {
      // gone already
    }
  }
}

/**
 * The running processes that descend from a member of the groups `pgids`, or carry a tag that
 * starts with `tagPrefix` (see proc-table), but are not in those groups: what a group signal
 * misses. Empty without /proc. `since`: a start time (see ProcEntry) no tagged process is older than.
 */
export function escapedFrom(pgids: readonly number[], tagPrefix?: string, since = 0): number[] {
  if (!HAS_PROC || !POSIX) return [];
  const table = readProcTable();
  // A process started before `since` (the oldest of ours) cannot carry our tag: its environment is not read.
  const young = [...table.values()].filter((entry) => entry.start >= since).map((entry) => entry.pid);
  const tagged = tagPrefix === undefined ? [] : taggedPids(tagPrefix, young);
  const family = familyOf(table, { groups: pgids, pids: tagged, exclude: [process.pid] });
  return [...family].filter((pid) => !pgids.includes(table.get(pid)!.pgrp));
}

/**
 * `signal` to each group and to every process of their families outside them (found first: once
 * a group member dies, its setsid child is handed to init and nothing links it to us but its tag).
 * Returns the processes outside the groups.
 */
export function signalFamilies(pgids: readonly number[], tagPrefix: string | undefined, signal: NodeJS.Signals, since = 0): number[] {
  const escaped = escapedFrom(pgids, tagPrefix, since);
  for (const pgid of pgids) killPgid(pgid, signal);
  for (const pid of escaped) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
  return escaped;
}

/** Whether any of `pids` still runs (zombies do not count). */
export function anyRunning(pids: readonly number[]): boolean {
  return pids.some((pid) => isRunning(pid));
}

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
  for (const entry of readProcTable().values()) if (entry.state !== 'Z' && pgids.has(entry.pgrp)) alive.add(entry.pgrp);
  return alive;
}
