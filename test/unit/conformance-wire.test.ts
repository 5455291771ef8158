import { rawRequest } from '../../src/conformance/wire';

/**
 * How an answer is classified: the server's result, the server's JSON-RPC error (with 1.x's
 * "MCP error <code>: " prefix taken off), or no answer at all (a client-side timeout or a closed
 * connection, which 1.x also reports with a JSON-RPC-looking code).
 */

const rejecting = (error: unknown) => ({ request: () => Promise.reject(error) });

test('a result, and the schema handed to request() accepts anything in both SDK generations', async () => {
  let schema: { safeParse(v: unknown): unknown; '~standard': { validate(v: unknown): unknown } } | undefined;
  const client = {
    request: (_r: unknown, s: unknown) => {
      schema = s as typeof schema;
      return Promise.resolve({ tools: [] });
    },
  };
  expect(await rawRequest(client, 'tools/list', undefined, 100)).toEqual({ kind: 'result', result: { tools: [] } });
  expect(schema?.safeParse({ any: 1 })).toEqual({ success: true, data: { any: 1 } });
  expect(schema?.['~standard'].validate('x')).toEqual({ value: 'x' });
});

test("the server's errors keep their code and lose 1.x's prefix", async () => {
  expect(await rawRequest(rejecting({ code: -32601, message: 'MCP error -32601: Method not found' }), 'x/y', undefined, 100)).toEqual({
    kind: 'error',
    code: -32601,
    message: 'Method not found',
  });
});

test('timeouts, closed connections and codeless errors are no answer', async () => {
  expect(await rawRequest(rejecting({ code: -32001, message: 'MCP error -32001: Request timed out' }), 'x', undefined, 100)).toMatchObject({
    kind: 'failed',
  });
  expect(await rawRequest(rejecting({ code: -32000, message: 'MCP error -32000: Connection closed' }), 'x', undefined, 100)).toMatchObject({
    kind: 'failed',
  });
  expect(await rawRequest(rejecting(new Error('socket hang up')), 'x', undefined, 100)).toEqual({
    kind: 'failed',
    message: 'socket hang up',
  });
  // A server may use -32000 for its own errors: only "Connection closed" is the client's.
  expect(await rawRequest(rejecting({ code: -32000, message: 'quota exceeded' }), 'x', undefined, 100)).toMatchObject({
    kind: 'error',
    code: -32000,
  });
});

test("a JSON-RPC error sent as the body of an HTTP error status is the server's answer", async () => {
  // The 2.x client's HTTP error for a 2026-07-28 server that answers an unknown method with HTTP 404.
  const httpError = Object.assign(new Error('Error POSTing to endpoint: …'), {
    code: 'ClientHttpNotImplemented',
    data: { status: 404, statusText: 'Not Found', text: '{"jsonrpc":"2.0","id":21,"error":{"code":-32601,"message":"Method not found"}}' },
  });
  expect(await rawRequest(rejecting(httpError), 'x/y', undefined, 100)).toEqual({
    kind: 'error',
    code: -32601,
    message: 'Method not found (sent with HTTP status 404)',
  });
  // A body that is no JSON-RPC error is still no answer.
  const plain = Object.assign(new Error('Error POSTing to endpoint: bad gateway'), { data: { status: 502, text: '<html>' } });
  expect(await rawRequest(rejecting(plain), 'x/y', undefined, 100)).toMatchObject({ kind: 'failed' });
});
