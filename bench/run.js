#!/usr/bin/env node
'use strict';
/**
 * Performance comparisons of jest-mcp against hand-written MCP clients, each measured side by
 * side in one run: the variants of a comparison are interleaved round after round (the order
 * rotating each round) and the medians are reported.
 *
 *   npm run bench                       (builds, then runs this: BENCH_ONLY=sdk,paired-stdio)
 *   BENCH_ROUNDS=5 node bench/run.js     rounds per variant (default 3)
 *   BENCH_ONLY=stdio,noclient            only some comparisons: sdk, sdk-http, sdk-stdio, http,
 *                                        stdio, pertest, perfile, noclient, calls, calls-http,
 *                                        calls-stdio, paired, paired-http, paired-stdio, coverage,
 *                                        coverage-http, coverage-stdio, large, large-http,
 *                                        everything, everything-stdio; `all`: every one
 *   node bench/run.js coverage           the same selection as an argument (npm run bench:coverage)
 *   BENCH_SDK=v1,v2                      SDK generations and eras of the sdk and paired comparisons
 *                                        (v1, v2, v2:legacy, v2:2026-07-28; default v1,v2)
 *   BENCH_FILES=10                       files of the suites (default 20, and 10 for sdk)
 *   BENCH_KEEP=1                         keep the generated projects under .tmp/bench/
 *
 * Comparisons:
 *   1. sdk:       10 files x 10 tests calling an `echo` tool, per SDK generation and era of
 *      BENCH_SDK (1.x against the bench's 1.x echo servers; 2.x legacy and 2026-07-28 against
 *      the 2.x fixture server test/servers/v2-server.js): jest-mcp (one session per file) vs.
 *      hand-written clients of the same SDK in beforeAll/afterAll. Over HTTP and over stdio.
 *   2. per-test:  20 files x 20 tests, 1.x. jest-mcp (`mcpClients.x.callTool`) vs. a fresh raw
 *      SDK Client + transport per test (beforeEach/afterEach in a plain `node` environment).
 *   3. per-file:  the same suite, jest-mcp vs. raw SDK clients in beforeAll/afterAll.
 *   4. noclient:  50 files that open no client: jest-mcp's preset (clients configured, every
 *      file selecting none with an empty `@mcp-clients`) vs. Jest's plain `node` environment.
 *   5. calls:     1000 sequential callTool calls inside one test, timed in the test with
 *      performance.now(): `mcpClients.x` vs. a raw 1.x client opened in beforeAll, each in its
 *      own run (ratio of the medians); and "paired", per SDK of BENCH_SDK: both clients in one
 *      test of one jest-mcp run, in alternating blocks of 50 calls, so both sides see the same
 *      machine load (ratio: median of the ratios of adjacent blocks, over all rounds).
 *   6. coverage:  the 10 x 10 jest-mcp suite (1.x, HTTP and stdio) with `jest-mcp/reporter`
 *      (table, JSON, HTML, threshold) vs. without it (target 1.03).
 *   7. large:     5 MB and 10 MB text results over Streamable HTTP (1.x), `mcpClients.x` and a
 *      raw client taking turns call by call in one test (target 1.5).
 *   8. everything: 10 x 10 over stdio against server-everything (1.x; it exits ~280 ms after
 *      stdin EOF): jest-mcp, jest-mcp with each file's close awaiting its server's exit
 *      (JEST_MCP_BACKGROUND_STOPS=0), and beforeAll/afterAll clients (target 0.65).
 * Every suite line also prints the CPU time of the runs (Jest and its children, bash's `times`)
 * and the floor it sets: that CPU over the machine's cores.
 *
 * jest-mcp projects name their SDK (`mcp.sdk`): under .tmp/ the repo's package.json, which
 * declares both generations, would otherwise pick 2.x.
 * Every project sets `transform: {}` on both sides, so babel-jest's (equal) cost does not dilute
 * the ratios. Every Jest run must exit by itself with all tests passed and leave no server
 * process behind; otherwise the script exits 1. A missed target is reported, not a failure.
 * Needs `npm run build` first (npm run bench does it).
 *
 * The parts: settings.js (the knobs above), sdks.js (SDK generations and eras, hand-written
 * clients of each), projects.js (the generated projects), suite.js (the comparisons), runner.js
 * (running and timing Jest, the rounds), report.js (medians, ratios, printing).
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO, freePort, linkPackage, startServer } = require('./lib');
const { SERVERS, httpServerArgs } = require('./sdks');
const { DIR, KEEP, MARKER, ONLY, SDKS } = require('./settings');
const { clientKinds } = require('./projects');
const { comparisons, selectComparisons } = require('./suite');
const { failures, log, runRounds, spareProcess, waitForNoLeftovers } = require('./runner');
const { printComparisons, printLeftovers, printMachine, printVerdict } = require('./report');

const running = (child) => child.exitCode === null && child.signalCode === null;

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'environment.js'))) throw new Error('run `npm run build` first');
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });
  printMachine();

  // One HTTP server per SDK generation for every run, so HTTP variants compare clients, not
  // server start-up. The 1.x one serves the 1.x comparisons of old whatever BENCH_SDK says.
  const servers = {};
  const stopAll = () => Object.values(servers).forEach((s) => running(s.child) && s.child.kill('SIGTERM'));
  process.once('SIGINT', () => {
    stopAll();
    process.exit(130);
  });

  try {
    const urls = {};
    for (const gen of new Set(['v1', ...SDKS.map((s) => s.sdk)])) {
      servers[gen] = await startServer(SERVERS[gen].http, httpServerArgs(gen, await freePort(), MARKER));
      spareProcess(servers[gen].child.pid);
      urls[gen] = `http://127.0.0.1:${servers[gen].port}/mcp`;
    }
    const selected = selectComparisons(comparisons(clientKinds(urls)), ONLY);
    if (!selected.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} selects nothing`);
    await runRounds(selected);
    printComparisons(selected);
  } finally {
    stopAll();
    await Promise.all(Object.values(servers).map(({ child }) => running(child) && new Promise((resolve) => child.once('exit', resolve))));
    const left = await waitForNoLeftovers([], 2000);
    printLeftovers(left);
    if (left.length) failures.push(`${left.length} server process(es) left at the end`);
    const stopping = /stopping: .*/.exec(servers.v1?.output ?? '')?.[0];
    if (stopping) log(`1.x HTTP server ${stopping}`);
    if (!KEEP) fs.rmSync(DIR, { recursive: true, force: true });
  }

  printVerdict(failures);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
