#!/usr/bin/env node
'use strict';
/**
 * Where the time of a callTool goes, outside Jest: N sequential `echo` calls over stdio (or
 * HTTP with --url) through the raw SDK client and through jest-mcp's own pieces (SessionOwner with
 * and without traces, then the test-realm bridge on top). Medians of --rounds, variants interleaved.
 *
 *   node bench/profile-calls.js [--calls 1000] [--rounds 5] [--url http://127.0.0.1:N/mcp]
 *
 * Needs `npm run build` first.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { REPO, median } = require('./lib');

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const CALLS = Number(opt('--calls', 1000));
const ROUNDS = Number(opt('--rounds', 5));
const URL_ = opt('--url');
const SERVER = path.join(__dirname, 'servers', 'echo-stdio.js');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { resolvePlan } = require(path.join(REPO, 'dist/config.js'));
const { SessionOwner } = require(path.join(REPO, 'dist/session-owner.js'));
const { bridgeClient } = require(path.join(REPO, 'dist/bridge.js'));

const clientConfig = URL_ ? { url: URL_ } : { command: process.execPath, args: [SERVER] };

async function raw() {
  const transport = URL_
    ? new StreamableHTTPClientTransport(new URL(URL_))
    : new StdioClientTransport({ command: process.execPath, args: [SERVER] });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    close: async () => {
      if (URL_) await transport.terminateSession();
      await client.close();
    },
  };
}

async function owned(trace, bridged) {
  const plan = resolvePlan({ clients: { x: clientConfig } }, { rootDir: REPO });
  const owner = new SessionOwner(plan.redactor, { trace, rootDir: REPO });
  await owner.openAll(plan.clients);
  const entry = owner.entries()[0];
  return { client: bridged ? bridgeClient(entry) : entry.client, close: () => owner.closeAll() };
}

const variants = {
  'raw SDK client': raw,
  'SessionOwner, traces off': () => owned(false, false),
  'SessionOwner, traces on': () => owned(true, false),
  'SessionOwner + bridge (as mcpClients)': () => owned(true, true),
};

async function time(open) {
  const { client, close } = await open();
  const call = async (i) => {
    const r = await client.callTool({ name: 'echo', arguments: { text: 'x' + i } });
    if (r.content[0].text !== 'x' + i) throw new Error('wrong echo');
  };
  for (let i = 0; i < 50; i++) await call(i);
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await call(i);
  const ms = performance.now() - t0;
  await close();
  return ms;
}

(async () => {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const names = Object.keys(variants);
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      samples[name].push(await time(variants[name]));
    }
  }
  const base = median(samples['raw SDK client']);
  console.log(`${CALLS} callTool over ${URL_ ? 'streamable HTTP' : 'stdio'}, median of ${ROUNDS} (outside Jest):`);
  for (const name of names) {
    const m = median(samples[name]);
    console.log(
      `  ${name.padEnd(40)} ${m.toFixed(0).padStart(6)} ms  ${((m / CALLS) * 1000).toFixed(0).padStart(5)} µs/call  x${(m / base).toFixed(2)}`,
    );
  }
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
