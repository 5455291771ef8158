#!/usr/bin/env node
'use strict';
/**
 * jest-mcp/vitest's `mcpClients` vs hand-written clients under Vitest: 10 files × 10 tests, each
 * test calling `echo`, on Vitest's default pool (forks) with 2 workers. The jest-mcp side opens
 * the file's session through the `mcpClients` fixture; the other side writes the same client by
 * hand (SDK 1.x `Client` in `beforeAll`, closed in `afterAll`). Over stdio (a server per file) and
 * Streamable HTTP (one server for the run, started here). The variants run interleaved, round
 * after round, so that the load of the machine falls on both sides alike. Prints each run's wall
 * time, the medians and their ratios (mcpClients / hand-written).
 * Usage: node bench/vitest.js [rounds=3]   (BENCH_KEEP=1 keeps .tmp/bench/vitest-*)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, freePort, linkPackage, median, processesWith, startServer } = require('./lib');

const ROUNDS = Number(process.argv[2] ?? 3);
const FILES = 10;
const TESTS = 10;
const MARKER = `bench-vitest-${process.pid}`;
const DIR = path.join(REPO, '.tmp', 'bench');
const STDIO = path.join(__dirname, 'servers', 'echo-stdio.js');
const HTTP = path.join(__dirname, 'servers', 'echo-http.js');

const tests = (call) =>
  Array.from(
    { length: TESTS },
    (_, t) =>
      `test('echo ${t}', async (${call.context}) => {\n  const result = await ${call.client}.callTool({ name: 'echo', arguments: { text: 'hi ${t}' } });\n  expect(result.content[0].text).toBe('hi ${t}');\n});`,
  ).join('\n');

const MCP_FILE = `import { test, expect } from 'jest-mcp/vitest';\n\n${tests({ context: '{ mcpClients }', client: 'mcpClients.echo' })}\n`;

function handFile(transport) {
  const connect =
    transport === 'stdio'
      ? `new StdioClientTransport({ command: process.execPath, args: [${JSON.stringify(STDIO)}, ${JSON.stringify(MARKER)}], stderr: 'pipe' })`
      : 'new StreamableHTTPClientTransport(new URL(process.env.BENCH_URL))';
  return `import { test, expect, beforeAll, afterAll } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

let client;
beforeAll(async () => {
  client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(${connect});
});
afterAll(async () => {
  await client.transport.terminateSession?.().catch(() => undefined);
  await client.close();
});

${tests({ context: '', client: 'client' })}
`;
}

function writeProject(name, transport, mcp) {
  const dir = path.join(DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const client = transport === 'stdio' ? { command: process.execPath, args: [STDIO, MARKER] } : { url: '${BENCH_URL}' };
  const config = mcp
    ? `import { defineConfig } from 'vitest/config';\nimport { mcpVitest } from 'jest-mcp/vitest/config';\n\nexport default defineConfig({ test: { ...mcpVitest({ sdk: 'v1', clients: { echo: ${JSON.stringify(client)} } }), include: ['*.test.mjs'], maxWorkers: 2 } });\n`
    : `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['*.test.mjs'], maxWorkers: 2 } });\n`;
  fs.writeFileSync(path.join(dir, 'vitest.config.mjs'), config);
  for (let f = 0; f < FILES; f++)
    fs.writeFileSync(path.join(dir, `f${String(f).padStart(2, '0')}.test.mjs`), mcp ? MCP_FILE : handFile(transport));
  return dir;
}

async function main() {
  linkPackage();
  const port = await freePort();
  const server = await startServer(HTTP, ['--port', String(port), MARKER]);
  const variants = {
    'stdio mcpClients': writeProject('vitest-stdio-mcp', 'stdio', true),
    'stdio hand-written': writeProject('vitest-stdio-hand', 'stdio', false),
    'http mcpClients': writeProject('vitest-http-mcp', 'http', true),
    'http hand-written': writeProject('vitest-http-hand', 'http', false),
  };
  const vitest = path.join(REPO, 'node_modules', 'vitest', 'vitest.mjs');
  const env = { ...process.env, BENCH_URL: `http://127.0.0.1:${port}/mcp`, CI: 'true', NO_COLOR: '1' };
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, cwd] of Object.entries(variants)) {
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [vitest, 'run'], { cwd, env, encoding: 'utf8' });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (result.status !== 0) throw new Error(`the ${name} suite failed:\n${(result.stdout + result.stderr).slice(-3000)}`);
        if (!/Tests\s+100 passed/.test(result.stdout))
          throw new Error(`the ${name} suite did not pass 100 tests:\n${result.stdout.slice(-2000)}`);
        times[name].push(seconds);
        console.log(`round ${round + 1} ${name}: ${seconds.toFixed(2)} s`);
      }
    }
  } finally {
    server.child.kill('SIGTERM');
    if (!process.env.BENCH_KEEP) for (const dir of Object.values(variants)) fs.rmSync(dir, { recursive: true, force: true });
  }
  const left = processesWith(MARKER, [server.child.pid]);
  if (left.length) console.log(`left running: ${left.join('; ')}`);
  const m = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  console.log(
    `\nVitest ${require(path.join(REPO, 'node_modules', 'vitest', 'package.json')).version}, SDK 1.x, ${FILES} files x ${TESTS} tests, 2 workers (forks), medians of ${ROUNDS}:`,
  );
  for (const [name, value] of Object.entries(m)) console.log(`  ${name}: ${value.toFixed(2)} s`);
  for (const transport of ['stdio', 'http']) {
    const [mcp, hand] = [times[`${transport} mcpClients`], times[`${transport} hand-written`]];
    // Each round's pair ran back to back: the median of their ratios is less swayed by a burst of load than the ratio of medians.
    const paired = median(mcp.map((t, i) => t / hand[i]));
    console.log(
      `  ${transport} mcpClients/hand-written: ratio of medians ${(m[`${transport} mcpClients`] / m[`${transport} hand-written`]).toFixed(2)}, median of paired ratios ${paired.toFixed(2)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
