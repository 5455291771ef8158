import * as fs from 'node:fs';
import { PENDING_STOPS_KEY } from '../channels/keys';
import { formatSeconds } from '../util/timeout';
import { whenKilled } from './exit-hooks';
import type { ManagedProcess, StopSteps } from './managed-process';

/**
 * Stops of stdio servers that go on after their test file's teardown: the session is closed
 * (stdin ends) in teardown, and the server's exit is awaited here while the worker goes on to
 * its next file. A well-behaved server takes a few hundred ms to exit after stdin EOF
 * (server-everything keeps a 350 ms timer), and each file used to sit idle through it.
 *
 * A pending stop keeps the process alive (its child is referenced until it is gone), so a worker
 * does not exit before its stops finish. What it had to do is never lost: a server that had to
 * be signalled is reported on stderr (which Jest shows, after the file, before the run's
 * summary) as soon as its stop ends, and one still being stopped when this process ends anyway
 * (Jest forcing a slow worker out, a signal) is killed by the exit hooks and reported then.
 */

export type StopStep = 'exited' | 'stdin' | 'SIGTERM' | 'SIGKILL';

interface Pending {
  what: string;
  proc: ManagedProcess;
  done: Promise<void>;
}

/**
 * On the process's global object, like the reaper's state: in band, Jest's main process runs the
 * test files and the global teardown, which may load this module through another path.
 */
export const PENDING_KEY = PENDING_STOPS_KEY;
const holder = globalThis as Record<symbol, Set<Pending> | undefined>;
const pending: Set<Pending> = (holder[PENDING_KEY] ??= new Set());
let hooked = false;

/** What the stop of `what` (`the server of mcpClients.x (stdio: …)`) had to do, when it was more than closing stdin. */
export function describeStop(what: string, step: StopStep, steps: StopSteps): string | undefined {
  const eof = `did not exit within ${formatSeconds(steps.stdin)} of its stdin closing`;
  const advice = 'An MCP stdio server should exit when its stdin closes; raise timeouts.close if it needs longer.';
  if (step === 'SIGTERM') return `jest-mcp: ${what} ${eof} and was stopped with SIGTERM. ${advice}`;
  if (step === 'SIGKILL') {
    return `jest-mcp: ${what} ${eof}, nor within ${formatSeconds(steps.term)} of SIGTERM, and was killed (SIGKILL). ${advice}`;
  }
  return undefined;
}

/** Synchronous: it must reach Jest also from an exit hook, and a pipe on Linux is written at once. */
function report(line: string): void {
  try {
    fs.writeSync(process.stderr.fd, `${line}\n`);
  } catch {
    // stderr is gone: nobody is left to read it.
  }
}

/** Reports a stop that had to signal the server, the same whether it was awaited or not. */
export function reportStop(what: string, step: StopStep, steps: StopSteps): void {
  const line = describeStop(what, step, steps);
  if (line) report(line);
}

/** Stops `proc` (stdin EOF, SIGTERM, SIGKILL) without waiting; reports it if it had to be signalled. */
export function stopInBackground(proc: ManagedProcess, steps: StopSteps, what: string): void {
  hookExit();
  const entry = { what, proc } as Pending;
  entry.done = proc
    .stop(steps)
    .then(
      (step) => reportStop(what, step, steps),
      (error: Error) => report(`jest-mcp: stopping ${what} failed: ${error.message}`),
    )
    .finally(() => pending.delete(entry));
  pending.add(entry);
}

/**
 * Waits for every stop under way. The global teardown calls it: run in band, the last file's stop
 * would otherwise outlive the run, and Jest warns of a process that "did not exit one second
 * after the test run has completed". (A worker needs no call: its stops keep it alive.)
 */
export async function settlePendingStops(): Promise<void> {
  while (pending.size) await Promise.all([...pending].map((p) => p.done));
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // Runs after the exit hooks killed every process still running, this one's servers included.
  whenKilled(() => {
    for (const { what } of pending) report(`jest-mcp: ${what} was still stopping when this process ended, and was killed (SIGKILL).`);
    pending.clear();
  });
}
