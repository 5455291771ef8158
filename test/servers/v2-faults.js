'use strict';
// An MCP server on SDK 2.x (@modelcontextprotocol/server) with faults on demand, for the 2.x
// fault e2e tests. Appends "<event> <who> [detail] <ms>" to an events file so tests can see from
// the server's side what arrived and how it was stopped.
//
//   node v2-faults.js http  [--events FILE] [marker]          prints "listening <port>" (127.0.0.1)
//   node v2-faults.js stdio <tag> [--events FILE] [flags] [marker]
//
// HTTP paths (who a request is: its X-Client header, else "anon"):
//   /mcp              Streamable HTTP with sessions (NodeStreamableHTTPServerTransport with a
//                     sessionIdGenerator: the 2025 era, whose session a client ends with DELETE)
//   /hang-delete/mcp  the same, but the session DELETE is never answered
//   /gone-delete/mcp  the same, but the session DELETE gets 404, as from a server that already forgot it
//   /silent/mcp       reads every request and never answers (initialize / server/discover hang)
//   anything else     404
//   events: ignored <who> <rpc method>, initialized <who>, delete <who>, closed <who>
//
// stdio (serveStdio: both eras, the 2025 one and 2026-07-28, from one factory):
//   --silent          read stdin, never answer (initialize / server/discover hang)
//   --ignore-eof      keep running when stdin closes
//   --ignore-sigterm  note SIGTERM and keep running (only SIGKILL ends it)
//   events: start, request <rpc method>, stdin-close, sigterm, exit <code>
//
// Tools: ok → "fine"; crash {code?} → writes "fatal: out of cheese" to stderr and exits with code
// (default 3) before answering; slow {ms} → answers "slept <ms>" after ms, or early when the
// request is cancelled.
// Any other argument is ignored (tests put a marker there to find leftover processes).
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
// The SDK loads only when a server serves: a silent one must note its start (and read stdin)
// at once, not after seconds of module loading on a busy machine.

const [mode, ...argv] = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const flag = (name) => argv.includes(name);
const eventsFile = option('--events');
const note = (...fields) => {
  if (eventsFile) fs.appendFileSync(eventsFile, `${fields.filter((f) => f !== undefined && f !== '').join(' ')} ${Date.now()}\n`);
};

function makeServer(who) {
  const { McpServer } = require('@modelcontextprotocol/server');
  const z = require('zod');
  const server = new McpServer({ name: 'v2-faults', version: '2.0.0' });
  server.registerTool('ok', { description: 'Answers "fine"', inputSchema: z.object({}) }, async () => ({
    content: [{ type: 'text', text: 'fine' }],
  }));
  server.registerTool(
    'crash',
    { description: 'Makes the server exit before answering', inputSchema: z.object({ code: z.number().optional() }) },
    async ({ code = 3 }) => {
      process.stderr.write(`fatal: out of cheese (${who})\n`);
      process.exit(code);
    },
  );
  server.registerTool(
    'slow',
    { description: 'Sleeps ms milliseconds, or until cancelled', inputSchema: z.object({ ms: z.number() }) },
    async ({ ms }, ctx) => {
      note('slow', who, ms);
      const cancelled = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        ctx.mcpReq.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (cancelled) note('cancelled', who, ms);
      return { content: [{ type: 'text', text: `slept ${ms}` }] };
    },
  );
  return server;
}

const { readBody, serveOnLoopback } = require('./http-body');

function serveHttp() {
  const { NodeStreamableHTTPServerTransport } = require('@modelcontextprotocol/node');
  const sessions = new Map(); // session id -> { transport, who }

  async function handle(req, res) {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (!['/mcp', '/hang-delete/mcp', '/gone-delete/mcp', '/silent/mcp'].includes(path))
      return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    const who = req.headers['x-client'] || 'anon';
    const body = req.method === 'POST' ? await readBody(req).catch(() => undefined) : undefined;
    if (path === '/silent/mcp') {
      note('ignored', who, req.method === 'POST' ? body?.method : req.method);
      return; // never answered
    }
    const id = req.headers['mcp-session-id'];
    if (id) {
      const session = sessions.get(id);
      if (!session) return res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown session');
      if (req.method === 'DELETE') {
        note('delete', session.who);
        if (path === '/hang-delete/mcp') return; // never answered
        if (path === '/gone-delete/mcp') return res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown session');
      }
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST') return res.writeHead(405).end();
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => sessions.set(sid, { transport, who }),
      onsessionclosed: (sid) => sessions.delete(sid),
    });
    transport.onclose = () => note('closed', who);
    const server = makeServer(who);
    server.server.oninitialized = () => note('initialized', who);
    await server.connect(transport);
    return transport.handleRequest(req, res, body);
  }

  serveOnLoopback('v2-faults', handle);
}

function serveOverStdio(tag) {
  note('start', tag);
  process.on('exit', (code) => note('exit', tag, code));
  process.on('SIGTERM', () => {
    note('sigterm', tag);
    if (!flag('--ignore-sigterm')) process.exit(0);
  });
  process.stdin.on('end', () => {
    note('stdin-close', tag);
    if (!flag('--ignore-eof')) setTimeout(() => process.exit(0), 50).unref();
  });
  if (flag('--ignore-eof')) setInterval(() => {}, 60_000);

  if (flag('--silent')) {
    // Reads every request (one JSON message per line), answers none.
    let buffered = '';
    process.stdin.on('data', (chunk) => {
      buffered += chunk;
      let at;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        try {
          note('ignored', tag, JSON.parse(line).method);
        } catch {
          note('ignored', tag, 'unparsable');
        }
      }
    });
    return;
  }

  const { serveStdio, StdioServerTransport } = require('@modelcontextprotocol/server/stdio');
  const transport = new StdioServerTransport();
  // Sees every inbound request before serveStdio does.
  let inner;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () =>
      inner &&
      ((message, extra) => {
        if (message && message.method && message.id !== undefined) note('request', tag, message.method);
        return inner(message, extra);
      }),
    set: (fn) => {
      inner = fn;
    },
  });
  serveStdio(() => makeServer(tag), { transport, onerror: (error) => process.stderr.write(`v2-faults: ${error.message}\n`) });
}

if (mode === 'http') serveHttp();
else if (mode === 'stdio' && argv[0] && !argv[0].startsWith('--')) serveOverStdio(argv[0]);
else {
  process.stderr.write(
    'usage: node v2-faults.js http [--events FILE] | stdio <tag> [--events FILE] [--silent] [--ignore-eof] [--ignore-sigterm]\n',
  );
  process.exit(2);
}
