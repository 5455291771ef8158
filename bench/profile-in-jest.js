#!/usr/bin/env node
'use strict';
/**
 * Inside Jest, where a stdio callTool's extra time goes: one jest-mcp test interleaves blocks of
 * calls through (1) `mcpClients.x` (the bridge), (2) the same session's SDK Client unbridged (the
 * environment's object, from the test realm), and (3) a raw SDK Client + StdioClientTransport
 * opened in beforeAll (the test realm's SDK copy), with `mcp.traces` on and off. Variants of a
 * run see the same load at the same moments. SDK 1.x on both sides: the raw client is 1.x, and a
 * project under .tmp/ would otherwise get 2.x from the repo's package.json, which declares both.
 *
 *   node bench/profile-in-jest.js [--rounds 3] [--calls 1000]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, linkPackage, median } = require('./lib');

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const ROUNDS = opt('--rounds', 3);
const CALLS = opt('--calls', 1000);
const MARKER = `jmcp-profile-${process.pid}-${Date.now()}`;
const DIR = path.join(REPO, '.tmp', 'bench', MARKER);
const SERVER = path.join(__dirname, 'servers', 'echo-stdio.js');
const J = JSON.stringify;

linkPackage();

const test = `const { performance } = require('node:perf_hooks');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
let raw;
beforeAll(async () => {
  raw = new Client({ name: 'bench', version: '1.0.0' });
  await raw.connect(new StdioClientTransport({ command: ${J(process.execPath)}, args: ${J([SERVER, MARKER])} }));
});
afterAll(() => raw.close());
test('interleaved', async () => {
  const sides = {
    'mcpClients.x (bridged)': mcpClients.x,
    'same session, unbridged': globalThis[Symbol.for('jest-mcp.sessions')][0].client,
    'raw SDK client (test realm)': raw,
  };
  const names = Object.keys(sides);
  const totals = Object.fromEntries(names.map((n) => [n, 0]));
  const call = async (c, i) => {
    const r = await c.callTool({ name: 'echo', arguments: { text: 'x' + i } });
    if (r.content[0].text !== 'x' + i) throw new Error('wrong echo');
  };
  for (const n of names) for (let i = 0; i < 50; i++) await call(sides[n], i);
  for (let block = 0; block < ${CALLS} / 50; block++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(k + block) % names.length];
      const t = performance.now();
      for (let i = 0; i < 50; i++) await call(sides[n], i);
      totals[n] += performance.now() - t;
    }
  }
  require('node:fs').writeFileSync(process.env.BENCH_RESULT, JSON.stringify(totals));
}, 300000);
`;

const results = {};
for (const traces of [true, false]) {
  const dir = path.join(DIR, `traces-${traces}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'calls.test.js'), test);
  fs.writeFileSync(
    path.join(dir, 'jest.config.js'),
    `module.exports = ${J({ preset: 'jest-mcp', transform: {}, testEnvironmentOptions: { mcp: { sdk: 'v1', traces, clients: { x: { command: process.execPath, args: [SERVER, MARKER] } } } } })};`,
  );
}
for (let r = 0; r < ROUNDS; r++) {
  for (const traces of r % 2 ? [false, true] : [true, false]) {
    const dir = path.join(DIR, `traces-${traces}`);
    const out = path.join(dir, `r${r}.json`);
    const run = spawnSync(process.execPath, [path.join(REPO, 'node_modules/jest/bin/jest.js'), '--ci'], {
      cwd: dir,
      env: { ...process.env, BENCH_RESULT: out, FORCE_COLOR: '0' },
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      console.error(run.stdout, run.stderr);
      process.exit(1);
    }
    for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(out, 'utf8'))))
      (results[`traces ${traces ? 'on ' : 'off'}: ${k}`] ??= []).push(v);
  }
}
console.log(`${CALLS} stdio callTool per side, interleaved blocks of 50 in one jest-mcp test, median of ${ROUNDS} runs:`);
for (const [k, v] of Object.entries(results)) {
  console.log(`  ${k.padEnd(45)} ${median(v).toFixed(0).padStart(6)} ms  [${v.map((x) => x.toFixed(0)).join(' ')}]`);
}
fs.rmSync(DIR, { recursive: true, force: true });
