'use strict';
/**
 * The generated Jest projects of `bench/run.js`, and the comparisons made of them: each variant
 * is a directory under .tmp/bench/ with its own jest.config.js and test files.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CALLS, CALLS_WARMUP, DIR, MARKER, NOCLIENT_FILES, PAIRED_BLOCK, STDIO_SERVER, SUITE_FILES, SUITE_TESTS } = require('./settings');

const pad = (i) => String(i).padStart(2, '0');
const J = JSON.stringify;

function writeProject(name, files) {
  const dir = path.join(DIR, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

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
  const source = jestMcp ? perf + timed('mcpClients.x') : perf + rawClient(kind) + timed('client');
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

/**
 * Every comparison, as groups: a group's variants are run interleaved, and each of its lines
 * compares two variants. Variants are functions, so that only the projects a selection needs are
 * written.
 */
function comparisons(kinds) {
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
      lines: [
        { tags: ['calls', `calls-${t}`], title: `${t} ${CALLS} callTool in one test`, a: 'mcpClients', b: 'raw SDK client', target: 1.05 },
      ],
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
  return groups;
}

/**
 * The groups with a line `only` selects (every group when it is empty), each with the projects
 * its lines need written and an empty sample list per compared variant.
 */
function selectComparisons(groups, only) {
  const selected = [];
  for (const group of groups) {
    group.lines = group.lines.filter((line) => !only.length || line.tags.some((tag) => only.includes(tag)));
    if (!group.lines.length) continue;
    const needed = [...new Set(group.lines.flatMap((l) => (l.from ? [l.from] : [l.a, l.b])))];
    group.projects = Object.fromEntries(needed.map((v) => [v, group.variants[v]()]));
    group.samples = Object.fromEntries(group.lines.flatMap((l) => [l.a, l.b]).map((v) => [v, []]));
    selected.push(group);
  }
  return selected;
}

module.exports = { clientKinds, comparisons, selectComparisons };
