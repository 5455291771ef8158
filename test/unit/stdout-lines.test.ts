import { loadSdk } from '../../src/sdk';
import type { StdioFraming, WireMessage } from '../../src/sdk';
import { MAX_LINE_BYTES, StdoutLines } from '../../src/transports/stdout-lines';

/** A stdio server's stdout, read line by line with each SDK generation's own framing. */

describe.each(['v1', 'v2'] as const)('SDK %s framing', (generation) => {
  let framing: StdioFraming;
  beforeAll(async () => {
    framing = await loadSdk(generation).stdioFraming();
  });

  function reader() {
    const messages: WireMessage[] = [];
    const problems: string[] = [];
    const lines = new StdoutLines(
      framing,
      (m) => messages.push(m),
      (p) => problems.push(p),
    );
    return { lines, messages, problems };
  }

  test('messages split anywhere across chunks, several in one chunk, blank lines skipped', () => {
    const { lines, messages, problems } = reader();
    const text = '{"jsonrpc":"2.0","id":1,"result":{}}\n\n{"jsonrpc":"2.0","method":"x"}\r\n{"jsonrpc":"2.0","id":2,"result":{"a":1}}\n';
    for (let i = 0; i < text.length; i += 7) lines.push(Buffer.from(text.slice(i, i + 7)));
    expect(messages).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', method: 'x' },
      { jsonrpc: '2.0', id: 2, result: { a: 1 } },
    ]);
    expect(problems).toEqual([]);
    expect(lines.note(false)).toBeUndefined();
  });

  test('log lines (text, or JSON without jsonrpc) are read past, and counted with the first one shown', () => {
    const { lines, messages, problems } = reader();
    lines.push(Buffer.from('Server listening on stdio\n{"level":"info","msg":"ready"}\n{"jsonrpc":"2.0","id":1,"result":{}}\n'));
    expect(problems).toEqual([]);
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    expect(lines.note(false)).toBe(
      'It wrote 2 lines to stdout that are not MCP messages (read past; logs belong on stderr), the first: "Server listening on stdio".',
    );
  });

  test('a message cut short or broken over lines: one problem naming the line, and nothing read after it', () => {
    const { lines, messages, problems } = reader();
    lines.push(Buffer.from('{\n  "jsonrpc": "2.0",\n  "id": 1,\n  "result": {}\n}\n{"jsonrpc":"2.0","id":2,"result":{}}\n'));
    expect(problems).toEqual([
      'the server wrote a line to stdout that is not complete JSON (a message cut short, or broken over lines): "{". ' +
        'A stdio MCP server writes each message as one line of JSON, and only MCP messages to stdout',
    ]);
    expect(messages).toEqual([]);
    lines.push(Buffer.from('{"jsonrpc":"2.0","id":3,"result":{}}\n'));
    expect([problems.length, messages.length]).toEqual([1, 0]);
    expect(lines.note(false)).toBe(`It could not be read further: ${problems[0]}.`);
  });

  test('JSON with jsonrpc but not the shape of a message, shown only in part', () => {
    const { lines, problems } = reader();
    lines.push(Buffer.from(`{"jsonrpc":"2.0","id":{"x":1},"hello":"${'x'.repeat(500)}"}\n`));
    expect(problems).toEqual([
      expect.stringMatching(
        /^the server wrote a line to stdout that is not a valid JSON-RPC message \(.+\): "\{\\"jsonrpc\\":\\"2\.0\\",.*x…"\. /,
      ),
    ]);
  });

  test('an unfinished line: named while the server runs, and as unfinished once it exited', () => {
    const { lines, messages } = reader();
    lines.push(Buffer.from('{"jsonrpc":"2.0","id":1,"result":{}}\n{"jsonrpc":"2.0",'));
    expect(messages).toHaveLength(1);
    expect(lines.note(false)).toBe(
      'It has written 17 bytes of a line on stdout with no newline yet: "{\\"jsonrpc\\":\\"2.0\\","; a message is only read once its line ends.',
    );
    expect(lines.note(true)).toBe(
      'It exited leaving 17 bytes of a line on stdout with no newline: "{\\"jsonrpc\\":\\"2.0\\"," (an unfinished message).',
    );
    lines.push(Buffer.from('"id":2,"result":{}}\n'));
    expect(messages).toHaveLength(2);
    expect(lines.note(true)).toBeUndefined();
  });

  test('a line longer than the SDK reads is a problem, not an exception in a stream handler', () => {
    const { lines, problems } = reader();
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    expect(() => {
      for (let i = 0; i <= MAX_LINE_BYTES / chunk.length; i++) lines.push(chunk);
    }).not.toThrow();
    expect(problems).toEqual([expect.stringMatching(/^the server wrote more than 10 MB to stdout without a newline, starting "a{120}…"$/)]);
  });
});
