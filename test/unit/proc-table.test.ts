import { spawn } from 'node:child_process';
import {
  HAS_PROC,
  TAG_VAR,
  familyOf,
  parseStat,
  readProcTable,
  taggedPids,
  type ProcEntry,
  type ProcTable,
} from '../../src/process/proc-table';

/** A /proc/<pid>/stat line as Linux writes it, fields after the command name up to starttime (22). */
function statLine(pid: number, comm: string, state: string, ppid: number, pgrp: number, start: number): string {
  const fields = [state, ppid, pgrp, pgrp, 0, -1, 4194560, 100, 0, 0, 0, 5, 3, 0, 0, 20, 0, 1, 0, start, 1000, 50];
  return `${pid} (${comm}) ${fields.join(' ')}\n`;
}

test('parseStat reads pid, state, parent, group and start time, whatever the command name holds', () => {
  expect(parseStat(statLine(42, 'node', 'S', 1, 40, 123456))).toEqual({ pid: 42, state: 'S', ppid: 1, pgrp: 40, start: 123456 });
  expect(parseStat(statLine(7, 'a (b) c', 'Z', 3, 3, 9))).toEqual({ pid: 7, state: 'Z', ppid: 3, pgrp: 3, start: 9 });
  expect(parseStat('garbage')).toBeUndefined();
});

function table(...rows: Array<[pid: number, ppid: number, pgrp: number, state?: string, start?: number]>): ProcTable {
  const entries: ProcEntry[] = rows.map(([pid, ppid, pgrp, state = 'S', start = pid * 10]) => ({ pid, ppid, pgrp, state, start }));
  return new Map(entries.map((e) => [e.pid, e]));
}

// 1 init; 100 Jest (group 100); 200 a server (sh -c, its own group) with 201 in its group; 202 left
// the group with setsid and started 203; 300 another server of someone else.
const SNAPSHOT = table([1, 0, 1], [100, 1, 100], [200, 100, 200], [201, 200, 200], [202, 201, 202], [203, 202, 202], [300, 1, 300]);

test('a family is the group, and every descendant of its members, also those that left the group', () => {
  expect([...familyOf(SNAPSHOT, { groups: [200], pids: [] })].sort()).toEqual([200, 201, 202, 203]);
});

test('a group whose leader is gone is still found by its members', () => {
  const leaderGone = table([1, 0, 1], [201, 1, 200], [202, 201, 202]);
  expect([...familyOf(leaderGone, { groups: [200], pids: [] })].sort()).toEqual([201, 202]);
});

test('a seed pid brings its descendants; with a start time, only if it is still the same process', () => {
  const orphan = table([1, 0, 1], [202, 1, 202], [203, 202, 202]);
  expect([...familyOf(orphan, { groups: [], pids: [202] })].sort()).toEqual([202, 203]);
  expect([...familyOf(orphan, { groups: [], pids: [{ pid: 202, start: 2020 }] })].sort()).toEqual([202, 203]);
  // The pid was reused by an unrelated process: not ours.
  expect([...familyOf(orphan, { groups: [], pids: [{ pid: 202, start: 1 }] })]).toEqual([]);
});

test('zombies are not counted, their re-parented children are; excluded pids and unrelated processes never are', () => {
  const withZombie = table([1, 0, 1], [200, 100, 200, 'Z'], [201, 1, 200]);
  expect([...familyOf(withZombie, { groups: [200], pids: [] })]).toEqual([201]);
  expect([...familyOf(SNAPSHOT, { groups: [200], pids: [], exclude: [202] })].sort()).toEqual([200, 201]);
  expect(familyOf(SNAPSHOT, { groups: [200], pids: [] }).has(300)).toBe(false);
  expect(familyOf(SNAPSHOT, { groups: [200], pids: [] }).has(100)).toBe(false);
});

(HAS_PROC ? test : test.skip)('from the real /proc: a tagged child is found by its tag, exactly, and is in the table', async () => {
  const tag = `unit-${process.pid}.1`;
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    env: { ...process.env, [TAG_VAR]: tag },
    stdio: 'ignore',
  });
  try {
    await new Promise((resolve) => child.once('spawn', resolve));
    // The environment is the exec'd one: wait until Node has replaced the forked copy.
    const deadline = Date.now() + 5000;
    while (!taggedPids(`${tag}\0`).has(child.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect([...taggedPids(`${tag}\0`)]).toEqual([child.pid]);
    expect(taggedPids(`unit-${process.pid}.`).has(child.pid!)).toBe(true);
    expect(taggedPids(`${tag}0\0`).size).toBe(0);
    expect(readProcTable().get(child.pid!)).toMatchObject({ pid: child.pid, ppid: process.pid, state: expect.not.stringMatching(/Z/) });
  } finally {
    child.kill('SIGKILL');
  }
});
