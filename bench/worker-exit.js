'use strict';
/**
 * How long Jest waits for its workers to go once the run is over, side by side in one run:
 * jest-mcp workers (stdio clients, ts-jest test files) with and without the prompt exit, and
 * workers of the same suite shape without jest-mcp. Prints, per variant, how many runs showed
 * "failed to exit gracefully" and the median time from a worker's `exit` event to Jest seeing it
 * gone (Jest's limit is 500 ms). A --require probe in every process records the times.
 *
 *   node bench/worker-exit.js [--rounds 5] [--files 8]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, linkPackage, median } = require('./lib');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('--rounds', 5);
const FILES = arg('--files', 8);
const DIR = path.join(REPO, '.tmp', 'bench-worker-exit');
const LOG = path.join(DIR, 'exit-times.log');
const PROBE = path.join(DIR, 'probe.js');

function setUp() {
  linkPackage();
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const write = (file, text) => fs.writeFileSync(path.join(DIR, file), text);
  write(
    'package.json',
    JSON.stringify({ name: 'bench-worker-exit', private: true, devDependencies: { '@modelcontextprotocol/sdk': '*' } }),
  );
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', isolatedModules: true, types: ['jest', 'node'] } }),
  );
  const transform = { '^.+\\.ts$': ['ts-jest', {}] };
  const server = { command: process.execPath, args: [path.join(REPO, 'test/servers/core-stdio.js'), 's', '-'] };
  write(
    'jest.mcp.config.js',
    `module.exports = ${JSON.stringify({ preset: 'jest-mcp', transform, testMatch: ['**/mcp*.test.ts'], testEnvironmentOptions: { mcp: { clients: { s: server } } } })};`,
  );
  write(
    'jest.plain.config.js',
    `module.exports = ${JSON.stringify({ testEnvironment: 'node', transform, testMatch: ['**/plain*.test.ts'] })};`,
  );
  for (let i = 1; i <= FILES; i++) {
    write(
      `mcp${i}.test.ts`,
      `declare const mcpClients: any;\ntest('a call and a rejected call', async () => {\n  expect((await mcpClients.s.callTool({ name: 'whoami', arguments: {} })).content[0].type).toBe('text');\n  await expect(mcpClients.s.readResource({ uri: 'nope://x' })).rejects.toThrow();\n});\n`,
    );
    // As long as an MCP file takes, so that Jest uses workers for these too.
    write(
      `plain${i}.test.ts`,
      `test('waits', async () => {\n  await new Promise((r) => setTimeout(r, 1200));\n  expect(1 + 1).toBe(2);\n});\n`,
    );
  }
  write(
    'probe.js',
    `const fs = require('fs');
const log = (what) => fs.appendFileSync(${JSON.stringify(LOG)}, Date.now() + ' ' + what + '\\n');
if (process.send) {
  process.on('exit', () => log('exit ' + process.pid));
} else {
  const cp = require('child_process');
  const emit = cp.ChildProcess.prototype.emit;
  cp.ChildProcess.prototype.emit = function (event, ...args) {
    if (event === 'exit' && this.spawnargs.join(' ').includes('processChild')) log('gone ' + this.pid);
    return emit.call(this, event, ...args);
  };
}
`,
  );
}

function runOnce(config, env) {
  fs.rmSync(LOG, { force: true });
  const jest = path.join(REPO, 'node_modules/.bin/jest');
  const r = spawnSync(jest, ['-c', config, '--maxWorkers=2'], {
    cwd: DIR,
    encoding: 'utf8',
    env: { ...process.env, ...env, NODE_OPTIONS: `--require ${PROBE}` },
  });
  const output = r.stdout + r.stderr;
  if (!/Tests:\s+\d+ passed/.test(output)) throw new Error(`${config} failed:\n${output}`);
  const times = {};
  for (const line of fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8').trim().split('\n') : []) {
    const [ms, what, pid] = line.split(' ');
    (times[pid] ??= {})[what] = Number(ms);
  }
  const gaps = Object.values(times)
    .filter((t) => t.exit && t.gone)
    .map((t) => t.gone - t.exit);
  return { warned: /failed to exit gracefully/.test(output), gaps };
}

const VARIANTS = [
  ['jest-mcp', 'jest.mcp.config.js', {}],
  ['jest-mcp, prompt exit off', 'jest.mcp.config.js', { JEST_MCP_PROMPT_EXIT: '0' }],
  ['without jest-mcp', 'jest.plain.config.js', {}],
];

setUp();
const results = VARIANTS.map(() => ({ warned: 0, gaps: [] }));
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, so that the machine's load falls on every variant alike.
  VARIANTS.forEach(([, config, env], i) => {
    const r = runOnce(config, env);
    results[i].warned += r.warned ? 1 : 0;
    results[i].gaps.push(...r.gaps);
  });
}
console.log(
  `worker exit, ${FILES} ts-jest files on 2 workers, ${ROUNDS} rounds (load ${require('node:os').loadavg()[0].toFixed(1)} at the end)`,
);
VARIANTS.forEach(([name], i) => {
  const { warned, gaps } = results[i];
  const gap = gaps.length ? `${Math.round(median(gaps))} ms` : '- (no worker reached its exit event)';
  console.log(`  ${name.padEnd(28)} "failed to exit gracefully" in ${warned}/${ROUNDS} runs; exit event to gone, median ${gap}`);
});
fs.rmSync(DIR, { recursive: true, force: true });
