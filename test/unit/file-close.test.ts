import { closeEach, forFileResult, mergeCloseErrors } from '../../src/session/file-close';
import { McpTeardownError } from '../../src/util/errors';

/** Closing a test file: every step runs, every failure is kept, as one error naming every client. */

test('every step runs, whatever the earlier ones did; the failures become one error naming every client', async () => {
  const ran: string[] = [];
  const problem = await closeEach([
    () => {
      ran.push('per-test');
      throw new McpTeardownError('jest-mcp: 1 MCP client(s) did not close cleanly:\n  - client "a" …', ['a']);
    },
    async () => {
      ran.push('opened by tests');
    },
    async () => {
      ran.push('file');
      throw new McpTeardownError('jest-mcp: 1 MCP client(s) did not close cleanly:\n  - client "b" …', ['b']);
    },
    () => {
      ran.push('temp dir');
      throw new Error('could not remove');
    },
  ]);
  expect(ran).toEqual(['per-test', 'opened by tests', 'file', 'temp dir']);
  expect(problem).toBeInstanceOf(McpTeardownError);
  expect((problem as McpTeardownError).clients).toEqual(['a', 'b']);
  expect(problem!.message.split('\n')).toEqual([
    'jest-mcp: 1 MCP client(s) did not close cleanly:',
    '  - client "a" …',
    'jest-mcp: 1 MCP client(s) did not close cleanly:',
    '  - client "b" …',
    'could not remove',
  ]);
});

test('nothing failed: nothing to report; one failure is reported as it is', async () => {
  expect(await closeEach([() => undefined, async () => undefined])).toBeUndefined();
  const one = new Error('one');
  expect(mergeCloseErrors([one])).toBe(one);
});

test("for the file's result: the first line as the message, the whole text in the stack", () => {
  const error = forFileResult(new McpTeardownError('jest-mcp: 2 MCP client(s) did not close cleanly:\n  - a\n  - b', ['a', 'b']));
  expect(error.message).toBe('jest-mcp: 2 MCP client(s) did not close cleanly:');
  expect(error.stack).toBe('McpTeardownError: jest-mcp: 2 MCP client(s) did not close cleanly:\n  - a\n  - b');
});
