import { MAX_TIMER_MS, TimeoutError, formatSeconds, sleep, timerDelay, withTimeout } from '../../src/util/timeout';

describe('formatSeconds', () => {
  test.each([
    [0, '0 s'],
    [1, '0.001 s'],
    [250, '0.25 s'],
    [1500, '1.5 s'],
    [120_000, '120 s'],
    [0.4, '0 s'],
  ])('%p ms is %p', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });
});

describe('withTimeout', () => {
  test('the work’s value, when it is in time; onTimeout is not called, even later', async () => {
    const onTimeout = jest.fn();
    await expect(withTimeout(Promise.resolve(42), 20, 'step', onTimeout)).resolves.toBe(42);
    await new Promise((r) => setTimeout(r, 40));
    expect(onTimeout).not.toHaveBeenCalled();
  });

  test('the work’s own rejection passes through', async () => {
    const failure = new Error('work failed');
    await expect(withTimeout(Promise.reject(failure), 1000, 'step')).rejects.toBe(failure);
  });

  test('too late: a TimeoutError with ms and step, after onTimeout', async () => {
    const order: string[] = [];
    const never = new Promise<never>(() => {});
    const result = withTimeout(never, 15, 'connect to notes', () => order.push('onTimeout'));
    const error = await result.catch((e: unknown) => {
      order.push('rejected');
      return e;
    });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      ms: 15,
      step: 'connect to notes',
      code: 'JEST_MCP_TIMEOUT',
      message: 'connect to notes did not finish within 0.015 s',
    });
    expect(order).toEqual(['onTimeout', 'rejected']);
  });

  test('the timer is unref’d, so a bound never keeps the process alive', async () => {
    // The real timer, captured as withTimeout creates it: hasRef() is Node's own answer.
    const timers: NodeJS.Timeout[] = [];
    const real = globalThis.setTimeout;
    const spy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const timer = real(fn, ms);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    try {
      const pending = withTimeout(new Promise<never>(() => {}), 60_000, 'step');
      pending.catch(() => {});
      expect(timers).toHaveLength(1);
      expect(timers[0].hasRef()).toBe(false);
    } finally {
      spy.mockRestore();
      for (const t of timers) clearTimeout(t);
    }
  });

  test('the timer is cleared once the work settles', async () => {
    const cleared = jest.spyOn(globalThis, 'clearTimeout');
    try {
      await withTimeout(Promise.resolve(1), 60_000, 'step');
      expect(cleared).toHaveBeenCalledTimes(1);
    } finally {
      cleared.mockRestore();
    }
  });
});

test('an onTimeout that throws still ends in the TimeoutError', async () => {
  await expect(
    withTimeout(new Promise(() => {}), 10, 'a step', () => {
      throw new Error('kill failed');
    }),
  ).rejects.toMatchObject({ name: 'TimeoutError', step: 'a step' });
});

describe('delays Node’s timers cannot hold (over 2^31-1 ms)', () => {
  test('timerDelay clamps to 0..MAX_TIMER_MS and refuses NaN', () => {
    expect(MAX_TIMER_MS).toBe(2_147_483_647);
    expect(timerDelay(5)).toBe(5);
    expect(timerDelay(-1)).toBe(0);
    expect(timerDelay(1e12)).toBe(MAX_TIMER_MS);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_MS);
    expect(() => timerDelay(NaN)).toThrow(/NaN/);
  });

  test('a bound of 1e12 ms does not fire at once', async () => {
    const pending = withTimeout(new Promise<never>(() => {}), 1e12, 'step');
    let failed = false;
    pending.catch(() => (failed = true));
    await sleep(50);
    expect(failed).toBe(false);
  });

  test('sleep of 1e12 ms asks its timer for the longest wait, not for one that ends at once', () => {
    const delays: Array<number | undefined> = [];
    const real = globalThis.setTimeout;
    const spy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms);
      const timer = real(fn, ms);
      clearTimeout(timer);
      return timer;
    }) as typeof setTimeout);
    try {
      void sleep(1e12);
    } finally {
      spy.mockRestore();
    }
    expect(delays).toEqual([MAX_TIMER_MS]);
  });
});
