import { Inbox, MAX_KEPT_BYTES, approximateSize } from '../../src/session/inbox';

const note = (method: string, params?: Record<string, unknown>) => ({ jsonrpc: '2.0' as const, method, params });
const request = (id: number, method: string, params?: Record<string, unknown>) => ({ jsonrpc: '2.0' as const, id, method, params });

test('take sorts notifications and requests apart, and ignores responses', () => {
  const inbox = new Inbox();
  const before = Date.now();
  inbox.take(note('notifications/message', { level: 'info' }));
  inbox.take(request(1, 'sampling/createMessage', { maxTokens: 5 }));
  inbox.take({ jsonrpc: '2.0', id: 2, result: {} });
  expect(inbox.list('notification')).toEqual([{ at: expect.any(Number), method: 'notifications/message', params: { level: 'info' } }]);
  expect(inbox.list('request')).toEqual([{ at: expect.any(Number), method: 'sampling/createMessage', params: { maxTokens: 5 } }]);
  const at = inbox.list('notification')[0].at;
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(Date.now());
});

test('list filters by method and keeps arrival order', () => {
  const inbox = new Inbox();
  inbox.take(note('a', { n: 1 }));
  inbox.take(note('b'));
  inbox.take(note('a', { n: 2 }));
  expect(inbox.list('notification', 'a').map((m) => m.params)).toEqual([{ n: 1 }, { n: 2 }]);
  expect(inbox.list('notification').map((m) => m.method)).toEqual(['a', 'b', 'a']);
  expect(inbox.list('request')).toEqual([]);
});

test('list returns a copy: changing it does not change the inbox', () => {
  const inbox = new Inbox();
  inbox.take(note('a'));
  inbox.list('notification').length = 0;
  expect(inbox.list('notification')).toHaveLength(1);
});

test('clear forgets both kinds', () => {
  const inbox = new Inbox();
  inbox.take(note('a'));
  inbox.take(request(1, 'roots/list'));
  inbox.clear();
  expect([inbox.list('notification'), inbox.list('request')]).toEqual([[], []]);
});

test('keeps the last 1000 of each kind', () => {
  const inbox = new Inbox();
  for (let i = 0; i < 1005; i++) inbox.take(note('n', { i }));
  inbox.take(request(1, 'r'));
  const kept = inbox.list('notification');
  expect(kept).toHaveLength(1000);
  expect([kept[0].params, kept[999].params]).toEqual([{ i: 5 }, { i: 1004 }]);
  expect(inbox.list('request')).toHaveLength(1);
});

test('waitFor resolves at once with a message already received', async () => {
  const inbox = new Inbox();
  inbox.take(note('notifications/progress', { progress: 1 }));
  await expect(inbox.waitFor('notification', 'notifications/progress', { timeout: 50 })).resolves.toMatchObject({
    params: { progress: 1 },
  });
});

test('waitFor resolves when the message arrives later, of the right kind only', async () => {
  const inbox = new Inbox();
  const waiting = inbox.waitFor('notification', 'x', { timeout: 2000 });
  let settled = false;
  void waiting.then(() => (settled = true));
  inbox.take(request(1, 'x')); // a request, not a notification
  inbox.take(note('y'));
  await Promise.resolve();
  expect(settled).toBe(false);
  inbox.take(note('x', { ok: true }));
  await expect(waiting).resolves.toMatchObject({ method: 'x', params: { ok: true } });
});

test('one message resolves every waiter for it', async () => {
  const inbox = new Inbox();
  const both = Promise.all([inbox.waitFor('request', 'elicitation/create'), inbox.waitFor('request', 'elicitation/create')]);
  inbox.take(request(3, 'elicitation/create', { message: 'm' }));
  const [a, b] = await both;
  expect(a).toBe(b);
  expect(a.params).toEqual({ message: 'm' });
});

test('where picks the message, among those received and those to come', async () => {
  const inbox = new Inbox();
  inbox.take(note('log', { level: 'debug' }));
  inbox.take(note('log', { level: 'error', n: 1 }));
  await expect(inbox.waitFor('notification', 'log', { where: (m) => m.params?.level === 'error' })).resolves.toMatchObject({
    params: { n: 1 },
  });
  const later = inbox.waitFor('notification', 'log', { where: (m) => m.params?.level === 'warning', timeout: 2000 });
  inbox.take(note('log', { level: 'info' }));
  inbox.take(note('log', { level: 'warning', n: 2 }));
  await expect(later).resolves.toMatchObject({ params: { n: 2 } });
});

test('a timeout names what was waited for and the methods that did come', async () => {
  const inbox = new Inbox();
  inbox.take(note('a'));
  inbox.take(note('b'));
  inbox.take(note('a'));
  inbox.take(request(1, 'not-listed')); // another kind: not part of the answer
  await expect(inbox.waitFor('notification', 'c', { timeout: 20 })).rejects.toThrow(
    'jest-mcp: no notification "c" from the server within 20 ms (received notifications: a, b)',
  );
  await expect(inbox.waitFor('request', 'roots/list', { timeout: 20, where: () => false })).rejects.toThrow(
    'jest-mcp: no request "roots/list" matching the condition from the server within 20 ms (received requests: not-listed)',
  );
  inbox.clear();
  await expect(inbox.waitFor('request', 'r', { timeout: 10 })).rejects.toThrow('(received requests: none)');
});

test('a waiter that timed out is not resolved later', async () => {
  const inbox = new Inbox();
  const waiting = inbox.waitFor('notification', 'late', { timeout: 10 });
  await expect(waiting).rejects.toThrow(/within 10 ms/);
  // The waiter is gone: a message after the timeout only goes to the list.
  inbox.take(note('late'));
  expect(inbox.list('notification', 'late')).toHaveLength(1);
});

describe('bounded by size as well as count', () => {
  const megabyte = (i: number) => note('notifications/message', { level: 'info', data: `${i}:`.padEnd(1024 * 1024, 'x') });

  test('200 notifications of 1 MB: only the newest ~8 MB are kept, in order', () => {
    const inbox = new Inbox();
    for (let i = 0; i < 200; i++) inbox.take(megabyte(i));
    const kept = inbox.list('notification');
    expect(kept.length).toBeGreaterThanOrEqual(6);
    expect(kept.length).toBeLessThanOrEqual(8);
    expect((kept.at(-1)!.params!.data as string).startsWith('199:')).toBe(true);
    const total = kept.reduce((sum, m) => sum + JSON.stringify(m.params).length, 0);
    expect(total).toBeLessThanOrEqual(MAX_KEPT_BYTES);
  });

  test('the newest message is kept even when it alone is over the bound', () => {
    const inbox = new Inbox();
    inbox.take(note('small'));
    inbox.take(note('huge', { data: 'x'.repeat(MAX_KEPT_BYTES + 10) }));
    expect(inbox.list('notification').map((m) => m.method)).toEqual(['huge']);
  });

  test('a timeout says how many were dropped; clear() starts counting again', async () => {
    const inbox = new Inbox();
    for (let i = 0; i < 10; i++) inbox.take(megabyte(i));
    await expect(inbox.waitFor('notification', 'nope', { timeout: 10 })).rejects.toThrow(
      /received notifications: notifications\/message; \d+ older ones were dropped to keep the inbox within 1000 messages and 8 MB\)/,
    );
    inbox.clear();
    await expect(inbox.waitFor('notification', 'nope', { timeout: 10 })).rejects.toThrow(/\(received notifications: none\)$/);
  });

  test('approximateSize is close to the JSON size', () => {
    const params = { level: 'info', data: { text: 'héllo'.repeat(100), list: [1, true, null, 'x'] } };
    const json = JSON.stringify(params).length;
    expect(Math.abs(approximateSize(params) - json) / json).toBeLessThan(0.1);
  });
});

test('waitFor refuses a timeout Node’s timers cannot hold, instead of failing at once', async () => {
  const inbox = new Inbox();
  await expect(inbox.waitFor('notification', 'x', { timeout: 1e10 })).rejects.toThrow(
    "jest-mcp: waitForNotification's timeout must be 0 to 2147483647 ms, got 10000000000",
  );
  await expect(inbox.waitFor('request', 'x', { timeout: NaN })).rejects.toThrow(
    /waitForRequest's timeout must be 0 to 2147483647 ms, got NaN/,
  );
});
