import { JestMcpError } from './errors';

/** One bound for every step jest-mcp waits on: connect, close, readiness, a probe. */

/**
 * The longest delay Node's timers take (2^31-1 ms, about 24.8 days). A longer one, or NaN, fires
 * after 1 ms (with only a warning): a "long" timeout would end at once, and a loop that waits for
 * it would spin.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer keeps: clamped to 0..MAX_TIMER_MS, so a bound too large to hold waits as long as any can. */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError(`jest-mcp: a timeout must be a number of milliseconds, got NaN`);
  return Math.min(Math.max(ms, 0), MAX_TIMER_MS);
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export class TimeoutError extends JestMcpError {
  readonly code = 'JEST_MCP_TIMEOUT';
  constructor(
    readonly ms: number,
    readonly step: string,
  ) {
    super(`${step} did not finish within ${formatSeconds(ms)}`, 'TimeoutError', { frames: true });
  }
}

/**
 * `work`, or a TimeoutError after `ms` (calling `onTimeout` first, to drop whatever the work
 * holds). The timer is unref'd: a bound must never be what keeps a process alive.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, step: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        onTimeout?.();
      } catch {
        // Dropping what the work holds is best effort; the timeout is what the caller must hear.
      }
      reject(new TimeoutError(ms, step));
    }, timerDelay(ms));
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, timerDelay(ms)));
}
