#!/usr/bin/env node
'use strict';
/**
 * The same 2.x echo server (bench/servers/echo-module.js) three ways, side by side: a 10 × 10
 * suite (10 files of 10 tests, each calling `echo`) whose client is the server's module in process
 * (`{ module, export }`), a stdio server per file (`command`), or one HTTP server for the run
 * (`url`, started before the rounds), and the floor: the same suite with no client. 2 workers;
 * every variant in every round, in turn.
 * Prints each round's wall time, the medians and the ratios to stdio (goal: in process ≤ 0.3).
 * Usage: node bench/in-process.js [rounds=3]   (BENCH_PROTOCOL=legacy|2026-07-28, default legacy;
 * BENCH_KEEP=1 keeps .tmp/bench/in-process-*)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, linkPackage, median, processesWith, startServer } = require('./lib');

const ROUNDS = Number(process.argv[2] ?? 3);
const PROTOCOL = process.env.BENCH_PROTOCOL ?? 'legacy';
const FILES = 10;
const TESTS = 10;
const DIR = path.join(REPO, '.tmp', 'bench');
const SERVER = path.join(REPO, 'bench/servers/echo-module.js');
const MARKER = `bench-in-process-${process.pid}`;

/** `client` undefined: the floor, the same suite under the preset with no MCP client (each test checks its text). */
function writeProject(name, client) {
  const dir = path.join(DIR, `in-process-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Declares the 2.x client: the projects take their SDK from here.
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }),
  );
  const config = {
    preset: 'jest-mcp',
    transform: {},
    testEnvironmentOptions: { mcp: { clients: client ? { echo: { ...client, protocol: PROTOCOL } } : {} } },
  };
  fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
  for (let f = 0; f < FILES; f++) {
    const call = (t) =>
      client ? `(await mcpClients.echo.callTool({ name: 'echo', arguments: { text: 'x${t}' } })).content[0].text` : `'x${t}'`;
    const tests = Array.from({ length: TESTS }, (_, t) => `test('echo ${t}', async () => {\n  expect(${call(t)}).toBe('x${t}');\n});`);
    fs.writeFileSync(path.join(dir, `f${String(f).padStart(2, '0')}.test.js`), `${tests.join('\n')}\n`);
  }
  return dir;
}

async function main() {
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });
  const http = await startServer(SERVER, ['http', MARKER], { stdin: 'pipe' });
  const variants = {
    'in process': writeProject('module', { module: SERVER, export: 'createServer' }),
    stdio: writeProject('stdio', { command: process.execPath, args: [SERVER, 'stdio', MARKER] }),
    http: writeProject('http', { url: `http://127.0.0.1:${http.port}/mcp` }),
    'no client': writeProject('none', undefined),
  };
  const jest = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // The order rotates every round, so no variant always runs first.
      const entries = Object.entries(variants);
      for (const [name, dir] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [jest, '--ci', '--maxWorkers=2'], { cwd: dir, encoding: 'utf8' });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (result.status !== 0) throw new Error(`the ${name} suite failed:\n${result.stderr.slice(-3000)}`);
        times[name].push(seconds);
        console.log(`round ${round + 1} ${name}: ${seconds.toFixed(2)} s`);
      }
    }
  } finally {
    http.child.kill();
    if (!process.env.BENCH_KEEP) for (const dir of Object.values(variants)) fs.rmSync(dir, { recursive: true, force: true });
  }
  const stdio = median(times.stdio);
  console.log(`\nSDK 2.x server, protocol ${PROTOCOL}, ${FILES} files x ${TESTS} tests, 2 workers, medians of ${ROUNDS}:`);
  for (const name of Object.keys(variants)) {
    const m = median(times[name]);
    console.log(
      `  ${name.padEnd(10)} ${m.toFixed(2)} s   ratio to stdio ${(m / stdio).toFixed(2)}   rounds ${times[name].map((t) => t.toFixed(2)).join(' ')}`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const left = processesWith(MARKER);
  if (left.length) {
    console.error(`left running:\n${left.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
