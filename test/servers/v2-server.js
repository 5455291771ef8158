'use strict';
// An MCP server on SDK 2.x (@modelcontextprotocol/server) for the 2.x e2e tests: ONE factory that
// serves both protocol eras, the 2025 one (`legacy`, `initialize`) and 2026-07-28 (`modern`,
// `server/discover` and a per-request envelope).
//
//   node v2-server.js http  [options] [marker]   Streamable HTTP at /mcp on 127.0.0.1; prints "listening <port>"
//   node v2-server.js stdio [options] [marker]   stdio (serveStdio)
//
//   --port N              HTTP port (default 0: any free one)
//   --events FILE         append one line per notable event (else $V2_EVENTS; none: no events)
//   --user NAME=TOKEN     HTTP: a bearer token (repeatable); with any, every request needs one (else 401)
//   --legacy reject       serve the modern era only (HTTP: createMcpHandler's `legacy: 'reject'`;
//                         stdio: serveStdio's `legacy: 'reject'`)
//   --tag NAME            stdio: who this server is in events and `whoami` (default "stdio")
//   --exit-at-start N     stdio: write a fatal error to stderr and exit with N before serving
// Any other argument is ignored (tests put a marker there to find leftover processes).
//
// Over HTTP the legacy era is createMcpHandler's stateless fallback: each legacy request gets a
// fresh instance, so server→client requests (`ask`, `roots`) work in the legacy era only over stdio.
//
// Tools: echo {text} → structuredContent {echoed} (with an outputSchema); whoami → the bearer
// token's user over HTTP ("anon" without users), the tag over stdio; era → ctx.era; slow {ms};
// ask → elicits {name} from the client and returns its answer as JSON {action, content};
// ask-defaults → the same with a form whose fields have defaults (name, age, verified);
// roots → asks for roots/list and returns JSON [uri, …]. Resource template note://{id} (only
// note://n1 exists); prompt greet {name}.
//
// Events ("<event> <who> … <ms>"; who: the user, "anon", "-" for a rejected token, or the tag):
//   request <who> <era> <rpc method> <status> <MCP-Protocol-Version|->  HTTP, per request; era
//                                       from the header (initialize without one: legacy)
//   request <who> <era> <rpc method>    stdio, per request; era from the envelope's version
//   call <who> <tool> <ctx.era>         a tool ran (also read <who> <uri> <era>, prompt <who> <name> <era>)
//   start <tag> <pid>, exit <tag> <pid> stdio process lifecycle
const fs = require('node:fs');
const http = require('node:http');
const {
  McpServer,
  ResourceTemplate,
  ResourceNotFoundError,
  createMcpHandler,
  inputRequired,
  inputResponse,
} = require('@modelcontextprotocol/server');
const z = require('zod');

const [mode, ...argv] = process.argv.slice(2);
const { option, users } = require('./args').readArgs(argv);
const eventsFile = option('--events') ?? process.env.V2_EVENTS;
const note = (...fields) => {
  if (eventsFile)
    fs.appendFileSync(eventsFile, `${fields.map((f) => (f === undefined || f === null || f === '' ? '-' : f)).join(' ')} ${Date.now()}\n`);
};
const legacyPosture = option('--legacy');
if (legacyPosture !== undefined && legacyPosture !== 'reject') {
  process.stderr.write(`v2-server: --legacy takes only "reject", not ${legacyPosture}\n`);
  process.exit(2);
}
const tag = option('--tag') ?? 'stdio';

const ELICIT_SCHEMA = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
// For elicitation.form.applyDefaults (SEP-1034): every field has a default.
const DEFAULTS_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', default: 'John Doe' },
    age: { type: 'integer', default: 30 },
    verified: { type: 'boolean', default: true },
  },
};

/** One server per era and (over HTTP) per request; `who` is the caller. */
function makeServer(ctx, who) {
  const era = ctx.era;
  const server = new McpServer({ name: 'v2-server', version: '2.0.0' });
  const text = (value) => ({ content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) }] });

  server.registerTool(
    'echo',
    {
      description: 'Echoes text back, also as structured content',
      inputSchema: z.object({ text: z.string() }),
      outputSchema: z.object({ echoed: z.string() }),
    },
    async ({ text: said }) => {
      note('call', who, 'echo', era);
      return { content: [{ type: 'text', text: said }], structuredContent: { echoed: said } };
    },
  );

  server.registerTool('whoami', { description: 'The bearer token user (HTTP) or the tag (stdio)', inputSchema: z.object({}) }, async () => {
    note('call', who, 'whoami', era);
    return text(who);
  });

  server.registerTool('era', { description: 'The protocol era of this request', inputSchema: z.object({}) }, async () => {
    note('call', who, 'era', era);
    return text(era);
  });

  server.registerTool(
    'slow',
    { description: 'Sleeps ms milliseconds', inputSchema: z.object({ ms: z.number() }) },
    async ({ ms }, hctx) => {
      note('call', who, 'slow', era);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        hctx.mcpReq.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return text(`slept ${ms}`);
    },
  );

  server.registerTool(
    'ask',
    { description: "Elicits a name; returns the client's answer", inputSchema: z.object({}) },
    async (_args, hctx) => {
      if (era === 'modern') {
        const answer = inputResponse(hctx.mcpReq.inputResponses, 'who');
        if (answer.kind === 'missing') {
          note('call', who, 'ask', era, 'input-required');
          return inputRequired({ inputRequests: { who: inputRequired.elicit({ message: 'Your name?', requestedSchema: ELICIT_SCHEMA }) } });
        }
        note('call', who, 'ask', era, 'answered');
        return text({ action: answer.action, content: answer.content ?? null });
      }
      note('call', who, 'ask', era, 'elicit');
      const answer = await hctx.mcpReq.elicitInput({ mode: 'form', message: 'Your name?', requestedSchema: ELICIT_SCHEMA });
      return text({ action: answer.action, content: answer.content ?? null });
    },
  );

  server.registerTool(
    'ask-defaults',
    { description: "Elicits a form whose fields have defaults; returns the client's answer", inputSchema: z.object({}) },
    async (_args, hctx) => {
      if (era === 'modern') {
        const answer = inputResponse(hctx.mcpReq.inputResponses, 'form');
        if (answer.kind === 'missing')
          return inputRequired({
            inputRequests: { form: inputRequired.elicit({ message: 'Defaults?', requestedSchema: DEFAULTS_SCHEMA }) },
          });
        return text({ action: answer.action, content: answer.content ?? null });
      }
      const answer = await hctx.mcpReq.elicitInput({ mode: 'form', message: 'Defaults?', requestedSchema: DEFAULTS_SCHEMA });
      return text({ action: answer.action, content: answer.content ?? null });
    },
  );

  server.registerTool('roots', { description: "The client's roots, as JSON [uri, …]", inputSchema: z.object({}) }, async (_args, hctx) => {
    if (era === 'modern') {
      const answer = inputResponse(hctx.mcpReq.inputResponses, 'roots');
      if (answer.kind !== 'roots') {
        note('call', who, 'roots', era, 'input-required');
        return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
      }
      note('call', who, 'roots', era, 'answered');
      return text(answer.roots.map((r) => r.uri));
    }
    note('call', who, 'roots', era, 'list');
    const answer = await hctx.mcpReq.send({ method: 'roots/list' });
    return text(answer.roots.map((r) => r.uri));
  });

  server.registerResource(
    'note',
    new ResourceTemplate('note://{id}', { list: undefined }),
    { mimeType: 'text/plain' },
    async (uri, { id }) => {
      note('read', who, uri.href, era);
      if (id !== 'n1') throw new ResourceNotFoundError(uri.href);
      return { contents: [{ uri: uri.href, text: 'first note' }] };
    },
  );

  server.registerPrompt('greet', { description: 'Greets someone', argsSchema: z.object({ name: z.string() }) }, async ({ name }) => {
    note('prompt', who, 'greet', era);
    return { messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }] };
  });

  return server;
}

/** The RPC method(s) of a JSON-RPC body, for events: "tools/call", "notifications/initialized", "response", … */
function rpcOf(body) {
  const one = (m) => m?.method ?? (m && ('result' in m || 'error' in m) ? 'response' : '-');
  return Array.isArray(body) ? body.map(one).join('+') : one(body);
}

function eraOfHeader(version, rpc) {
  if (version === '2026-07-28') return 'modern';
  if (version) return 'legacy';
  if (rpc === 'initialize' || rpc === 'notifications/initialized') return 'legacy';
  return 'none';
}

function serveHttp() {
  const handler = createMcpHandler((ctx) => makeServer(ctx, ctx.authInfo?.clientId ?? 'anon'), {
    ...(legacyPosture && { legacy: legacyPosture }),
    onerror: (error) => process.stderr.write(`v2-server: ${error.message}\n`),
  });
  const { toNodeHandler } = require('@modelcontextprotocol/node');
  const logged = {
    async fetch(request, options) {
      let rpc = request.method;
      if (request.method === 'POST') {
        try {
          rpc = rpcOf(JSON.parse(await request.clone().text()));
        } catch {
          rpc = 'unparsable';
        }
      }
      const version = request.headers.get('mcp-protocol-version');
      const response = await handler.fetch(request, options);
      note('request', options?.authInfo?.clientId ?? 'anon', eraOfHeader(version, rpc), rpc, response.status, version);
      return response;
    },
  };
  const node = toNodeHandler(logged);
  const server = http.createServer((req, res) => {
    if (new URL(req.url, 'http://127.0.0.1').pathname !== '/mcp')
      return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    if (users.size) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = token !== undefined ? users.get(token) : undefined;
      if (!user) {
        note(
          'request',
          '-',
          eraOfHeader(req.headers['mcp-protocol-version'], undefined),
          req.method,
          401,
          req.headers['mcp-protocol-version'],
        );
        return res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"error":"invalid_token"}');
      }
      req.auth = { token, clientId: user, scopes: [] };
    }
    node(req, res).catch((error) => {
      process.stderr.write(`v2-server: request failed: ${error.stack}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(Number(option('--port') ?? 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  const stop = async () => {
    await handler.close().catch(() => {});
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function serveOverStdio() {
  note('start', tag, process.pid);
  let exited = false;
  process.on('exit', (code) => {
    if (exited) return;
    exited = true;
    note('exit', tag, process.pid, code);
  });
  const exitAtStart = option('--exit-at-start');
  if (exitAtStart !== undefined) {
    process.stderr.write(`booting ${tag}\nfatal: V2_DB_URL is not set, cannot start\n`);
    process.exit(Number(exitAtStart));
  }
  process.on('SIGTERM', () => {
    note('sigterm', tag, process.pid);
    process.exit(0);
  });
  const { serveStdio, StdioServerTransport } = require('@modelcontextprotocol/server/stdio');
  // Sees every inbound message before serveStdio does, to log each request's era.
  const transport = new StdioServerTransport();
  let inner;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () => inner && inspect,
    set: (fn) => {
      inner = fn;
    },
  });
  function inspect(message, extra) {
    if (message && message.method && message.id !== undefined) {
      const envelope = message.params?._meta?.['io.modelcontextprotocol/protocolVersion'];
      const era = envelope === '2026-07-28' || message.method === 'server/discover' ? 'modern' : 'legacy';
      note('request', tag, era, message.method);
    }
    return inner(message, extra);
  }
  serveStdio((ctx) => makeServer(ctx, tag), {
    transport,
    ...(legacyPosture && { legacy: legacyPosture }),
    onerror: (error) => process.stderr.write(`v2-server: ${error.message}\n`),
  });
  // The SDK transport ends the connection on stdin EOF; nothing else keeps the process up.
  process.stdin.on('end', () => {
    note('stdin-close', tag, process.pid);
    setTimeout(() => process.exit(0), 50).unref();
  });
}

if (mode === 'http') serveHttp();
else if (mode === 'stdio') serveOverStdio();
else {
  process.stderr.write('usage: node v2-server.js http|stdio [--events FILE] [--user NAME=TOKEN] [--legacy reject] [--tag NAME] [marker]\n');
  process.exit(2);
}
