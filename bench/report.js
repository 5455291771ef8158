'use strict';
/** What `bench/run.js` prints: the machine it ran on, then medians and a ratio per comparison. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, median } = require('./lib');
const { ONLY, ROUNDS, SDKS, WORKERS } = require('./settings');

function versionOf(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Figures from a shared machine mean little without its load and versions, so they come first. */
function printMachine() {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} cpus (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `load ${loadavg()}; node ${process.version} ${process.platform}-${process.arch}; ` +
      `jest ${versionOf('jest')}, @modelcontextprotocol/sdk ${versionOf('@modelcontextprotocol/sdk')}, ` +
      `@modelcontextprotocol/client ${versionOf('@modelcontextprotocol/client')}; ` +
      `${ROUNDS} rounds, --maxWorkers=${WORKERS}, medians; BENCH_ONLY=${ONLY.join(',') || 'all'}, SDKs ${SDKS.map((s) => s.label).join(', ')}`,
  );
}

const fmt = (value, unit) => (unit === 'ms' ? `${value.toFixed(0)}ms` : `${value.toFixed(value < 10 ? 2 : 1)}s`);

/** One line per comparison ending in `ratio=`, the samples of every round, then missed targets. */
function printComparisons(selected) {
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
      console.log(`${line.title}: ${line.a} ${fmt(ma, group.unit)}, ${line.b} ${fmt(mb, group.unit)}, ratio=${ratio.toFixed(2)} ${target}`);
      console.log(
        `  rounds: ${line.a} [${a.map((v) => fmt(v, group.unit)).join(' ')}], ${line.b} [${b.map((v) => fmt(v, group.unit)).join(' ')}]`,
      );
      // The CPU floor: the CPU the run needed spread over every core, the least wall time it can take here.
      const cpu = (v) => group.projects[v]?.cpu;
      if (cpu(line.a)?.length && cpu(line.b)?.length) {
        const cores = os.cpus().length;
        const floor = (v) => `${fmt(median(cpu(v)), 's')} CPU, floor ${fmt(median(cpu(v)) / cores, 's')}`;
        console.log(`  CPU (median, Jest and its children, ${cores} cores): ${line.a} ${floor(line.a)}; ${line.b} ${floor(line.b)}`);
      }
    }
  }
  if (missed.length) console.log(`targets missed:\n  - ${missed.join('\n  - ')}`);
}

function printLeftovers(left) {
  console.log(`leftover server processes: ${left.length}${left.length ? `\n  ${left.join('\n  ')}` : ''}; load at the end ${loadavg()}`);
}

function printVerdict(failures) {
  if (failures.length) {
    console.log(`bench: FAILED\n  - ${failures.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    console.log('bench: OK (every Jest run exited by itself and passed)');
  }
}

module.exports = { printComparisons, printLeftovers, printMachine, printVerdict };
