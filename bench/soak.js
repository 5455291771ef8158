#!/usr/bin/env node
'use strict';
/**
 * Soak: many test files on 2 workers, mixed stdio and Streamable HTTP clients, through the
 * packaged preset. Afterwards: Jest exited by itself, no server process is left, and the open
 * file descriptors of each worker did not grow from its first files to its last.
 *
 *   node bench/soak.js [--files 200] [--workers 2] [--sdk v1|v2] [--keep]
 *
 * --sdk: the SDK generation of jest-mcp's clients (default v1, the generation of the figures in
 * bench/README.md); the servers are 1.x either way, which a 2.x client reaches in the legacy era.
 *
 * Prints its figures and exits non-zero if any check fails. Needs `npm run build` first.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, freePort, linkPackage, median, processesWith, startServer } = require('./lib');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const FILES = option('--files', 200);
const WORKERS = option('--workers', 2);
const SDK = argv.includes('--sdk') ? argv[argv.indexOf('--sdk') + 1] : 'v1';
const MARKER = `jmcp-soak-${process.pid}-${Date.now()}`;
const DIR = path.join(REPO, '.tmp', 'soak', MARKER);
const RESULTS = path.join(DIR, 'fds.jsonl');

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'environment.js'))) throw new Error('run `npm run build` first');
  linkPackage();
  fs.mkdirSync(DIR, { recursive: true });
  const port = await freePort();
  const { child: http } = await startServer(path.join(REPO, 'test/servers/run-http.js'), ['--port', String(port), MARKER], {
    stdin: 'pipe',
  });

  const stdioServer = path.join(REPO, 'test/servers/core-stdio.js');
  fs.writeFileSync(
    path.join(DIR, 'jest.config.js'),
    `module.exports = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { sdk: '${SDK}', clients: {
      http: { url: 'http://127.0.0.1:${port}/mcp' },
      stdio: { command: process.execPath, args: ${JSON.stringify([stdioServer, 'soak', path.join(DIR, 'events.log'), MARKER])} },
    } } } };`,
  );
  for (let i = 0; i < FILES; i++) {
    const client = i % 2 === 0 ? 'http' : 'stdio';
    fs.writeFileSync(
      path.join(DIR, `f${String(i).padStart(4, '0')}.test.js`),
      `/** @mcp-clients ${client} */
      const fs = require('node:fs');
      for (const n of [1, 2, 3]) {
        test('call ' + n, async () => {
          expect(await mcpClients.${client}.callTool({ name: 'whoami', arguments: {} })).toBeToolSuccess();
        });
      }
      afterAll(() => {
        fs.appendFileSync(${JSON.stringify(RESULTS)}, JSON.stringify({ pid: process.pid, file: ${i}, fds: fs.readdirSync('/proc/self/fd').length }) + '\\n');
      });`,
    );
  }

  const started = Date.now();
  // 3 s for a finished worker to exit: Jest's 500 ms is missed on a busy machine by workers
  // with nothing open; a real leak still shows.
  const args = [path.join(REPO, 'node_modules/jest/bin/jest.js'), '--ci', `--maxWorkers=${WORKERS}`, '--workerGracefulExitTimeout=3000'];
  const jest = spawn(process.execPath, args, {
    cwd: DIR,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  jest.stdout.on('data', (d) => (output += d));
  jest.stderr.on('data', (d) => (output += d));
  const killer = setTimeout(() => jest.kill('SIGKILL'), 20 * 60 * 1000);
  const code = await new Promise((resolve) => jest.on('exit', (c, s) => resolve(c ?? s)));
  clearTimeout(killer);
  const seconds = (Date.now() - started) / 1000;

  http.kill('SIGTERM');
  await new Promise((resolve) => (http.exitCode !== null ? resolve() : http.once('exit', resolve)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const left = processesWith(MARKER).map((line) => line.split(' ')[0]);

  const records = fs.existsSync(RESULTS)
    ? fs
        .readFileSync(RESULTS, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
  const byWorker = new Map();
  for (const r of records) byWorker.set(r.pid, [...(byWorker.get(r.pid) ?? []), r.fds]);
  const problems = [];
  const workerLines = [];
  for (const [pid, fds] of byWorker) {
    const window = Math.max(3, Math.min(10, Math.floor(fds.length / 4)));
    const first = median(fds.slice(0, window));
    const last = median(fds.slice(-window));
    workerLines.push(`worker ${pid}: ${fds.length} files, open fds first=${first} last=${last} max=${Math.max(...fds)}`);
    if (last - first > 3) problems.push(`worker ${pid}: open fds grew from ${first} to ${last}`);
  }
  const summary = /Tests:.*$/m.exec(output)?.[0] ?? '(no summary)';
  if (code !== 0) problems.push(`jest exited with ${code}`);
  if (records.length !== FILES) problems.push(`${records.length} of ${FILES} files reported`);
  if (/did not exit one second|failed to exit gracefully/i.test(output)) problems.push('Jest warned that something did not exit');
  if (left.length) problems.push(`${left.length} server process(es) left: ${left.join(', ')}`);

  console.log(`soak: ${FILES} files x 3 tests, ${WORKERS} workers, mixed stdio/HTTP, SDK ${SDK}`);
  console.log(`soak: jest exited by itself with ${code} in ${seconds.toFixed(1)} s; ${summary}`);
  for (const line of workerLines) console.log(`soak: ${line}`);
  console.log(`soak: leftover server processes: ${left.length}`);
  if (problems.length) {
    console.log(`soak: FAILED\n  - ${problems.join('\n  - ')}`);
    if (code !== 0) console.log(output.slice(-4000));
  } else {
    console.log('soak: OK');
  }
  if (!argv.includes('--keep')) fs.rmSync(DIR, { recursive: true, force: true });
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
