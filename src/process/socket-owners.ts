import * as fs from 'node:fs';

/**
 * Which processes hold a socket, from Linux /proc: a process's descriptors link to
 * `socket:[inode]`, the inode /proc/net/tcp lists for the socket. Only the processes of this
 * user (or all, as root) can be looked into; the rest count as unreadable, never as innocent.
 */

interface Stat {
  pid: number;
  ppid: number;
  pgrp: number;
}

function statOf(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state, ppid, pgrp, … (comm may hold spaces and parentheses).
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : { pid, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/**
 * The live processes that belong to a server started as the leader of process group `leader`:
 * the members of that group, and every descendant of the leader, also one that made its own
 * group or session (a wrapper's child may). A descendant whose parent already died was
 * re-parented and cannot be told apart from any other process.
 */
export function processTree(leader: number): number[] {
  const stats = allPids()
    .map(statOf)
    .filter((s): s is Stat => s !== undefined);
  const tree = new Set(stats.filter((s) => s.pgrp === leader || s.pid === leader).map((s) => s.pid));
  tree.add(leader);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** The socket inodes a process holds; undefined if it cannot be looked into (or is gone). */
export function socketsOf(pid: number): Set<number> | undefined {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const inodes = new Set<number>();
  for (const fd of fds) {
    try {
      const found = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (found) inodes.add(Number(found[1]));
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** The processes (of those this user may look into), but those of `except`, that hold the socket `inode`. */
export function holdersOf(inode: number, except: ReadonlySet<number> = new Set()): number[] {
  return allPids().filter((pid) => !except.has(pid) && socketsOf(pid)?.has(inode));
}

/** A process's command line, split into its arguments; undefined if unreadable. */
export function argvOf(pid: number): string[] | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return argv.length ? argv : undefined;
  } catch {
    return undefined;
  }
}

/** A process's name as the kernel knows it (the executable's, at most 15 characters). */
export function nameOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}
