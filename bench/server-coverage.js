'use strict';
/**
 * What `jest --coverage` costs with a stdio server, side by side in one run: 10 files × 10 tests
 * calling the bench's echo server (a copy inside the project, so its code counts), each file with
 * its own server process.
 *   - off:            no --coverage
 *   - on, Jest only:  --coverage with `reporters: ['default']` (jest-mcp's reporter absent: Jest
 *                     instruments what the tests load, the server runs as without coverage)
 *   - on:             --coverage under the preset (the server runs with NODE_V8_COVERAGE and the
 *                     preload, its exit is awaited, its coverage converted and merged)
 * Prints the median wall time of each and the ratios to "off" and to "on, Jest only".
 *
 *   node bench/server-coverage.js [--rounds 3] [--files 10] [--tests 10]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, linkPackage, median, processesWith } = require('./lib');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('--rounds', 3);
const FILES = arg('--files', 10);
const TESTS = arg('--tests', 10);
const DIR = path.join(REPO, '.tmp', 'bench-server-coverage');
const MARKER = `bench-srvcov-${process.pid}`;

function setUp() {
  linkPackage();
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, 'tests'), { recursive: true });
  const write = (file, text) => fs.writeFileSync(path.join(DIR, file), text);
  write('package.json', JSON.stringify({ name: 'bench-server-coverage', private: true }));
  fs.copyFileSync(path.join(__dirname, 'servers/echo-stdio.js'), path.join(DIR, 'server.js'));
  const mcp = { clients: { echo: { command: process.execPath, args: ['server.js', MARKER] } } };
  const base = { preset: 'jest-mcp', testMatch: ['<rootDir>/tests/*.test.js'], collectCoverageFrom: ['server.js'] };
  const config = (extra) => `module.exports = ${JSON.stringify({ ...base, ...extra, testEnvironmentOptions: { mcp } })};\n`;
  write('jest.config.js', config({}));
  write('jest.jest-only.config.js', config({ reporters: ['default'] }));
  const tests = Array.from(
    { length: TESTS },
    (_, t) =>
      `test('echo ${t}', async () => {\n  expect((await mcpClients.echo.callTool({ name: 'echo', arguments: { text: 't${t}' } })).content[0].text).toBe('t${t}');\n});\n`,
  ).join('');
  for (let i = 1; i <= FILES; i++) write(`tests/echo${i}.test.js`, tests);
}

function runOnce(config, coverage) {
  const jest = path.join(REPO, 'node_modules/jest/bin/jest.js');
  const args = [jest, '-c', config, '--maxWorkers=2', '--ci', ...(coverage ? ['--coverage', '--coverageReporters=json-summary'] : [])];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: DIR, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const output = r.stdout + r.stderr;
  if (r.status !== 0 || !new RegExp(`Tests:\\s+${FILES * TESTS} passed`).test(output)) throw new Error(`${config} failed:\n${output}`);
  if (coverage) {
    const summary = JSON.parse(fs.readFileSync(path.join(DIR, 'coverage/coverage-summary.json'), 'utf8'));
    const server = summary[path.join(DIR, 'server.js')];
    // The point of the "on" variant: the server's lines are in the report; Jest alone has none.
    if (config === 'jest.config.js' && !(server?.lines.covered > 0)) throw new Error(`the server's coverage is missing:\n${output}`);
  }
  return ms;
}

const VARIANTS = [
  ['off', 'jest.config.js', false],
  ['on, Jest only', 'jest.jest-only.config.js', true],
  ['on', 'jest.config.js', true],
];

setUp();
const times = VARIANTS.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, so that the machine's load falls on every variant alike.
  VARIANTS.forEach(([, config, coverage], i) => times[i].push(runOnce(config, coverage)));
}
const medians = times.map(median);
console.log(
  `jest --coverage with a stdio server, ${FILES} files × ${TESTS} tests on 2 workers, ${ROUNDS} rounds (load ${os.loadavg()[0].toFixed(1)} at the end)`,
);
VARIANTS.forEach(([name], i) => {
  const ratios =
    i === 0
      ? ''
      : `  ${(medians[i] / medians[0]).toFixed(2)} × off` + (i === 2 ? `, ${(medians[2] / medians[1]).toFixed(2)} × "on, Jest only"` : '');
  console.log(`  ${name.padEnd(16)} median ${(medians[i] / 1000).toFixed(2)} s${ratios}`);
});
const left = processesWith(MARKER);
if (left.length) {
  console.error(`left running:\n${left.join('\n')}`);
  process.exitCode = 1;
}
fs.rmSync(DIR, { recursive: true, force: true });
