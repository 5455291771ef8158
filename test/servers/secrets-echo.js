'use strict';
// A careless MCP server for the secrets canary: it echoes every credential it was given, in its
// results, on stderr, in its crash output and in its log (stdout/stderr). Listens on 127.0.0.1 only.
//
//   node secrets-echo.js http  --port N [marker]   Streamable HTTP (stateless) at any path ending
//                                                  in /mcp; other paths get 404. Logs each request's
//                                                  Authorization and X-Api-Key to stderr.
//   node secrets-echo.js stdio [marker]
//
// What it was given: its arguments, and every environment variable whose name starts with CANARY_.
// Tools:
//   echo {text}    the text
//   given          "args=<argv> env=<CANARY_ values>" and, over HTTP, "authorization=… x-api-key=…"
//   long           560 characters of padding, then what `given` says (a trace line is cut at 600)
//   shout          writes what it was given to stderr: plain, at column 492 of a 600-character
//                  line, and JSON-escaped; returns "shouted"
//   crash          writes what it was given to stderr and exits with code 3
// Any other argument is ignored (tests put a marker there to find leftover processes).
const http = require('node:http');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');

const [mode, ...argv] = process.argv.slice(2);
const canaryEnv = () =>
  Object.entries(process.env)
    .filter(([k]) => k.startsWith('CANARY_'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
const given = (headers) =>
  `args=${argv.join(' ')} env=${canaryEnv()}` +
  (headers ? ` authorization=${headers.authorization ?? '-'} x-api-key=${headers['x-api-key'] ?? '-'}` : '');

function newServer(headersOf) {
  const server = new McpServer({ name: 'secrets-echo', version: '1.0.0' });
  const text = (t) => ({ content: [{ type: 'text', text: t }] });
  server.tool('echo', { text: z.string() }, async ({ text: t }) => text(t));
  server.tool('given', async (extra) => text(given(headersOf(extra))));
  server.tool('long', async (extra) => text(`${'x'.repeat(560)} ${given(headersOf(extra))}`));
  server.tool('shout', async (extra) => {
    const all = given(headersOf(extra));
    process.stderr.write(`shout: ${all}\n${'p'.repeat(491)}${all}\njson: ${JSON.stringify({ all })}\n`);
    return text('shouted');
  });
  server.tool('crash', async (extra) => {
    process.stderr.write(`fatal: cannot go on with ${given(headersOf(extra))}\n`);
    process.exit(3);
  });
  return server;
}

process.stdout.write(`secrets-echo ${mode} starting with ${given()}\n`);

if (mode === 'stdio') {
  const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
  process.stderr.write(`secrets-echo stdio given ${given()}\n`);
  newServer(() => undefined).connect(new StdioServerTransport());
} else {
  const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const port = Number(argv[argv.indexOf('--port') + 1]);
  http
    .createServer(async (req, res) => {
      process.stderr.write(
        `request ${req.method} ${req.url} authorization=${req.headers.authorization} x-api-key=${req.headers['x-api-key']}\n`,
      );
      if (!new URL(req.url, 'http://x').pathname.endsWith('/mcp')) return res.writeHead(404).end('no MCP endpoint here');
      // Stateless: a server and transport per request, so no session state to keep.
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const server = newServer(() => req.headers);
      res.on('close', () => {
        transport.close();
        server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    })
    .listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
  process.on('SIGTERM', () => process.exit(0));
}
