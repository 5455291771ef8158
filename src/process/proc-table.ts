import * as fs from 'node:fs';

/**
 * The process table as Linux /proc shows it, and the "family" of what jest-mcp started: a process
 * group, every descendant of its members (also one that left the group with setsid), and every
 * process carrying a tag in its environment (also one whose parent died, so that nothing links it
 * to the group any more). Synchronous: it must also run in 'exit' hooks and in the reaper.
 */

/** The environment variable that marks every process jest-mcp starts, and all they start. */
export { TAG_VAR } from '../channels/env';
import { TAG_VAR } from '../channels/env';

export interface ProcEntry {
  pid: number;
  ppid: number;
  pgrp: number;
  /** 'Z' for a zombie: ended, only not yet reaped. */
  state: string;
  /** Start time in clock ticks since boot: with the pid, names a process for good (pids are reused). */
  start: number;
}

export type ProcTable = Map<number, ProcEntry>;

export const HAS_PROC = fs.existsSync('/proc/self/stat');

/** One line of /proc/<pid>/stat. The command name may hold spaces and parentheses: cut at the last ')'. */
export function parseStat(text: string): ProcEntry | undefined {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After "pid (comm) ": state(3) ppid(4) pgrp(5) … starttime(22), numbered as proc(5) does.
  const fields = text.slice(close + 2).split(' ');
  const entry = {
    pid: Number(text.slice(0, open)),
    state: fields[0],
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    start: Number(fields[19]),
  };
  return Number.isInteger(entry.pid) && Number.isInteger(entry.start) ? entry : undefined;
}

function readStat(pid: number): ProcEntry | undefined {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone
  }
}

function pidsInProc(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

export function readProcTable(): ProcTable {
  const table: ProcTable = new Map();
  if (!HAS_PROC) return table;
  for (const pid of pidsInProc()) {
    const entry = readStat(pid);
    if (entry) table.set(pid, entry);
  }
  return table;
}

/** Whether `pid` runs (not a zombie); with `start`, whether it is still that same process. */
export function isRunning(pid: number, start?: number): boolean {
  const entry = readStat(pid);
  return entry !== undefined && entry.state !== 'Z' && (start === undefined || entry.start === start);
}

/** The start time of `pid` (see ProcEntry), or undefined if it is gone or there is no /proc. */
export function startOf(pid: number): number | undefined {
  return HAS_PROC ? readStat(pid)?.start : undefined;
}

/**
 * The processes (of `among`, default all) whose environment holds `TAG_VAR=<value>` with a value
 * starting with `prefix`. Only our own user's processes can be read; the rest are skipped, as are
 * the values. Reading every environment costs: pass `among` to read only the likely ones.
 */
export function taggedPids(prefix: string, among?: Iterable<number>): Set<number> {
  const found = new Set<number>();
  if (!HAS_PROC) return found;
  const needle = Buffer.from(`\0${TAG_VAR}=${prefix}`);
  for (const pid of among ?? pidsInProc()) {
    try {
      // A leading NUL lets the first variable match like the others.
      const environ = Buffer.concat([Buffer.from('\0'), fs.readFileSync(`/proc/${pid}/environ`)]);
      if (environ.includes(needle)) found.add(pid);
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

export interface FamilySeeds {
  /** Process groups: every member belongs. */
  groups: Iterable<number>;
  /** Single processes (tagged, or seen before), each with its start time where known. */
  pids: Iterable<number | { pid: number; start: number }>;
  /** Never part of a family, whatever the table says (ourselves, our parent). */
  exclude?: Iterable<number>;
}

/**
 * Pure: the running processes of `table` that belong to the seeds' groups, are one of the seed
 * pids (the same process, when a start time is given), or descend from any of those through
 * parent links, however far, whatever group or session they moved to.
 */
export function familyOf(table: ProcTable, seeds: FamilySeeds): Set<number> {
  const exclude = new Set(seeds.exclude ?? []);
  const groups = new Set(seeds.groups);
  const children = new Map<number, number[]>();
  const queue: number[] = [];
  for (const entry of table.values()) {
    const siblings = children.get(entry.ppid);
    if (siblings) siblings.push(entry.pid);
    else children.set(entry.ppid, [entry.pid]);
    if (groups.has(entry.pgrp)) queue.push(entry.pid);
  }
  for (const seed of seeds.pids) {
    const { pid, start } = typeof seed === 'number' ? { pid: seed, start: undefined } : seed;
    const entry = table.get(pid);
    if (entry && (start === undefined || entry.start === start)) queue.push(pid);
  }
  const family = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (family.has(pid) || exclude.has(pid)) continue;
    family.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  // A zombie has ended; its children were handed to another parent and were found above.
  for (const pid of family) if (table.get(pid)?.state === 'Z') family.delete(pid);
  return family;
}
