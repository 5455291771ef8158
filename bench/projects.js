'use strict';
/**
 * The generated Jest projects of `bench/run.js`: each variant of a comparison is a directory
 * under .tmp/bench/ with its own jest.config.js and test files.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ALL, SERVERS, rawSource, withProtocol } = require('./sdks');
const {
  CALLS,
  CALLS_WARMUP,
  DIR,
  LARGE_MB,
  LARGE_REPS,
  MARKER,
  NOCLIENT_FILES,
  PAIRED_BLOCK,
  SUITE_FILES,
  SUITE_TESTS,
} = require('./settings');

const pad = (i) => String(i).padStart(2, '0');
const EVERYTHING = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const J = JSON.stringify;

function writeProject(name, files) {
  const dir = path.join(DIR, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

/**
 * Client configs per SDK (ids of sdks.js), as jest-mcp's config and as SDK code for hand-written
 * tests. `urls`: the HTTP fixture server of each generation the run started.
 */
function clientKinds(urls) {
  const kinds = {};
  for (const s of ALL) {
    const src = rawSource(s);
    const url = urls[s.sdk];
    const stdioArgs = [...SERVERS[s.sdk].stdio, MARKER];
    kinds[s.id] = {
      http: url && {
        sdk: s.sdk,
        mcpConfig: withProtocol(s, { url }),
        requires: `${src.require}\n${src.http}`,
        newClient: src.newClient,
        newTransport: `new StreamableHTTPClientTransport(new URL(${J(url)}))`,
        // A careful hand-written client ends its session (HTTP DELETE) as jest-mcp does; a 2.x server has none to end.
        close: `await transport.terminateSession(); await client.close();`,
      },
      // server-everything keeps a 350 ms timer after `initialized`: it exits ~280 ms after stdin EOF.
      everything: s.sdk === 'v1' && {
        sdk: s.sdk,
        mcpConfig: { command: process.execPath, args: [EVERYTHING, 'stdio', MARKER] },
        requires: `${src.require}\n${src.stdio}`,
        newClient: src.newClient,
        newTransport: `new StdioClientTransport({ command: ${J(process.execPath)}, args: ${J([EVERYTHING, 'stdio', MARKER])} })`,
        close: `await client.close();`,
        everything: true,
      },
      stdio: {
        sdk: s.sdk,
        mcpConfig: withProtocol(s, { command: process.execPath, args: stdioArgs }),
        requires: `${src.require}\n${src.stdio}`,
        newClient: src.newClient,
        newTransport: `new StdioClientTransport({ command: ${J(process.execPath)}, args: ${J(stdioArgs)} })`,
        close: `await client.close();`,
      },
    };
  }
  return kinds;
}

// Jest's 5 s hook timeout was missed by a hand-written stdio connect at load 20, where jest-mcp
// would have waited its default connect timeout of 10 s: the baseline gets the same 10 s.
const HOOK_TIMEOUT_MS = 10000;

/** A test file's own SDK client, opened and closed by the hooks named (per file by default). */
function rawClient(kind, open = 'beforeAll', close = 'afterAll') {
  return `${kind.requires}
let client;
let transport;
${open}(async () => {
  transport = ${kind.newTransport};
  client = ${kind.newClient};
  await client.connect(transport);
}, ${HOOK_TIMEOUT_MS});
${close}(async () => {
  ${kind.close}
}, ${HOOK_TIMEOUT_MS});
`;
}

/**
 * The generation is stated, not detected: a project under .tmp/ would otherwise take the repo's
 * package.json, which declares both, and get 2.x.
 */
function jestMcpConfig(clients, sdk, extra = {}, env = {}) {
  const mcp = { sdk, clients };
  // Set in Jest's main process while it reads its config: the workers inherit it.
  const vars = Object.entries(env).map(([k, v]) => `process.env[${J(k)}] = ${J(v)};\n`);
  return `${vars.join('')}module.exports = ${J({ preset: 'jest-mcp', transform: {}, ...extra, testEnvironmentOptions: { mcp } }, null, 2)};\n`;
}
/** The coverage reporter as a user would configure it: the table, the JSON and HTML files, a threshold. */
const WITH_REPORTER = {
  reporters: ['default', ['jest-mcp/reporter', { outputFile: 'mcp-coverage.json', html: 'mcp-coverage.html', threshold: { tools: 100 } }]],
};
const NODE_CONFIG = `module.exports = ${J({ testEnvironment: 'node', transform: {} }, null, 2)};\n`;

function suiteTests(clientExpr, tests, everything = false) {
  // server-everything's echo takes `message` and answers "Echo: <message>".
  const [args, answer] = everything ? ["{ message: 'hi ' + i }", "'Echo: hi ' + i"] : ["{ text: 'hi ' + i }", "'hi ' + i"];
  return `for (let i = 0; i < ${tests}; i++) {
  test('echo ' + i, async () => {
    const result = await ${clientExpr}.callTool({ name: 'echo', arguments: ${args} });
    expect(result.content[0].text).toBe(${answer});
  });
}
`;
}

/** Files x tests (20 x 20 by default), in one of three ways of getting a client. */
function suiteProject(name, kind, style, { files: count = SUITE_FILES, tests = SUITE_TESTS, reporter = false, env = {} } = {}) {
  const files = {};
  for (let f = 0; f < count; f++) {
    let source;
    if (style === 'jest-mcp') {
      source = suiteTests('mcpClients.x', tests, kind.everything);
    } else {
      const [open, close] = style === 'per-test' ? ['beforeEach', 'afterEach'] : ['beforeAll', 'afterAll'];
      source = rawClient(kind, open, close) + suiteTests('client', tests, kind.everything);
    }
    files[`f${pad(f)}.test.js`] = source;
  }
  files['jest.config.js'] =
    style === 'jest-mcp' ? jestMcpConfig({ x: kind.mcpConfig }, kind.sdk, reporter ? WITH_REPORTER : {}, env) : NODE_CONFIG;
  return { dir: writeProject(name, files), tests: count * tests, perFile: tests };
}

function noclientProject(name, jestMcp, kinds) {
  const files = {};
  for (let f = 0; f < NOCLIENT_FILES; f++) {
    // An empty @mcp-clients opens no client (README, "Choosing clients per file"); plain Jest ignores it.
    files[`f${pad(f)}.test.js`] = `/**\n * @mcp-clients\n */\ntest('x', () => expect(1).toBe(1));\n`;
  }
  files['jest.config.js'] = jestMcp
    ? jestMcpConfig({ web: kinds.http.mcpConfig, local: kinds.stdio.mcpConfig }, kinds.http.sdk)
    : NODE_CONFIG;
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
  const source = jestMcp ? perf + timed('mcpClients.x') : perf + rawClient(kind) + timed('client');
  const files = { 'calls.test.js': source, 'jest.config.js': jestMcp ? jestMcpConfig({ x: kind.mcpConfig }, kind.sdk) : NODE_CONFIG };
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
  const files = { 'calls.test.js': source, 'jest.config.js': jestMcpConfig({ x: kind.mcpConfig }, kind.sdk) };
  return { dir: writeProject(name, files), tests: 1, perFile: 1, inTest: true };
}

/**
 * Large results over Streamable HTTP (a 1.x server answers each on its request's SSE stream):
 * both clients in one test of one run, taking turns per call, each size LARGE_REPS times a side
 * after one uncounted call each.
 * Written per side and size as `<side> <n> MB` (ms summed over the reps).
 */
function largeResultsProject(name, kind) {
  const source = `const { performance } = require('node:perf_hooks');
${rawClient(kind)}test('large results, both clients taking turns', async () => {
  const sides = { mcpClients: mcpClients.x, 'raw SDK client': client };
  const totals = {};
  // Uncounted: the first large call of each side warms its code paths.
  for (const side of Object.values(sides)) await side.callTool({ name: 'large', arguments: { bytes: 1024 * 1024 } });
  for (const mb of ${J(LARGE_MB)}) {
    const bytes = mb * 1024 * 1024;
    for (let rep = 0; rep < ${LARGE_REPS}; rep++) {
      const order = rep % 2 ? ['raw SDK client', 'mcpClients'] : ['mcpClients', 'raw SDK client'];
      for (const side of order) {
        const started = performance.now();
        const result = await sides[side].callTool({ name: 'large', arguments: { bytes } });
        const ms = performance.now() - started;
        if (result.content[0].text.length !== bytes) throw new Error(side + ': wrong length ' + result.content[0].text.length);
        totals[side + ' ' + mb + ' MB'] = (totals[side + ' ' + mb + ' MB'] ?? 0) + ms;
      }
    }
  }
  require('node:fs').writeFileSync(process.env.BENCH_RESULT, JSON.stringify(totals));
}, 300000);
`;
  const files = { 'large.test.js': source, 'jest.config.js': jestMcpConfig({ x: kind.mcpConfig }, kind.sdk) };
  return { dir: writeProject(name, files), tests: 1, perFile: 1, inTest: true };
}

module.exports = { callsProject, clientKinds, largeResultsProject, noclientProject, pairedCallsProject, suiteProject };
