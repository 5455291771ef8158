#!/usr/bin/env node
'use strict';
// Runs the official conformance suite's client scenarios against jest-mcp (client.js) and
// prints a table of verdicts: every scenario of the 2025-11-25 and 2026-07-28 requirement sets
// (each run at its own revision) plus the client-credentials extensions, on SDK 2.x and 1.x.
// Usage: npm run conformance:client [-- --sdk v2|v1] [-- --only <scenario,...>] [-- --jobs N]
const fs = require('node:fs');
const path = require('node:path');

const { EXTRA, clientScenarios, runScenario } = require('./scenarios.js');

const REPO = path.resolve(__dirname, '../..');

const argument = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};

function plan() {
  const runs = [];
  for (const revision of ['2025-11-25', '2026-07-28']) for (const scenario of clientScenarios(revision)) runs.push({ scenario, revision });
  for (const scenario of EXTRA) runs.push({ scenario, revision: undefined });
  const only = argument('only')?.split(',');
  return only ? runs.filter((run) => only.includes(run.scenario)) : runs;
}

async function main() {
  const sdks = argument('sdk') ? [argument('sdk')] : ['v2', 'v1'];
  const jobs = Number(argument('jobs') ?? 2);
  const runs = plan();
  const results = [];
  const queue = sdks.flatMap((sdk) => runs.map((run) => ({ ...run, sdk })));
  const logDir = path.join(REPO, '.tmp', 'conformance-client-logs');
  fs.mkdirSync(logDir, { recursive: true });
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await runScenario(next);
        fs.writeFileSync(
          path.join(logDir, `${next.scenario.replace(/\W+/g, '-')}-${next.revision ?? 'ext'}-${next.sdk}.log`),
          result.output,
        );
        results.push({ ...next, ...result });
        process.stderr.write(`${result.passed ? 'PASS' : 'FAIL'} ${next.sdk} ${next.revision ?? 'extension'} ${next.scenario}\n`);
      }
    }),
  );
  const key = (r) => `${r.revision ?? 'extension'} ${r.scenario}`;
  const rows = [...new Set(runs.map(key))];
  const width = Math.max(...rows.map((r) => r.length));
  console.log(`\n${'scenario'.padEnd(width)}  ${sdks.map((s) => s.padEnd(14)).join('')}`);
  for (const row of rows) {
    const cells = sdks.map((sdk) => {
      const r = results.find((x) => key(x) === row && x.sdk === sdk);
      return `${r.passed ? 'pass' : 'FAIL'} ${r.counts}`.padEnd(14);
    });
    console.log(`${row.padEnd(width)}  ${cells.join('')}`);
  }
  for (const sdk of sdks) {
    const mine = results.filter((r) => r.sdk === sdk);
    console.log(`${sdk}: ${mine.filter((r) => r.passed).length}/${mine.length} scenarios pass`);
  }
  console.log(`(logs in ${path.relative(REPO, logDir)})`);
  process.exitCode = results.every((r) => r.passed) ? 0 : 1;
}

void main();
