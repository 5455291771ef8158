'use strict';
/**
 * Runs Jest on a generated project and times it, and runs the rounds of the selected comparisons.
 * A run counts only if Jest exits by itself with every test passed, no exit warning and no server
 * process left; anything else is recorded in `failures` and makes the bench fail.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { processesWith } = require('./lib');
const { DIR, GRACEFUL_EXIT_MS, JEST_BIN, MARKER, ROUNDS, RUN_TIMEOUT_MS, WORKERS } = require('./settings');

const log = (...args) => console.error('  ·', ...args);

const failures = [];
// The shared HTTP server carries the marker too, but is meant to outlive every Jest run.
const spared = [];
function spareProcess(pid) {
  spared.push(pid);
}

async function waitForNoLeftovers(except, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const left = processesWith(MARKER, except);
    if (!left.length || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Seconds of the whole run, or what the test wrote (`inTest` projects); undefined if it failed. */
async function runJest(label, project, { warmup = false } = {}) {
  const result = path.join(project.dir, `result-${Date.now()}.json`);
  const args = [
    JEST_BIN,
    '--ci',
    `--maxWorkers=${WORKERS}`,
    `--cacheDirectory=${path.join(DIR, 'jest-cache')}`,
    // Jest's default of 500 ms is missed by workers with nothing left open when the machine is
    // busy ("A worker process has failed to exit gracefully" from a project of
    // `expect(1).toBe(1)` files at load 10); a real leak still shows, and costs no time otherwise.
    `--workerGracefulExitTimeout=${GRACEFUL_EXIT_MS}`,
  ];
  // Warm-up: the first test of the first file, enough to load everything once.
  if (warmup && !project.inTest) args.push('--testNamePattern=^(echo 0|x)$', '--', 'f00\\.test\\.js$');
  const started = process.hrtime.bigint();
  // Through bash, whose `times` then prints the CPU time of Jest and everything it waited for (its
  // workers and, through them, the servers they started): the CPU the run needed.
  const child = spawn('bash', ['-c', '"$@"; code=$?; echo bench-cpu: >&2; times >&2; exit $code', 'bench', process.execPath, ...args], {
    cwd: project.dir,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', JEST_WORKER_ID: undefined, BENCH_RESULT: result },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, RUN_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
  clearTimeout(killer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuSeconds(output);

  const problems = [];
  const expected = warmup ? 1 : project.tests;
  const skipped = warmup && project.perFile > 1 ? `, ${project.perFile - 1} skipped` : '';
  if (timedOut) problems.push(`did not exit within ${RUN_TIMEOUT_MS / 1000} s (killed)`);
  else if (code !== 0) problems.push(`exited with ${code}`);
  const summary = /^Tests:.*$/m.exec(output)?.[0] ?? '(no summary)';
  if (
    !new RegExp(
      `^Tests:\\s+${skipped ? `${project.perFile - 1} skipped, ` : ''}${expected} passed, ${expected + (skipped ? project.perFile - 1 : 0)} total`,
      'm',
    ).test(output)
  ) {
    problems.push(`expected ${expected} passed tests, got "${summary}"`);
  }
  if (/did not exit one second|failed to exit gracefully|open handle/i.test(output))
    problems.push('Jest warned that something did not exit');
  const left = await waitForNoLeftovers(spared, 2000);
  if (left.length) problems.push(`server process(es) left after the run:\n      ${left.join('\n      ')}`);
  let timings;
  if (project.inTest && !problems.length) {
    try {
      timings = JSON.parse(fs.readFileSync(result, 'utf8'));
    } catch (error) {
      problems.push(`no in-test timing written (${error.message})`);
    }
  }
  if (problems.length) {
    failures.push(`${label}: ${problems.join('; ')}`);
    console.error(`FAILED ${label}: ${problems.join('; ')}\n${output.slice(-3000)}`);
  }
  const inTest = timings
    ? `, in test ${Object.entries(timings)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `${k === 'ms' ? '' : `${k} `}${v.toFixed(1)} ms`)
        .join(', ')}`
    : '';
  log(
    `${label}: ${seconds.toFixed(2)} s${cpu === undefined ? '' : ` (CPU ${cpu.toFixed(2)} s)`}${inTest}${problems.length ? ' FAILED' : ''}`,
  );
  if (problems.length) return undefined;
  if (!warmup && !project.inTest && cpu !== undefined) project.cpu = [...(project.cpu ?? []), cpu];
  return project.inTest ? timings : seconds;
}

/** Children's user + system seconds: the second line bash's `times` prints (`0m1.234s 0m0.567s`). */
function cpuSeconds(output) {
  const line = /^bench-cpu:\n.*\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/m.exec(output);
  return line ? Number(line[1]) * 60 + Number(line[2]) + Number(line[3]) * 60 + Number(line[4]) : undefined;
}

/**
 * One uncounted warm-up run per project (so disk caches and Jest's haste map are warm), then
 * ROUNDS rounds in which a group's variants take turns, the order rotating every round, so no
 * variant always runs first or last. Samples go into `group.samples`.
 */
async function runRounds(selected) {
  for (const group of selected) {
    for (const [variant, project] of Object.entries(group.projects))
      await runJest(`warm-up ${group.name} ${variant}`, project, { warmup: true });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const group of selected) {
      const names = Object.keys(group.projects);
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const variant of order) {
        const value = await runJest(`round ${round + 1} ${group.name} ${variant}`, group.projects[variant]);
        if (typeof value === 'number') group.samples[variant].push(value);
        else if (value && 'ms' in value) group.samples[variant].push(value.ms);
        // A paired run reports both sides (and its block ratios) from one project.
        else if (value) for (const [key, ms] of Object.entries(value)) (group.samples[key] ??= []).push(...[ms].flat());
      }
    }
  }
}

module.exports = { failures, log, runJest, runRounds, spareProcess, waitForNoLeftovers };
