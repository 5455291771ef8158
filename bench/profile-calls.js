#!/usr/bin/env node
'use strict';
/**
 * Where the time of a callTool goes, outside Jest: N sequential `echo` calls over stdio (or
 * Streamable HTTP with --http) through the raw SDK client and through jest-mcp's own pieces
 * (SessionOwner with and without traces, then the test-realm bridge on top), for each SDK
 * generation and era of BENCH_SDK (see sdks.js). Medians of --rounds, every variant of every
 * SDK interleaved, the order rotating each round; each `x` is against the raw client of the same SDK.
 *
 *   node bench/profile-calls.js [--calls 1000] [--rounds 5] [--http]
 *
 * With --http it starts each generation's HTTP fixture server on 127.0.0.1 and stops it at the
 * end. Needs `npm run build` first.
 */
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { REPO, freePort, median, processesWith, startServer } = require('./lib');
const { SERVERS, httpServerArgs, rawClasses, selectedSdks, withProtocol } = require('./sdks');

const { assertMcpOptions } = require(path.join(REPO, 'dist/config/validate.js'));
const { resolvePlan } = require(path.join(REPO, 'dist/config/plan.js'));
const { SessionOwner } = require(path.join(REPO, 'dist/session/owner.js'));
const { bridgeClient } = require(path.join(REPO, 'dist/realm/client-proxy.js'));
const { loadSdk } = require(path.join(REPO, 'dist/sdk/index.js'));

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const CALLS = Number(opt('--calls', 1000));
const ROUNDS = Number(opt('--rounds', 5));
const HTTP = argv.includes('--http');
const MARKER = `jmcp-profile-${process.pid}-${Date.now()}`;
const SDKS = selectedSdks();
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Where each generation's client connects: a URL once the HTTP servers run, else a stdio command. */
const endpoints = {};
const clientConfig = (s) => withProtocol(s, endpoints[s.sdk]);

async function raw(s) {
  const sdk = rawClasses(s);
  const config = clientConfig(s);
  const transport = config.url ? new sdk.Http(new URL(config.url)) : new sdk.Stdio({ command: config.command, args: config.args });
  const client = sdk.newClient();
  await client.connect(transport);
  return {
    client,
    close: async () => {
      await transport.terminateSession?.();
      await client.close();
    },
  };
}

async function owned(s, trace, bridged) {
  const options = { clients: { x: clientConfig(s) }, envFile: false };
  assertMcpOptions(options);
  const plan = resolvePlan(options, { rootDir: REPO, servers: {} });
  const sdk = loadSdk(s.sdk);
  const owner = new SessionOwner(plan.redactor, { sdk: () => sdk, trace, rootDir: REPO });
  await owner.openAll(plan.clients);
  const entry = owner.entries()[0];
  return { client: bridged ? bridgeClient(entry) : entry.client, close: () => owner.closeAll() };
}

const KINDS = {
  'raw SDK client': raw,
  'SessionOwner, traces off': (s) => owned(s, false, false),
  'SessionOwner, traces on': (s) => owned(s, true, false),
  'SessionOwner + bridge (as mcpClients)': (s) => owned(s, true, true),
};

async function time(open, s) {
  const { client, close } = await open(s);
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

async function main() {
  const servers = [];
  try {
    for (const gen of new Set(SDKS.map((s) => s.sdk))) {
      if (HTTP) {
        const server = await startServer(SERVERS[gen].http, httpServerArgs(gen, await freePort(), MARKER));
        servers.push(server.child);
        endpoints[gen] = { url: `http://127.0.0.1:${server.port}/mcp` };
      } else {
        endpoints[gen] = { command: process.execPath, args: [...SERVERS[gen].stdio, MARKER] };
      }
    }
    const variants = SDKS.flatMap((s) => Object.keys(KINDS).map((kind) => ({ s, kind, name: `${s.label}: ${kind}` })));
    const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
    console.log(`load at the start ${loadavg()}`);
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(i + r) % variants.length];
        samples[v.name].push(await time(KINDS[v.kind], v.s));
      }
    }
    console.log(
      `${CALLS} callTool over ${HTTP ? 'streamable HTTP' : 'stdio'}, median of ${ROUNDS} (outside Jest), load at the end ${loadavg()}:`,
    );
    for (const { s, name } of variants) {
      const base = median(samples[`${s.label}: raw SDK client`]);
      const m = median(samples[name]);
      console.log(
        `  ${name.padEnd(56)} ${m.toFixed(0).padStart(6)} ms  ${((m / CALLS) * 1000).toFixed(0).padStart(5)} µs/call  x${(m / base).toFixed(2)}`,
      );
    }
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    await Promise.all(servers.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  }
  const left = processesWith(MARKER);
  if (left.length) throw new Error(`server process(es) left behind:\n  ${left.join('\n  ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
