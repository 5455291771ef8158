#!/usr/bin/env node
'use strict';
/**
 * Connect (transport + MCP initialize) and close (session end, transport close, server process
 * stopped) times of one jest-mcp client, per transport, through the same session owner the test
 * environment uses. Medians of several rounds, after one warm-up round each.
 *
 *   node bench/connect-close.js [--rounds 15]      (needs `npm run build`)
 */
const path = require('node:path');
const { resolvePlan } = require('../dist/config.js');
const { SessionOwner } = require('../dist/session-owner.js');
const { REPO, median, startServer } = require('./lib');

const argv = process.argv.slice(2);
const ROUNDS = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 15;

async function measure(client) {
  const plan = resolvePlan({ clients: { c: client }, envFile: false }, { rootDir: REPO, selected: undefined });
  const owner = new SessionOwner(plan.redactor, { trace: false, rootDir: REPO });
  const t0 = performance.now();
  await owner.openAll(plan.clients);
  const t1 = performance.now();
  await owner.entries()[0].client.ping();
  const t2 = performance.now();
  await owner.closeAll();
  const t3 = performance.now();
  return { connect: t1 - t0, close: t3 - t2 };
}

/** The same with the raw SDK client and transport, for comparison. */
async function measureRaw(client) {
  const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
  let transport;
  if (client.command) {
    const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
    transport = new StdioClientTransport({ command: client.command, args: client.args, stderr: 'pipe' });
  } else if (client.transport === 'sse') {
    const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
    transport = new SSEClientTransport(new URL(client.url));
  } else {
    const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
    transport = new StreamableHTTPClientTransport(new URL(client.url));
  }
  const sdk = new Client({ name: 'bench', version: '1.0.0' });
  const t0 = performance.now();
  await sdk.connect(transport);
  const t1 = performance.now();
  await sdk.ping();
  const t2 = performance.now();
  await transport.terminateSession?.();
  await sdk.close();
  const t3 = performance.now();
  return { connect: t1 - t0, close: t3 - t2 };
}

(async () => {
  const { child, port } = await startServer(path.join(REPO, 'test/servers/core-http.js'), ['--port', '0']);
  const transports = {
    'streamable-http': { url: `http://127.0.0.1:${port}/mcp` },
    sse: { url: `http://127.0.0.1:${port}/sse`, transport: 'sse' },
    stdio: { command: process.execPath, args: [path.join(REPO, 'bench/servers/echo-stdio.js')] },
  };
  console.log(`connect-close: ${ROUNDS} rounds per transport (median), node ${process.version}, ${require('node:os').cpus().length} cpus`);
  try {
    for (const [name, client] of Object.entries(transports)) {
      // Warm-ups load the SDK modules of this transport; then both, interleaved, round by round.
      await measure(client);
      await measureRaw(client);
      const ours = [];
      const raw = [];
      for (let i = 0; i < ROUNDS; i++) {
        ours.push(await measure(client));
        raw.push(await measureRaw(client));
      }
      const m = (runs, key) => median(runs.map((r) => r[key])).toFixed(1);
      console.log(
        `${name.padEnd(16)} jest-mcp connect ${m(ours, 'connect')} ms, close ${m(ours, 'close')} ms; ` +
          `raw SDK connect ${m(raw, 'connect')} ms, close ${m(raw, 'close')} ms`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
