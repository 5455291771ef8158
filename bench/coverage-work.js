#!/usr/bin/env node
'use strict';
/**
 * The coverage reporter's own work, timed inside real Jest runs: a preload (NODE_OPTIONS, so in
 * Jest's main process and in every worker) wraps the recorder's and the reporter's methods and
 * adds up their time, per run. Whole-run ratios (`npm run bench:coverage`) cannot resolve a cost
 * of a few milliseconds on a busy machine; this says what the cost is made of.
 *
 *   node bench/coverage-work.js [--runs 5]      (needs `npm run build`)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, freePort, linkPackage, median, startServer } = require('./lib');
const { SERVERS, httpServerArgs } = require('./sdks');
const { DIR, JEST_BIN, MARKER, SDK_SUITE } = require('./settings');
const { clientKinds, suiteProject } = require('./projects');

const argv = process.argv.slice(2);
const RUNS = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const PRELOAD = path.join(DIR, 'coverage-timing.js');

// Wraps prototype methods; each process writes its totals when it exits.
const preload = `'use strict';
// Only Jest's main process and its workers: not a server a client starts, not jest-mcp's reaper.
const isWorker = /jest-worker/.test(process.argv[1] ?? '');
if (process.argv[1] !== ${JSON.stringify(JEST_BIN)} && !isWorker) return;
const fs = require('node:fs');
const path = require('node:path');
const dist = ${JSON.stringify(path.join(REPO, 'dist'))};
const out = process.env.COVERAGE_WORK_OUT;
const totals = {};
const add = (name, t) => {
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const entry = (totals[name] ??= { calls: 0, ms: 0 });
  entry.calls++;
  entry.ms += ms;
};
function wrap(cls, names) {
  for (const name of names) {
    const original = cls.prototype[name];
    cls.prototype[name] = function (...args) {
      const t = process.hrtime.bigint();
      const result = original.apply(this, args);
      if (result && typeof result.then === 'function') return result.finally(() => add(name, t));
      add(name, t);
      return result;
    };
  }
}
// Loading the modules is part of the cost: in the main process the reporter's, in a worker the recorder's.
const load = (file) => {
  const t = process.hrtime.bigint();
  const loaded = require(path.join(dist, file));
  add('load', t);
  return loaded;
};
if (isWorker) wrap(load('coverage/recorder.js').CoverageRecorder, ['opened', 'sent', 'list', 'save']);
else wrap(load('coverage/reporter.js').McpCoverageReporter, ['onRunComplete']);
process.on('exit', () => {
  if (Object.keys(totals).length) fs.writeFileSync(path.join(out, process.pid + '.json'), JSON.stringify(totals));
});
`;

function runOnce(project, t) {
  const out = fs.mkdtempSync(path.join(DIR, `work-${t}-`));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [JEST_BIN, '--ci', '--maxWorkers=2'], {
    cwd: project.dir,
    env: { ...process.env, NODE_OPTIONS: `--require ${PRELOAD}`, COVERAGE_WORK_OUT: out, JEST_WORKER_ID: undefined, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`jest exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  const sum = {};
  for (const file of fs.readdirSync(out)) {
    for (const [name, { calls, ms }] of Object.entries(JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')))) {
      const entry = (sum[name] ??= { calls: 0, ms: 0 });
      entry.calls += calls;
      entry.ms += ms;
    }
  }
  return { wallMs, sum };
}

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'coverage', 'recorder.js'))) throw new Error('run `npm run build` first');
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(PRELOAD, preload);
  const server = await startServer(SERVERS.v1.http, httpServerArgs('v1', await freePort(), MARKER));
  try {
    const kinds = clientKinds({ v1: `http://127.0.0.1:${server.port}/mcp` }).v1;
    for (const t of ['http', 'stdio']) {
      const project = suiteProject(`coverage-work-${t}`, kinds[t], 'jest-mcp', { ...SDK_SUITE, reporter: true });
      const runs = Array.from({ length: RUNS }, () => runOnce(project, t));
      const names = Object.keys(runs[0].sum);
      const work = runs.map((r) => Object.values(r.sum).reduce((a, e) => a + e.ms, 0));
      const parts = names.map((n) => `${n} ${median(runs.map((r) => r.sum[n]?.ms ?? 0)).toFixed(1)} ms/${runs[0].sum[n].calls}`).join(', ');
      console.log(
        `${t} ${SDK_SUITE.files}x${SDK_SUITE.tests}: coverage work ${median(work).toFixed(1)} ms per run (all processes), ` +
          `run ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s wall, ${((median(work) / median(runs.map((r) => r.wallMs))) * 100).toFixed(2)}%; ${parts}`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    if (!process.env.BENCH_KEEP) fs.rmSync(DIR, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
