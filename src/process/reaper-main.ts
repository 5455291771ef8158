import { parseReaperLine } from '../channels/reaper-pipe';
import { HAS_PROC, familyOf, isRunning, readProcTable, startOf, taggedPids } from './proc-table';

/**
 * The reaper process (started by reaper.ts as `node reaper-main.js <owner> <owner pid>`): it
 * outlives its owner just long enough to stop what the owner started. Lines on stdin say which
 * process groups to watch (`watch <pgid> <grace ms>`) and which were stopped (`forget <pgid>`).
 * When stdin closes, or the owner's pid is no longer our parent, the owner is gone (killed,
 * crashed, or ended normally with nothing left): every watched group, every process that
 * descends from one (also one that left it with setsid), and every process carrying the owner's
 * tag gets SIGTERM, a short grace, then SIGKILL; then the reaper exits.
 */

const [owner, ownerPidText] = process.argv.slice(2);
const ownerPid = Number(ownerPidText);
/** The owner's start time: whatever carries its tag is younger, so older environments are not read. */
const ownerStart = startOf(ownerPid) ?? 0;
/** After SIGTERM, at least this long before SIGKILL; a group may ask for more (up to MAX_GRACE_MS). */
const MIN_GRACE_MS = 1000;
const MAX_GRACE_MS = 5000;
/** How often the descendant tree is snapshotted, and the owner looked for. */
const SCAN_MS = 1000;

const groups = new Map<number, number>();
/**
 * Descendants seen in snapshots, by pid with their start time: a daemon whose parent has exited
 * is re-parented to init, and only an earlier snapshot still links it to a group.
 */
const seen = new Map<number, number>();
let reaping = false;

function seeds(): { groups: number[]; pids: Array<number | { pid: number; start: number }>; exclude: number[] } {
  const pids = [...seen].map(([pid, start]) => ({ pid, start }));
  return { groups: [...groups.keys()], pids, exclude: [process.pid, ownerPid] };
}

function snapshot(): void {
  if (!HAS_PROC || !groups.size) return;
  const table = readProcTable();
  for (const [pid, start] of seen) if (table.get(pid)?.start !== start) seen.delete(pid);
  for (const pid of familyOf(table, seeds())) seen.set(pid, table.get(pid)!.start);
}

/** Everything to stop, from /proc: the families of the watched groups and of the owner's tag. */
function targets(): number[] {
  if (!HAS_PROC) return [];
  const base = seeds();
  const table = readProcTable();
  const young = [...table.values()].filter((entry) => entry.start >= ownerStart).map((entry) => entry.pid);
  const family = familyOf(table, { ...base, pids: [...base.pids, ...taggedPids(`${owner}.`, young)] });
  return [...family];
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const target of [...[...groups.keys()].map((pgid) => -pgid), ...pids]) {
    try {
      process.kill(target, sig);
    } catch {
      // gone already
    }
  }
}

/** Without /proc: whether a watched group still has a member (zombies included, so: a guess). */
function anyGroupAlive(): boolean {
  return [...groups.keys()].some((pgid) => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

async function reap(): Promise<void> {
  if (reaping) return;
  reaping = true;
  clearInterval(timer);
  let left = targets();
  if (left.length || (!HAS_PROC && anyGroupAlive())) {
    signal(left, 'SIGTERM');
    const grace = Math.min(MAX_GRACE_MS, Math.max(MIN_GRACE_MS, ...groups.values()));
    const deadline = Date.now() + grace;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = left.filter((pid) => isRunning(pid));
      if (HAS_PROC ? !left.length : !anyGroupAlive()) break;
    }
    // Again from /proc: a process may have forked while it was being stopped.
    signal([...new Set([...left, ...targets()])], 'SIGKILL');
  }
  process.exit(0);
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const message = parseReaperLine(line);
    if (message?.verb === 'watch') groups.set(message.pgid, message.graceMs);
    else if (message?.verb === 'forget') groups.delete(message.pgid);
  }
  if (lines.some((line) => line.startsWith('watch'))) snapshot();
});
process.stdin.on('end', () => void reap());
process.stdin.on('error', () => void reap());
// The pipe is the signal; the parent link is the backstop (if some process kept the pipe open).
const timer = setInterval(() => (process.ppid !== ownerPid ? void reap() : snapshot()), SCAN_MS);
