import type { ChildProcess } from 'node:child_process';
import { HAS_PROC, POSIX, anyRunning, groupAlive, killGroup, liveGroupsSync, signalFamilies } from './groups';
import { startOf } from './proc-table';
import { OWNER_PREFIX } from './reaper';

/**
 * One process-wide hook that kills whatever jest-mcp started and has not stopped yet when this
 * process exits or is interrupted: a worker that dies must not leave servers behind. (A process
 * that is SIGKILLed runs no hook: the reaper covers that.)
 */

const live = new Set<ChildProcess>();
/** Processes that get SIGTERM and up to this long before SIGKILL when this process ends. */
const exitGrace = new WeakMap<ChildProcess, number>();
let hooked = false;

/** Watches `child` until `forget(child)`; `graceMs` > 0 gives it SIGTERM and that long at exit. */
export function watch(child: ChildProcess, graceMs = 0): void {
  installHooks();
  live.add(child);
  if (graceMs) exitGrace.set(child, graceMs);
}

export function forget(child: ChildProcess): void {
  live.delete(child);
}

const afterKill = new Set<() => void>();

/** Runs `fn` (synchronously) each time the hook has killed what was left: to save what they wrote last. */
export function whenKilled(fn: () => void): () => void {
  installHooks();
  afterKill.add(fn);
  return () => afterKill.delete(fn);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Everything this process tagged started after it. */
const SINCE = startOf(process.pid) ?? 0;

const pgidsOf = (children: ChildProcess[]) => children.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));

/**
 * Synchronous, for 'exit' and signals: SIGKILL at once, except processes given an exit grace,
 * whose groups get SIGTERM and that long (all together) to end before they are killed. Each
 * signal also reaches the descendants that left their group, and anything with this process's tag.
 */
function killAllNow(): void {
  // Nothing left to stop: the /proc scans would only slow this process's exit (a Jest worker has
  // 500 ms). A leftover of a stopped process that carries our tag is the reaper's, once we are gone.
  // (A server stopped by global teardown may still have its last words in a pipe: save them.)
  if (!live.size) return runAfterKill();
  const graceful = [...live].filter((child) => (exitGrace.get(child) ?? 0) > 0 && groupAlive(child));
  const abrupt = [...live].filter((child) => !graceful.includes(child));
  if (POSIX) signalFamilies(pgidsOf(abrupt), graceful.length ? undefined : OWNER_PREFIX, 'SIGKILL', SINCE);
  else for (const child of abrupt) killGroup(child, 'SIGKILL');
  if (graceful.length) {
    const escaped = signalFamilies(pgidsOf(graceful), OWNER_PREFIX, 'SIGTERM', SINCE);
    const pgids = new Set(pgidsOf(graceful));
    const grace = Math.max(...graceful.map((child) => exitGrace.get(child)!));
    // Without /proc we cannot see them end here: wait a short while instead of the whole grace.
    const deadline = Date.now() + (HAS_PROC && POSIX ? grace : Math.min(grace, 300));
    const ended = () => HAS_PROC && POSIX && liveGroupsSync(pgids).size === 0 && !anyRunning(escaped);
    while (Date.now() < deadline && !ended()) sleepSync(20);
    if (POSIX) signalFamilies([...pgids, ...pgidsOf(abrupt)], OWNER_PREFIX, 'SIGKILL', SINCE);
    else for (const child of graceful) killGroup(child, 'SIGKILL');
  }
  live.clear();
  runAfterKill();
}

function runAfterKill(): void {
  for (const fn of afterKill) {
    try {
      fn();
    } catch {
      // Exiting: nothing may stop the others.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // Let the signal do what it would have done without us, unless someone else handles it too.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  // A Jest worker whose parent died (SIGINT/SIGTERM to the Jest process alone) is not told, and
  // runs on; its IPC channel closing is the only sign. Stop its servers, and the worker.
  // Polled with an unref'd timer: a 'disconnect' listener would keep the channel referenced and
  // stop the worker from exiting when Jest ends it.
  if (process.connected) {
    const watch = setInterval(() => {
      if (process.connected) return;
      clearInterval(watch);
      killAllNow();
      // Nobody is left to receive this worker's results, and a hanging test would keep it (and
      // the pipes it shares with whoever started Jest) alive for as long as its timeout.
      process.exit(1);
    }, 250);
    watch.unref();
  }
}
