import { format } from 'pretty-format';
import { createClients } from '../../src/realm/client-proxy';
import type { OpenClient } from '../../src/session/owner';

/** `mcpClients` with a misspelt name: a hint, without disturbing anything that inspects the object. */

function clientsNamed(names: string[], configured: string[] = names): Record<string, unknown> {
  return createClients(
    names.map((name) => ({ name, client: { ping: () => Promise.resolve({}) }, inbox: {} }) as unknown as OpenClient),
    configured,
  );
}

test('a name close to a client of the file says which was meant', () => {
  const clients = clientsNamed(['alice', 'bob']);
  expect(() => clients.alcie).toThrow(
    'jest-mcp: mcpClients.alcie is not a client of this test file. Did you mean "alice"? Its clients: alice, bob.',
  );
  expect(() => clients.Bob).toThrow(/Did you mean "bob"\?/);
});

test('anything else reads as on a plain object', async () => {
  const clients = clientsNamed(['alice', 'bob']);
  expect(clients.carol_is_not_there).toBeUndefined();
  expect('alice' in clients).toBe(true);
  expect('alcie' in clients).toBe(false);
  expect(Object.keys(clients)).toEqual(['alice', 'bob']);
  for (const probed of ['then', 'toJSON', 'asymmetricMatch', '$$typeof', '@@__IMMUTABLE_ITERABLE__@@', 'nodeType', '_isMockFunction']) {
    expect(clients[probed]).toBeUndefined();
  }
  expect((clients as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
  expect(clients.hasOwnProperty).toBe(Object.prototype.hasOwnProperty);
  expect(await Promise.resolve(clients)).toBe(clients);
  expect(format(clients)).toBe('Object {\n  "alice": McpClient {},\n  "bob": McpClient {},\n}');
  expect(clients).toEqual({ alice: expect.anything(), bob: expect.anything() });
});

test('a client the file left out (@mcp-clients), or a name too short to tell, is no typo', () => {
  const clients = clientsNamed(['alice', 'c'], ['alice', 'alicia', 'b', 'c']);
  expect(clients.alicia).toBeUndefined();
  expect(clients.b).toBeUndefined();
  expect(clients.d).toBeUndefined();
});

test("the error's stack starts at the line that misspelt the name", () => {
  const clients = clientsNamed(['alice']);
  let stack = '';
  try {
    void clients.alcie;
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  expect(stack.split('\n')[1]).toMatch(/client-typos\.test\.ts/);
});
