import type { Circus } from '@jest/types';
import { REDACTED, Redactor } from '../../src/util/redact';
import { scrubErrorList, scrubTestEvent, scrubValue } from '../../src/util/scrub-errors';
import { createSnapshotSerializer } from '../../src/expect/serializer';

/** Known secret values scrubbed from what a test file hands to Jest: its errors and its snapshots. */

const A = 'zqxwvutsrqponmlkjihg';
const B = 'kjhgfdsapoiuytrewqmn';
const redactor = new Redactor().add(A, B);
const redact = (t: string) => redactor.redact(t);

function assertionError(): Error & { matcherResult: unknown } {
  const received = { content: [{ type: 'text', text: `authorization=Bearer ${A} x-api-key=${B}` }] };
  const error = new Error(`expect(received).toEqual(expected)\n\nReceived: "authorization=Bearer ${A} x-api-key=${B}"`) as Error & {
    matcherResult: unknown;
  };
  error.matcherResult = { actual: received, expected: { content: [] }, message: error.message, name: 'toEqual', pass: false };
  return error;
}

test('message, stack and matcherResult (any shape, deep) are scrubbed; what the test holds is not changed', () => {
  const error = assertionError();
  const actual = (error.matcherResult as { actual: unknown }).actual;
  const errors: unknown[] = [[error, new Error('async')]];
  scrubErrorList(errors, redact);
  const all = JSON.stringify({ message: error.message, stack: error.stack, rest: error });
  expect(all).not.toContain(A);
  expect(all).not.toContain(B);
  expect(error.message).toContain(`x-api-key=${REDACTED}`);
  // A copy replaced it: the test's own value is as it was.
  expect(JSON.stringify(actual)).toContain(A);
});

test('a cause, an AggregateError, a thrown string, a Map, a cycle, an asymmetric-matcher-like class', () => {
  class Matcher {
    $$typeof = Symbol.for('jest.asymmetricMatcher');
    constructor(public sample: string) {}
  }
  const cyclic: Record<string, unknown> = { text: A };
  cyclic.self = cyclic;
  const error = new Error('outer', { cause: new AggregateError([new Error(`inner ${A}`)], `agg ${B}`) }) as Error & { extra: unknown };
  error.extra = { map: new Map([[A, B]]), cyclic, matcher: new Matcher(A) };
  const errors: unknown[] = [error, `thrown ${A}`];
  scrubErrorList(errors, redact);
  expect(errors[1]).toBe(`thrown ${REDACTED}`);
  const cause = error.cause as AggregateError;
  expect(cause.message).toBe(`agg ${REDACTED}`);
  expect((cause.errors[0] as Error).message).toBe(`inner ${REDACTED}`);
  const extra = error.extra as { map: Map<string, string>; cyclic: Record<string, unknown>; matcher: Matcher };
  expect([...extra.map]).toEqual([[REDACTED, REDACTED]]);
  expect(extra.cyclic.text).toBe(REDACTED);
  expect(extra.cyclic.self).toBe(extra.cyclic);
  expect(extra.matcher).toBeInstanceOf(Matcher);
  expect(extra.matcher.sample).toBe(REDACTED);
});

test('scrubValue leaves values that hold no text as they are', () => {
  const date = new Date(0);
  expect(scrubValue(date, redact)).toBe(date);
  expect(scrubValue(42, redact)).toBe(42);
});

describe('the environment hook', () => {
  const test = (errors: unknown[]) => ({ type: 'test', errors, retryReasons: [] }) as unknown as Circus.TestEntry;

  it('scrubs a finished test, and at run_finish every test of every block and the unhandled errors', () => {
    const done = test([assertionError()]);
    scrubTestEvent({ name: 'test_done', test: done } as Circus.Event, {} as Circus.State, redactor);
    expect(JSON.stringify(done.errors)).not.toContain(A);

    const nested = test([new Error(`beforeAll: ${A}`)]);
    const state = {
      rootDescribeBlock: { type: 'describeBlock', children: [{ type: 'describeBlock', children: [nested] }] },
      unhandledErrors: [new Error(`afterAll: ${B}`)],
    } as unknown as Circus.State;
    scrubTestEvent({ name: 'run_finish' } as Circus.Event, state, redactor);
    expect((nested.errors[0] as Error).message).toBe(`beforeAll: ${REDACTED}`);
    expect((state.unhandledErrors[0] as Error).message).toBe(`afterAll: ${REDACTED}`);
  });

  it('never throws, whatever the state', () => {
    expect(() => scrubTestEvent({ name: 'run_finish' } as Circus.Event, {} as Circus.State, redactor)).not.toThrow();
    const frozen = Object.freeze(new Error(A));
    expect(() => scrubTestEvent({ name: 'test_done', test: test([frozen]) } as Circus.Event, {} as Circus.State, redactor)).not.toThrow();
  });
});

describe('the snapshot serializer', () => {
  const serializer = createSnapshotSerializer({}, redactor)!;
  const print = (value: unknown): string =>
    serializer.serialize(value, {}, '', 0, [], (v) => (typeof v === 'string' ? v : JSON.stringify(v)));

  test('known values inside text content, keys and _meta names become [secret], whatever their shape', () => {
    const printed = print({
      content: [{ type: 'text', text: `authorization=${A} key: ${B}` }],
      structuredContent: { [A]: 1, nested: [[B]] },
    });
    expect(printed).not.toContain(A);
    expect(printed).not.toContain(B);
    expect(printed).toContain('[secret]');
  });

  test('claims a string that holds a known value wherever it sits, and nothing else', () => {
    expect(serializer.test(`x ${A}`)).toBe(true);
    expect(serializer.test('plain')).toBe(false);
    expect(print(`x ${A}`)).toBe('x [secret]');
  });

  test('a 20-character key, `x-api-key=…` in text, and secret-named keys, without knowing the values', () => {
    const plain = createSnapshotSerializer()!;
    const out = plain.serialize(
      {
        content: [{ type: 'text', text: 'key k3yAbCdEfGh1jK2mN0pQ and x-api-key=plainwordsecret' }],
        structuredContent: { apiKey: 'x', password: 'y' },
      },
      {},
      '',
      0,
      [],
      (v) => JSON.stringify(v),
    );
    expect(out).not.toContain('k3yAbCdEfGh1jK2mN0pQ');
    expect(out).not.toContain('plainwordsecret');
    expect(out).toContain('"apiKey":"[scrubbed]"');
    expect(out).toContain('"password":"[scrubbed]"');
  });
});
