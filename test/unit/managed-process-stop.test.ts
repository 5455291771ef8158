import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ManagedProcess } from '../../src/process/managed-process';
import { HAS_PROC } from '../../src/process/proc-table';
import { STUBBORN } from '../helpers/fixtures';
import { killAll, processesWith } from '../helpers/processes';

/**
 * stop() ends the whole family of a process, not only its group: here a wrapper whose child
 * ignores SIGTERM and EOF, and that child's daemon, which left the group with setsid. (No reaper
 * runs here: from the TypeScript sources there is no reaper script, so this is stop() alone.)
 */
const marker = `unit-${randomUUID().slice(0, 8)}`;
afterAll(() => killAll(processesWith(marker)));

const running = (pid: number) => {
  try {
    return !/^\S+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

(HAS_PROC ? test : test.skip)('stop() also ends descendants that left the process group', async () => {
  const node = process.execPath;
  const proc = new ManagedProcess(
    'sh',
    ['-c', `"${node}" "${STUBBORN}" ${marker} --detach-child & exec "${node}" "${STUBBORN}" ${marker}`],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  // The wrapper's process, its stubborn child, and the child's daemon in a session of its own.
  const deadline = Date.now() + 10_000;
  while (processesWith(marker).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const family = processesWith(marker).map(({ pid }) => pid);
  expect(family).toHaveLength(3);
  const outside = family.filter((pid) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]) !== proc.pid);
  expect(outside).toHaveLength(1);

  expect(await proc.stop({ stdin: 100, term: 300, kill: 2000 })).toBe('SIGKILL');
  expect(family.filter(running)).toEqual([]);
});
