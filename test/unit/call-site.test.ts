import { captureCallSite, toTestErrorAt } from '../../src/realm/call-site';

/** Named functions, so their frames can be found by name. */
function testsOwnLine() {
  return helperThatCalls();
}
function helperThatCalls() {
  return captureCallSite(helperThatCalls);
}

const frames = (stack: string | undefined) => (stack ?? '').split('\n').slice(1);

describe('captureCallSite', () => {
  test('gives the frames above the given function, not the function itself', () => {
    const site = testsOwnLine();
    const lines = frames(site.stack);
    expect(lines[0]).toMatch(/^\s+at testsOwnLine \(.*call-site\.test\.ts:\d+:\d+\)$/);
    expect(site.stack).not.toContain('helperThatCalls');
    expect(site.stack).not.toContain('captureCallSite');
  });

  test('ten frames at most, whatever the limit, and the limit is put back', () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    try {
      // Recursion deeper than ten frames, so the cut is visible.
      const deep = (n: number): { stack?: string } => (n === 0 ? captureCallSite(deep) : deep(n - 1));
      const site = deep(20);
      expect(frames(site.stack)).toHaveLength(10);
      expect(Error.stackTraceLimit).toBe(3);
    } finally {
      Error.stackTraceLimit = before;
    }
  });
});

describe('toTestErrorAt', () => {
  test("appends the call's frames to an error made elsewhere (a response handler)", async () => {
    const site = testsOwnLine();
    const error = new Error('from the SDK');
    const own = error.stack!;
    const result = (await toTestErrorAt(error, site)) as Error;
    expect(result.message).toBe('from the SDK');
    expect(result.stack).toBe(`${own}\n${frames(site.stack).join('\n')}`);
  });

  test('an error made in the call itself already has the frames: nothing is added', async () => {
    const site = testsOwnLine();
    const error = { name: 'Error', message: 'Not connected', stack: `Error: Not connected\n${frames(site.stack).join('\n')}` };
    const result = (await toTestErrorAt(error, site)) as Error;
    expect(result.stack).toBe(error.stack);
  });

  test('an error without a stack gets a head made from name and message', async () => {
    const site = testsOwnLine();
    const result = (await toTestErrorAt({ name: 'Weird', message: 'no stack here' }, site)) as Error;
    expect(result.stack).toMatch(/^Weird: no stack here\n/);
    expect(result.stack!.endsWith(frames(site.stack).join('\n'))).toBe(true);
  });

  test('a call site without frames and a non-error are left alone', async () => {
    const error = new Error('x');
    const own = error.stack;
    expect(((await toTestErrorAt(error, {})) as Error).stack).toBe(own);
    await expect(toTestErrorAt('text', testsOwnLine())).resolves.toBe('text');
  });
});
