'use strict';
// A stdio MCP server for the edge cases (test/e2e/edges*.test.ts). Tools:
//   flood { count, bytes }       sends `count` logging notifications of about `bytes` bytes each
//   half-line { then }           writes `{"jsonrpc":"2.0",` to stdout with no newline, then
//                                `exit` (exits 0) or `stay` (stays up, reads and writes nothing more)
//   log-line { text, answer }    writes `text` as a line to stdout (a server logging to stdout;
//                                `$TOKEN` becomes $EDGES_TOKEN), then answers or never does
//   pretty                       writes a message pretty-printed over lines, never answers
//   texts { parts }              a result with one text item per part
//   json { value, structured }   the value as JSON text, and as structuredContent if `structured`
//   image                        a result with only an image item
// Usage: node edges-stdio.js [marker]
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');

const server = new McpServer({ name: 'edges-stdio', version: '1.0.0' }, { capabilities: { logging: {} } });

server.tool('flood', { count: z.number(), bytes: z.number() }, async ({ count, bytes }) => {
  for (let i = 0; i < count; i++) {
    // Each its own string, as a real server's messages are.
    await server.server.sendLoggingMessage({ level: 'info', data: `${i}:`.padEnd(bytes, String.fromCharCode(97 + (i % 26))) });
  }
  return { content: [{ type: 'text', text: `sent ${count}` }] };
});

server.tool('half-line', { then: z.enum(['exit', 'stay']) }, async ({ then }) => {
  process.stdout.write('{"jsonrpc":"2.0",', () => {
    if (then === 'exit') process.exit(0);
    // Stays up and reads nothing more: no later answer can end the line.
    process.stdin.pause();
    setInterval(() => {}, 60_000);
  });
  return new Promise(() => {}); // never answers: the half line is all the client gets
});

server.tool('log-line', { text: z.string(), answer: z.boolean() }, async ({ text, answer }) => {
  process.stdout.write(`${text.replace('$TOKEN', process.env.EDGES_TOKEN ?? '')}\n`);
  return answer ? { content: [{ type: 'text', text: 'logged' }] } : new Promise(() => {});
});

server.tool('pretty', {}, async () => {
  // A message pretty-printed over lines: no line of it is a message.
  process.stdout.write(
    `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } }, null, 2)}\n`,
  );
  return new Promise(() => {});
});

server.tool('texts', { parts: z.array(z.string()) }, async ({ parts }) => ({
  content: parts.map((text) => ({ type: 'text', text })),
}));

server.tool('json', { value: z.any(), structured: z.boolean().optional() }, async ({ value, structured }) => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(structured ? { structuredContent: { value } } : {}),
}));

server.tool('image', {}, async () => ({
  content: [{ type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' }],
}));

server.connect(new StdioServerTransport());
