#!/usr/bin/env node
'use strict';
/**
 * Performance comparisons of jest-mcp against hand-written MCP clients, each measured side by
 * side in one run: the variants of a comparison are interleaved round after round (the order
 * rotating each round) and the medians are reported.
 *
 *   npm run bench                       (builds, then runs this)
 *   BENCH_ROUNDS=5 node bench/run.js     rounds per variant (default 3)
 *   BENCH_ONLY=stdio,noclient            only some comparisons: http, stdio, pertest, perfile,
 *                                        noclient, calls, calls-http, calls-stdio, paired
 *   BENCH_FILES=10                       files of the 20-test suites (default 20)
 *   BENCH_KEEP=1                         keep the generated projects under .tmp/bench/
 *
 * Comparisons:
 *   1. per-test:  20 files x 20 tests calling an `echo` tool. jest-mcp (one session per file,
 *      `mcpClients.x.callTool`) vs. a fresh raw SDK Client + transport per test
 *      (beforeEach/afterEach in a plain `node` environment). Over HTTP and over stdio.
 *   2. per-file:  the same suite, jest-mcp vs. raw SDK clients in beforeAll/afterAll.
 *   3. noclient:  50 files that open no client: jest-mcp's preset (clients configured, every
 *      file selecting none with an empty `@mcp-clients`) vs. Jest's plain `node` environment.
 *   4. calls:     1000 sequential callTool calls inside one test, timed in the test with
 *      performance.now(): `mcpClients.x` vs. a raw SDK client opened in beforeAll, each in its
 *      own run (ratio of the medians); and "paired": both clients in one test of one jest-mcp
 *      run, in alternating blocks of 50 calls, so both sides see the same machine load (ratio:
 *      median of the ratios of adjacent blocks, over all rounds). Over HTTP and over stdio.
 *
 * Every project sets `transform: {}` on both sides, so babel-jest's (equal) cost does not dilute
 * the ratios. Every Jest run must exit by itself with all tests passed and leave no server
 * process behind; otherwise the script exits 1. A missed target is reported, not a failure.
 * Needs `npm run build` first (npm run bench does it).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, freePort, linkPackage, median, processesWith, startServer } = require('./lib');

const JEST_BIN = path.join(REPO, 'node_modules/jest/bin/jest.js');
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const ONLY = (process.env.BENCH_ONLY || '')
  .split(/[\s,]+/)
  .filter(Boolean)
  .map((s) => s.toLowerCase());
const KEEP = Boolean(process.env.BENCH_KEEP);
const WORKERS = 2;
const MARKER = `jmcp-bench-${process.pid}-${Date.now()}`;
const DIR = path.join(REPO, '.tmp', 'bench', MARKER);
const STDIO_SERVER = path.join(__dirname, 'servers', 'echo-stdio.js');
const HTTP_SERVER = path.join(__dirname, 'servers', 'echo-http.js');
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const GRACEFUL_EXIT_MS = 3000;

const SUITE_FILES = Math.max(1, Number(process.env.BENCH_FILES || 20));
const SUITE_TESTS = 20;
const NOCLIENT_FILES = 50;
const CALLS = 1000;
const CALLS_WARMUP = 50;
const PAIRED_BLOCK = 50;

// ---------------------------------------------------------------------------------------------
// helpers

const log = (...args) => console.error('  ·', ...args);

async function waitForNoLeftovers(except, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const left = processesWith(MARKER, except);
    if (!left.length || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function writeProject(name, files) {
  const dir = path.join(DIR, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

const pad = (i) => String(i).padStart(2, '0');
const J = JSON.stringify;

function versionOf(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------
// fixture projects

/** Client configs, as jest-mcp's config and as raw SDK transport code for hand-written tests. */
function clientKinds(httpUrl) {
  return {
    http: {
      mcpConfig: { url: httpUrl },
      requires: `const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');`,
      newTransport: `new StreamableHTTPClientTransport(new URL(${J(httpUrl)}))`,
      // A careful hand-written client ends its session (HTTP DELETE) as jest-mcp does.
      close: `await transport.terminateSession(); await client.close();`,
    },
    stdio: {
      mcpConfig: { command: process.execPath, args: [STDIO_SERVER, MARKER] },
      requires: `const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');`,
      newTransport: `new StdioClientTransport({ command: ${J(process.execPath)}, args: ${J([STDIO_SERVER, MARKER])} })`,
      close: `await client.close();`,
    },
  };
}

/** A test file's own SDK client, opened and closed by the hooks named (per file by default). */
function rawClient(kind, open = 'beforeAll', close = 'afterAll') {
  return `const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
${kind.requires}
let client;
let transport;
${open}(async () => {
  transport = ${kind.newTransport};
  client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
});
${close}(async () => {
  ${kind.close}
});
`;
}

function jestMcpConfig(clients) {
  return `module.exports = ${J({ preset: 'jest-mcp', transform: {}, testEnvironmentOptions: { mcp: { clients } } }, null, 2)};\n`;
}
const NODE_CONFIG = `module.exports = ${J({ testEnvironment: 'node', transform: {} }, null, 2)};\n`;

function suiteTests(clientExpr) {
  return `for (let i = 0; i < ${SUITE_TESTS}; i++) {
  test('echo ' + i, async () => {
    const result = await ${clientExpr}.callTool({ name: 'echo', arguments: { text: 'hi ' + i } });
    expect(result.content[0].text).toBe('hi ' + i);
  });
}
`;
}

/** 20 files x 20 tests, in one of three ways of getting a client. */
function suiteProject(name, kind, style) {
  const files = {};
  for (let f = 0; f < SUITE_FILES; f++) {
    let source;
    if (style === 'jest-mcp') {
      source = suiteTests('mcpClients.x');
    } else {
      const [open, close] = style === 'per-test' ? ['beforeEach', 'afterEach'] : ['beforeAll', 'afterAll'];
      source = rawClient(kind, open, close) + suiteTests('client');
    }
    files[`f${pad(f)}.test.js`] = source;
  }
  files['jest.config.js'] = style === 'jest-mcp' ? jestMcpConfig({ x: kind.mcpConfig }) : NODE_CONFIG;
  return { dir: writeProject(name, files), tests: SUITE_FILES * SUITE_TESTS, perFile: SUITE_TESTS };
}

function noclientProject(name, jestMcp, kinds) {
  const files = {};
  for (let f = 0; f < NOCLIENT_FILES; f++) {
    // An empty @mcp-clients opens no client (README, "Choosing clients per file"); plain Jest ignores it.
    files[`f${pad(f)}.test.js`] = `/**\n * @mcp-clients\n */\ntest('x', () => expect(1).toBe(1));\n`;
  }
  files['jest.config.js'] = jestMcp ? jestMcpConfig({ web: kinds.http.mcpConfig, local: kinds.stdio.mcpConfig }) : NODE_CONFIG;
  return { dir: writeProject(name, files), tests: NOCLIENT_FILES, perFile: 1 };
}

function callsProject(name, kind, jestMcp) {
  const timed = (clientExpr) => `
test('${CALLS} calls', async () => {
  const c = ${clientExpr};
  const call = async (i) => {
    const result = await c.callTool({ name: 'echo', arguments: { text: 'x' + i } });
    if (result.content[0].text !== 'x' + i) throw new Error('wrong echo: ' + JSON.stringify(result));
  };
  for (let i = 0; i < ${CALLS_WARMUP}; i++) await call(i);
  const started = performance.now();
  for (let i = 0; i < ${CALLS}; i++) await call(i);
  const ms = performance.now() - started;
  require('node:fs').writeFileSync(process.env.BENCH_RESULT, JSON.stringify({ ms }));
}, 120000);
`;
  const perf = `const { performance } = require('node:perf_hooks');\n`;
  const source = jestMcp
    ? perf + timed('mcpClients.x')
    : perf + rawClient(kind) + timed('client');
  const files = { 'calls.test.js': source, 'jest.config.js': jestMcp ? jestMcpConfig({ x: kind.mcpConfig }) : NODE_CONFIG };
  return { dir: writeProject(name, files), tests: 1, perFile: 1, inTest: true };
}

/**
 * Both clients in one test of one jest-mcp run, in alternating blocks of calls: the two sides see
 * the same load at the same moments, which the separate runs above cannot promise on a busy machine.
 */
function pairedCallsProject(name, kind) {
  const source = `const { performance } = require('node:perf_hooks');
${rawClient(kind)}test('${CALLS} calls each, interleaved', async () => {
  const sides = { mcpClients: mcpClients.x, 'raw SDK client': client };
  const call = async (c, i) => {
    const result = await c.callTool({ name: 'echo', arguments: { text: 'x' + i } });
    if (result.content[0].text !== 'x' + i) throw new Error('wrong echo: ' + JSON.stringify(result));
  };
  for (const c of Object.values(sides)) for (let i = 0; i < ${CALLS_WARMUP}; i++) await call(c, i);
  const totals = { mcpClients: 0, 'raw SDK client': 0 };
  const blockRatios = [];
  const BLOCK = ${PAIRED_BLOCK};
  for (let block = 0; block < ${CALLS} / BLOCK; block++) {
    const order = block % 2 ? ['raw SDK client', 'mcpClients'] : ['mcpClients', 'raw SDK client'];
    const ms = {};
    for (const side of order) {
      const started = performance.now();
      for (let i = 0; i < BLOCK; i++) await call(sides[side], i);
      ms[side] = performance.now() - started;
      totals[side] += ms[side];
    }
    blockRatios.push(ms.mcpClients / ms['raw SDK client']);
  }
  require('node:fs').writeFileSync(process.env.BENCH_RESULT, JSON.stringify({ ...totals, blockRatios }));
}, 120000);
`;
  const files = { 'calls.test.js': source, 'jest.config.js': jestMcpConfig({ x: kind.mcpConfig }) };
  return { dir: writeProject(name, files), tests: 1, perFile: 1, inTest: true };
}

// ---------------------------------------------------------------------------------------------
// running Jest

const failures = [];
let httpPid;

async function runJest(label, project, { warmup = false } = {}) {
  const result = path.join(project.dir, `result-${Date.now()}.json`);
  const args = [
    JEST_BIN,
    '--ci',
    `--maxWorkers=${WORKERS}`,
    `--cacheDirectory=${path.join(DIR, 'jest-cache')}`,
    // Jest's default of 500 ms is missed by workers with nothing left open when the machine is
    // busy ("A worker process has failed to exit gracefully" from a project of
    // `expect(1).toBe(1)` files at load 10); a real leak still shows, and costs no time otherwise.
    `--workerGracefulExitTimeout=${GRACEFUL_EXIT_MS}`,
  ];
  // Warm-up: the first test of the first file, enough to load everything once.
  if (warmup && !project.inTest) args.push('--testNamePattern=^(echo 0|x)$', '--', 'f00\\.test\\.js$');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: project.dir,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', JEST_WORKER_ID: undefined, BENCH_RESULT: result },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, RUN_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
  clearTimeout(killer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const problems = [];
  const expected = warmup ? 1 : project.tests;
  const skipped = warmup && project.perFile > 1 ? `, ${project.perFile - 1} skipped` : '';
  if (timedOut) problems.push(`did not exit within ${RUN_TIMEOUT_MS / 1000} s (killed)`);
  else if (code !== 0) problems.push(`exited with ${code}`);
  const summary = /^Tests:.*$/m.exec(output)?.[0] ?? '(no summary)';
  if (!new RegExp(`^Tests:\\s+${skipped ? `${project.perFile - 1} skipped, ` : ''}${expected} passed, ${expected + (skipped ? project.perFile - 1 : 0)} total`, 'm').test(output)) {
    problems.push(`expected ${expected} passed tests, got "${summary}"`);
  }
  if (/did not exit one second|failed to exit gracefully|open handle/i.test(output)) problems.push('Jest warned that something did not exit');
  const left = await waitForNoLeftovers([httpPid], 2000);
  if (left.length) problems.push(`server process(es) left after the run:\n      ${left.join('\n      ')}`);
  let timings;
  if (project.inTest && !problems.length) {
    try {
      timings = JSON.parse(fs.readFileSync(result, 'utf8'));
    } catch (error) {
      problems.push(`no in-test timing written (${error.message})`);
    }
  }
  if (problems.length) {
    failures.push(`${label}: ${problems.join('; ')}`);
    console.error(`FAILED ${label}: ${problems.join('; ')}\n${output.slice(-3000)}`);
  }
  const inTest = timings
    ? `, in test ${Object.entries(timings)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `${k === 'ms' ? '' : `${k} `}${v.toFixed(1)} ms`)
        .join(', ')}`
    : '';
  log(`${label}: ${seconds.toFixed(2)} s${inTest}${problems.length ? ' FAILED' : ''}`);
  if (problems.length) return undefined;
  return project.inTest ? timings : seconds;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'environment.js'))) throw new Error('run `npm run build` first');
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });

  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} cpus (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version} ${process.platform}-${process.arch}; ` +
      `jest ${versionOf('jest')}, @modelcontextprotocol/sdk ${versionOf('@modelcontextprotocol/sdk')}; ` +
      `${ROUNDS} rounds, --maxWorkers=${WORKERS}, medians`,
  );

  const port = await freePort();
  const httpServer = await startServer(HTTP_SERVER, ['--port', String(port), MARKER]);
  const http = httpServer.child;
  httpPid = http.pid;
  const stopHttp = () => {
    if (http.exitCode === null && http.signalCode === null) http.kill('SIGTERM');
  };
  process.once('SIGINT', () => {
    stopHttp();
    process.exit(130);
  });
  const kinds = clientKinds(`http://127.0.0.1:${port}/mcp`);

  try {
    // A group's variants are interleaved; a line compares two variants of a group.
    const groups = [];
    for (const t of ['http', 'stdio']) {
      groups.push({
        name: t,
        variants: {
          'jest-mcp': () => suiteProject(`${t}-jest-mcp`, kinds[t], 'jest-mcp'),
          'per-test client': () => suiteProject(`${t}-per-test`, kinds[t], 'per-test'),
          'beforeAll client': () => suiteProject(`${t}-per-file`, kinds[t], 'per-file'),
        },
        lines: [
          {
            tags: [t, 'pertest'],
            title: `${t} per-file vs per-test`,
            a: 'jest-mcp',
            b: 'per-test client',
            target: t === 'stdio' ? 0.2 : undefined,
          },
          { tags: [t, 'perfile'], title: `${t} per-file vs beforeAll/afterAll`, a: 'jest-mcp', b: 'beforeAll client', target: 1.05 },
        ],
      });
    }
    groups.push({
      name: 'noclient',
      variants: {
        'jest-mcp preset': () => noclientProject('noclient-jest-mcp', true, kinds),
        'node env': () => noclientProject('noclient-node', false, kinds),
      },
      lines: [{ tags: ['noclient'], title: `${NOCLIENT_FILES} files without a client`, a: 'jest-mcp preset', b: 'node env', target: 1.03 }],
    });
    for (const t of ['http', 'stdio']) {
      groups.push({
        name: `calls-${t}`,
        unit: 'ms',
        variants: {
          mcpClients: () => callsProject(`calls-${t}-jest-mcp`, kinds[t], true),
          'raw SDK client': () => callsProject(`calls-${t}-raw`, kinds[t], false),
        },
        lines: [{ tags: ['calls', `calls-${t}`], title: `${t} ${CALLS} callTool in one test`, a: 'mcpClients', b: 'raw SDK client', target: 1.05 }],
      });
      groups.push({
        name: `paired-${t}`,
        unit: 'ms',
        variants: { paired: () => pairedCallsProject(`paired-${t}`, kinds[t]) },
        lines: [
          {
            tags: ['calls', `calls-${t}`, 'paired'],
            title: `${t} ${CALLS} callTool each, interleaved in one test`,
            from: 'paired',
            a: 'mcpClients',
            b: 'raw SDK client',
            target: 1.05,
          },
        ],
      });
    }

    // Select lines, and the groups and variants they need.
    const selected = [];
    for (const group of groups) {
      group.lines = group.lines.filter((line) => !ONLY.length || line.tags.some((tag) => ONLY.includes(tag)));
      if (!group.lines.length) continue;
      const needed = [...new Set(group.lines.flatMap((l) => (l.from ? [l.from] : [l.a, l.b])))];
      group.projects = Object.fromEntries(needed.map((v) => [v, group.variants[v]()]));
      group.samples = Object.fromEntries(group.lines.flatMap((l) => [l.a, l.b]).map((v) => [v, []]));
      selected.push(group);
    }
    if (!selected.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} selects nothing`);

    // Warm-up (not counted): one file of each project, so disk caches and Jest's haste map are warm.
    for (const group of selected) {
      for (const [variant, project] of Object.entries(group.projects)) await runJest(`warm-up ${group.name} ${variant}`, project, { warmup: true });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const group of selected) {
        const names = Object.keys(group.projects);
        const order = names.map((_, i) => names[(i + round) % names.length]);
        for (const variant of order) {
          const value = await runJest(`round ${round + 1} ${group.name} ${variant}`, group.projects[variant]);
          if (typeof value === 'number') group.samples[variant].push(value);
          else if (value && 'ms' in value) group.samples[variant].push(value.ms);
          else if (value) for (const [key, ms] of Object.entries(value)) (group.samples[key] ??= []).push(...[ms].flat());
        }
      }
    }

    const fmt = (value, unit) => (unit === 'ms' ? `${value.toFixed(0)}ms` : `${value.toFixed(value < 10 ? 2 : 1)}s`);
    const missed = [];
    for (const group of selected) {
      for (const line of group.lines) {
        const a = group.samples[line.a];
        const b = group.samples[line.b];
        if (!a.length || !b.length) {
          console.log(`${line.title}: no measurements (failed runs)`);
          continue;
        }
        const ma = median(a);
        const mb = median(b);
        // Paired samples (adjacent blocks of one run): the median of the per-block ratios, which a
        // burst of load or a GC pause moves for one block pair only, not for a whole round.
        const ratio = line.from && group.samples.blockRatios?.length ? median(group.samples.blockRatios) : ma / mb;
        const target = line.target === undefined ? '(no target)' : `(target <= ${line.target})`;
        if (line.target !== undefined && ratio > line.target) missed.push(`${line.title}: ratio=${ratio.toFixed(3)} > ${line.target}`);
        console.log(
          `${line.title}: ${line.a} ${fmt(ma, group.unit)}, ${line.b} ${fmt(mb, group.unit)}, ratio=${ratio.toFixed(2)} ${target}`,
        );
        console.log(`  rounds: ${line.a} [${a.map((v) => fmt(v, group.unit)).join(' ')}], ${line.b} [${b.map((v) => fmt(v, group.unit)).join(' ')}]`);
      }
    }
    if (missed.length) console.log(`targets missed:\n  - ${missed.join('\n  - ')}`);
  } finally {
    stopHttp();
    await new Promise((resolve) => (http.exitCode !== null || http.signalCode !== null ? resolve() : http.once('exit', resolve)));
    const left = await waitForNoLeftovers([], 2000);
    console.log(`leftover server processes: ${left.length}${left.length ? `\n  ${left.join('\n  ')}` : ''}; load at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (left.length) failures.push(`${left.length} server process(es) left at the end`);
    const stopping = /stopping: .*/.exec(httpServer.output)?.[0];
    if (stopping) log(`HTTP server ${stopping}`);
    if (!KEEP) fs.rmSync(DIR, { recursive: true, force: true });
  }

  if (failures.length) {
    console.log(`bench: FAILED\n  - ${failures.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    console.log('bench: OK (every Jest run exited by itself and passed)');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
