#!/usr/bin/env node
'use strict';
/**
 * Signing users in once per run vs once per file: a 10 × 10 suite (10 files of 10 tests, each
 * test calling `whoami` as one of four users: alice, bob, charlie, diana) against an
 * authorization server with a login page (test/servers/oauth-login-server.js), on 2 workers.
 * `run`: jest-mcp's token broker, each user signs in once per run. `file`: the same suite where
 * each file names its own redirect URI (`@jest-environment-options`), so each file signs its four
 * users in again. Prints each round's wall time, the medians, their ratio, and the sign-ins the
 * authorization server counted per run.
 * Usage: node bench/signin.js [rounds=3]   (BENCH_SDK=v1|v2, default v2; BENCH_LOGIN_DELAY=ms a password check
 * costs at the authorization server, default 250; BENCH_KEEP=1 keeps .tmp/bench/signin-*)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { REPO, linkPackage, median, startServer } = require('./lib');

const ROUNDS = Number(process.argv[2] ?? 3);
const SDK = process.env.BENCH_SDK === 'v1' ? 'v1' : 'v2';
const USERS = ['alice', 'bob', 'charlie', 'diana'];
const FILES = 10;
const TESTS = 10;
const SALT = `bench-${process.pid}`;
// What a password check costs at the authorization server (ms): 0 is the fixture as fast as it goes.
const LOGIN_DELAY = Number(process.env.BENCH_LOGIN_DELAY ?? 250);
const DIR = path.join(REPO, '.tmp', 'bench');

function mcpOptions(url, redirectUrl) {
  const clients = Object.fromEntries(
    USERS.map((user) => [
      user,
      {
        url,
        auth: {
          authorizationCode: { login: { username: user, password: `\${PW_${user.toUpperCase()}}` }, ...(redirectUrl && { redirectUrl }) },
        },
      },
    ]),
  );
  return { sdk: SDK, clients };
}

function writeProject(name, url, perFile) {
  const dir = path.join(DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  const config = { preset: 'jest-mcp', transform: {}, testEnvironmentOptions: { mcp: mcpOptions(url) } };
  fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
  for (let f = 0; f < FILES; f++) {
    const own = perFile
      ? `/** @jest-environment-options ${JSON.stringify({ mcp: mcpOptions(url, `http://127.0.0.1/cb/file-${f}`) })} */\n`
      : '';
    const tests = Array.from({ length: TESTS }, (_, t) => {
      const user = USERS[(f + t) % USERS.length];
      return `test('${user} ${t}', async () => {\n  expect((await mcpClients.${user}.callTool({ name: 'whoami', arguments: {} })).content[0].text).toMatch(/^user ${user};/);\n});`;
    });
    fs.writeFileSync(path.join(dir, `f${String(f).padStart(2, '0')}.test.js`), `${own}${tests.join('\n')}\n`);
  }
  return dir;
}

/** Authorization code grants so far (over a fresh connection: a kept-alive one may have timed out during a run). */
async function signIns(base) {
  const stats = await new Promise((resolve, reject) => {
    http
      .get(`${base}/stats`, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
  return USERS.reduce((sum, user) => sum + (stats[user]?.authorization_code ?? 0), 0);
}

async function main() {
  linkPackage();
  const secrets = path.join(DIR, 'signin-issued');
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(secrets, '');
  const server = await startServer(
    path.join(REPO, 'test/servers/oauth-login-server.js'),
    ['0', SALT, secrets, '--login-delay', String(LOGIN_DELAY)],
    { stdin: 'pipe' },
  );
  const base = `http://127.0.0.1:${server.port}`;
  const variants = { run: writeProject('signin-run', `${base}/mcp`, false), file: writeProject('signin-file', `${base}/mcp`, true) };
  const env = { ...process.env, ...Object.fromEntries(USERS.map((u) => [`PW_${u.toUpperCase()}`, `${u}-${SALT}`])) };
  const jest = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
  const times = { run: [], file: [] };
  const counted = { run: [], file: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of ['run', 'file']) {
        const before = await signIns(base);
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [jest, '--ci', '--maxWorkers=2'], { cwd: variants[name], env, encoding: 'utf8' });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (result.status !== 0) throw new Error(`the ${name} suite failed:\n${result.stderr.slice(-3000)}`);
        times[name].push(seconds);
        counted[name].push((await signIns(base)) - before);
        console.log(`round ${round + 1} ${name}: ${seconds.toFixed(2)} s, ${counted[name].at(-1)} sign-ins`);
      }
    }
  } finally {
    server.child.stdin.end();
    if (!process.env.BENCH_KEEP) for (const dir of Object.values(variants)) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(secrets, { force: true });
  }
  const run = median(times.run);
  const file = median(times.file);
  console.log(`\nSDK ${SDK}, ${FILES} files x ${TESTS} tests, 4 users, 2 workers, login ${LOGIN_DELAY} ms, medians of ${ROUNDS}:`);
  console.log(`  once per run:  ${run.toFixed(2)} s (${median(counted.run)} sign-ins)`);
  console.log(`  once per file: ${file.toFixed(2)} s (${median(counted.file)} sign-ins)`);
  console.log(`  ratio run/file: ${(run / file).toFixed(2)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
