'use strict';
/**
 * The knobs of `bench/run.js`, read from the environment once, so the suite generators, the
 * runner and the report agree on sizes and on the marker that finds leftover server processes.
 */
const path = require('node:path');
const { REPO } = require('./lib');
const { selectedSdks } = require('./sdks');

const MARKER = `jmcp-bench-${process.pid}-${Date.now()}`;
const DEFAULT_ONLY = 'sdk,paired-stdio';

module.exports = {
  ROUNDS: Math.max(1, Number(process.env.BENCH_ROUNDS || 3)),
  // The default keeps `npm run bench` to a few minutes; `all` is every comparison (the 20 x 20
  // per-test stdio baseline alone takes two minutes a round, paired HTTP calls half a minute a
  // run at load 15).
  // `node bench/run.js coverage`: the selection as an argument too (npm scripts that set no variable).
  ONLY: (process.env.BENCH_ONLY || process.argv[2] || DEFAULT_ONLY)
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => s.toLowerCase())
    .filter((s) => s !== 'all'),
  DEFAULT_ONLY,
  SDKS: selectedSdks(),
  KEEP: Boolean(process.env.BENCH_KEEP),
  WORKERS: 2,
  // Every server the bench starts carries the marker on its command line: that is how a server
  // left behind by a Jest run is found, without touching anyone else's processes.
  MARKER,
  DIR: path.join(REPO, '.tmp', 'bench', MARKER),
  JEST_BIN: path.join(REPO, 'node_modules/jest/bin/jest.js'),
  RUN_TIMEOUT_MS: 10 * 60 * 1000,
  GRACEFUL_EXIT_MS: 3000,

  SUITE_FILES: Math.max(1, Number(process.env.BENCH_FILES || 20)),
  SUITE_TESTS: 20,
  SDK_SUITE: { files: Math.max(1, Number(process.env.BENCH_FILES || 10)), tests: 10 },
  NOCLIENT_FILES: 50,
  CALLS: 1000,
  CALLS_WARMUP: 50,
  PAIRED_BLOCK: 50,
  LARGE_MB: [5, 10],
  LARGE_REPS: 5,
};
