import type { OpenClient } from '../../src/session/owner';
import { explainCallError } from '../../src/realm/explain-call';

/** Only `name` and `lost` matter to explainCallError; the rest of an OpenClient is not read. */
const open = (lost?: string) => ({ name: 'notes', lost: () => lost }) as unknown as OpenClient;
/**
 * The proxy hands explainCallError errors that went through toTestError, which copies `stack` as
 * a string. V8 formats an unread stack lazily, with the message at the time of reading, so an
 * unread stack here would already show the rewritten message: read it first, as in the real path.
 */
function withCode(code: number, message: string): Error & { code: number } {
  const error = Object.assign(new Error(message), { code });
  error.stack = String(error.stack);
  return error;
}

test('a lost connection: the message says which client and why, in message and stack', () => {
  const error = withCode(-32000, 'Connection closed');
  const result = explainCallError(error, open('the server exited with code 3')) as Error;
  expect(result).toBe(error);
  const expected =
    'Connection closed (mcpClients.notes lost its connection to the server; calls after this fail the same way)\n  the server exited with code 3';
  expect(result.message).toBe(expected);
  expect(result.stack).toMatch(new RegExp(`^Error: ${expected.replace(/[()]/g, '\\$&')}\\n\\s+at `));
});

test('"Not connected" without a code is the same case', () => {
  const error = withCode(0, 'Not connected');
  delete (error as { code?: number }).code;
  explainCallError(error, open('killed by SIGTERM'));
  expect(error.message).toBe(
    'Not connected (mcpClients.notes lost its connection to the server; calls after this fail the same way)\n  killed by SIGTERM',
  );
});

test('while the connection is open, -32000 is left as it is', () => {
  const error = withCode(-32000, 'Connection closed');
  explainCallError(error, open(undefined));
  expect(error.message).toBe('Connection closed');
});

test('a 404 for the session of a Streamable HTTP client says the server forgot the session', () => {
  const error = withCode(404, 'Streamable HTTP error: Error POSTing to endpoint: Session not found');
  explainCallError(error, open(undefined));
  expect(error.message).toBe(
    'Streamable HTTP error: Error POSTing to endpoint: Session not found\n' +
      '  mcpClients.notes: the server answered HTTP 404 for this session: it no longer knows it (it restarted, or expired the session). ' +
      'jest-mcp opens one session per test file and does not reconnect behind your back. ' +
      "Make the server keep sessions for the length of a test file, or give this client session: 'test' (a fresh session per test).",
  );
});

test('other errors, no client, or a non-object are returned untouched', () => {
  const other = withCode(404, 'Not found (a resource)');
  expect(explainCallError(other, open('gone'))).toBe(other);
  expect(other.message).toBe('Not found (a resource)');
  const lost = withCode(-32000, 'Connection closed');
  expect(explainCallError(lost)).toBe(lost);
  expect(lost.message).toBe('Connection closed');
  expect(explainCallError('text', open('gone'))).toBe('text');
  expect(explainCallError(null, open('gone'))).toBeNull();
});

// Regression test: the stack is rewritten with String.prototype.replace and a string replacement, so `$$`,
// `$&`, `` $` `` and `$'` in the reason (it quotes the server's stderr) are expanded: the stack Jest
// prints then differs from the message.
test('a reason containing "$$" appears the same in the stack as in the message', () => {
  const error = withCode(-32000, 'Connection closed');
  explainCallError(error, open('stderr: PID $$ exited'));
  expect(error.message).toContain('PID $$ exited');
  expect(error.stack).toContain('PID $$ exited');
});

test('a request timeout while a stdio line is left unfinished names the line', () => {
  const withNote = {
    name: 'notes',
    lost: () => undefined,
    note: () => 'It has written 17 bytes of a line on stdout with no newline yet: "{"',
  };
  const v1 = withCode(-32001, 'MCP error -32001: Request timed out');
  explainCallError(v1, withNote as unknown as OpenClient);
  expect(v1.message).toBe(
    'MCP error -32001: Request timed out\n  mcpClients.notes: It has written 17 bytes of a line on stdout with no newline yet: "{"',
  );
  const v2 = Object.assign(new Error('Request timed out'), { code: 'REQUEST_TIMEOUT' });
  explainCallError(v2, withNote as unknown as OpenClient);
  expect(v2.message).toMatch(/^Request timed out\n {2}mcpClients\.notes: It has written 17 bytes/);
  const plain = withCode(-32001, 'MCP error -32001: Request timed out');
  explainCallError(plain, open(undefined));
  expect(plain.message).toBe('MCP error -32001: Request timed out');
});
