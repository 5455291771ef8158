#!/usr/bin/env node
'use strict';
/**
 * Connect (transport + the era's handshake) and close (session end, transport close, server
 * process stopped) times of one jest-mcp client, per transport and per SDK generation and era
 * (BENCH_SDK, see sdks.js), through the same session owner the test environment uses, next to
 * a raw SDK client of the same generation. Medians of several rounds, after one warm-up each.
 *
 *   node bench/connect-close.js [--rounds 15]      (needs `npm run build`)
 *   BENCH_SDK=v2:legacy node bench/connect-close.js
 */
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { REPO, median, processesWith, startServer } = require('./lib');
const { SERVERS, httpServerArgs, rawClasses, selectedSdks, withProtocol } = require('./sdks');

const { assertMcpOptions } = require(path.join(REPO, 'dist/config/validate.js'));
const { resolvePlan } = require(path.join(REPO, 'dist/config/plan.js'));
const { SessionOwner } = require(path.join(REPO, 'dist/session/owner.js'));
const { loadSdk } = require(path.join(REPO, 'dist/sdk/index.js'));

const argv = process.argv.slice(2);
const ROUNDS = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 15;
const MARKER = `jmcp-connect-${process.pid}-${Date.now()}`;
const SDKS = selectedSdks();

/** 1.x resets nothing, but 2.x forgets the era on close(), so it is read while still connected. */
function checkEra(s, era) {
  const expected = s.protocol === 'legacy' ? 'legacy' : 'modern';
  if (s.sdk === 'v2' && era !== expected) throw new Error(`${s.label}: connected in era ${era}, expected ${expected}`);
}

async function measure(s, client) {
  const options = { clients: { c: withProtocol(s, client) }, envFile: false };
  assertMcpOptions(options);
  const plan = resolvePlan(options, { rootDir: REPO, servers: {} });
  const sdk = loadSdk(s.sdk);
  const owner = new SessionOwner(plan.redactor, { sdk: () => sdk, trace: false, rootDir: REPO });
  const t0 = performance.now();
  await owner.openAll(plan.clients);
  const t1 = performance.now();
  // Not ping(): a 2026-07-28 client refuses it locally, without a round trip.
  const opened = owner.entries()[0].client;
  await opened.listTools();
  checkEra(s, sdk.protocolEra(opened));
  const t2 = performance.now();
  await owner.closeAll();
  const t3 = performance.now();
  return { connect: t1 - t0, close: t3 - t2 };
}

/** The same with the raw SDK client and transport of that generation. */
async function measureRaw(s, client) {
  const sdk = rawClasses(s);
  let transport;
  if (client.command) transport = new sdk.Stdio({ command: client.command, args: client.args, stderr: 'pipe' });
  else if (client.transport === 'sse') transport = new sdk.Sse(new URL(client.url));
  else transport = new sdk.Http(new URL(client.url));
  const raw = sdk.newClient();
  const t0 = performance.now();
  await raw.connect(transport);
  const t1 = performance.now();
  await raw.listTools();
  if (s.sdk === 'v2') checkEra(s, raw.getProtocolEra());
  const t2 = performance.now();
  await transport.terminateSession?.();
  await raw.close();
  const t3 = performance.now();
  return { connect: t1 - t0, close: t3 - t2 };
}

/** Per transport, each selected SDK's client options. SSE has no 2026-07-28 era, and only the 1.x fixture serves it. */
function transportsFor(ports) {
  const v1Sse = { url: `http://127.0.0.1:${ports.v1}/sse`, transport: 'sse' };
  const rows = { 'streamable-http': {}, sse: {}, stdio: {} };
  for (const s of SDKS) {
    rows['streamable-http'][s.id] = { url: `http://127.0.0.1:${ports[s.sdk]}/mcp` };
    if (s.protocol === undefined || s.protocol === 'legacy') rows.sse[s.id] = v1Sse;
    rows.stdio[s.id] = { command: process.execPath, args: [...SERVERS[s.sdk].stdio, MARKER] };
  }
  return rows;
}

async function main() {
  // core-http serves SSE as well as stateful Streamable HTTP: the 1.x figures have always used it.
  const servers = [];
  const ports = {};
  try {
    for (const gen of new Set(SDKS.map((s) => s.sdk).concat('v1'))) {
      const script = gen === 'v1' ? path.join(REPO, 'test/servers/core-http.js') : SERVERS.v2.http;
      const server = await startServer(script, gen === 'v1' ? ['--port', '0', MARKER] : httpServerArgs('v2', 0, MARKER));
      servers.push(server.child);
      ports[gen] = server.port;
    }
    console.log(
      `connect-close: ${ROUNDS} rounds per transport and SDK (median), node ${process.version}, ${os.cpus().length} cpus, ` +
        `load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    for (const [name, byId] of Object.entries(transportsFor(ports))) {
      const ids = Object.keys(byId);
      const of = (id) => SDKS.find((s) => s.id === id);
      const samples = Object.fromEntries(ids.map((id) => [id, { ours: [], raw: [] }]));
      // Warm-ups load each generation's modules for this transport; then every variant, interleaved, round by round.
      for (const id of ids) {
        await measure(of(id), byId[id]);
        await measureRaw(of(id), byId[id]);
      }
      for (let r = 0; r < ROUNDS; r++) {
        for (let i = 0; i < ids.length; i++) {
          const id = ids[(i + r) % ids.length];
          const pair = r % 2 ? [measureRaw, measure] : [measure, measureRaw];
          for (const fn of pair) samples[id][fn === measure ? 'ours' : 'raw'].push(await fn(of(id), byId[id]));
        }
      }
      const m = (runs, key) => median(runs.map((x) => x[key])).toFixed(1);
      for (const id of ids) {
        const { ours, raw } = samples[id];
        console.log(
          `${name.padEnd(16)} ${of(id).label.padEnd(15)} jest-mcp connect ${m(ours, 'connect')} ms, close ${m(ours, 'close')} ms; ` +
            `raw SDK connect ${m(raw, 'connect')} ms, close ${m(raw, 'close')} ms`,
        );
      }
    }
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    await Promise.all(servers.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  }
  const left = processesWith(MARKER);
  console.log(
    `leftover server processes: ${left.length}; load at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (left.length) throw new Error(`left behind:\n  ${left.join('\n  ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
