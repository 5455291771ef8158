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
 *
 * The parts: settings.js (the knobs above), suite.js (the generated projects and the comparisons),
 * runner.js (running and timing Jest, the rounds), report.js (medians, ratios, printing).
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO, freePort, linkPackage, startServer } = require('./lib');
const { DIR, HTTP_SERVER, KEEP, MARKER, ONLY } = require('./settings');
const { clientKinds, comparisons, selectComparisons } = require('./suite');
const { failures, log, runRounds, spareProcess, waitForNoLeftovers } = require('./runner');
const { printComparisons, printLeftovers, printMachine, printVerdict } = require('./report');

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'environment.js'))) throw new Error('run `npm run build` first');
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });
  printMachine();

  // One HTTP server for every run, so HTTP variants compare clients, not server start-up.
  const port = await freePort();
  const httpServer = await startServer(HTTP_SERVER, ['--port', String(port), MARKER]);
  const http = httpServer.child;
  spareProcess(http.pid);
  const stopHttp = () => {
    if (http.exitCode === null && http.signalCode === null) http.kill('SIGTERM');
  };
  process.once('SIGINT', () => {
    stopHttp();
    process.exit(130);
  });

  try {
    const selected = selectComparisons(comparisons(clientKinds(`http://127.0.0.1:${port}/mcp`)), ONLY);
    if (!selected.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} selects nothing`);
    await runRounds(selected);
    printComparisons(selected);
  } finally {
    stopHttp();
    await new Promise((resolve) => (http.exitCode !== null || http.signalCode !== null ? resolve() : http.once('exit', resolve)));
    const left = await waitForNoLeftovers([], 2000);
    printLeftovers(left);
    if (left.length) failures.push(`${left.length} server process(es) left at the end`);
    const stopping = /stopping: .*/.exec(httpServer.output)?.[0];
    if (stopping) log(`HTTP server ${stopping}`);
    if (!KEEP) fs.rmSync(DIR, { recursive: true, force: true });
  }

  printVerdict(failures);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
