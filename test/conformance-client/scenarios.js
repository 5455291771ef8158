'use strict';
// The official conformance suite's client scenarios, run with jest-mcp as the client under test
// (client.js): shared by the whole-suite script (run.js) and the e2e test of a subset.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { node22, conformance } = require('../../tools/paths.js');

const REPO = path.resolve(__dirname, '../..');
const REQUIREMENTS = path.join(path.dirname(path.dirname(conformance)), 'requirements');
const EXTRA = ['auth/client-credentials-basic', 'auth/client-credentials-jwt'];

/** The `client:` list of a frozen requirement set (a flat YAML list). */
function clientScenarios(revision) {
  const text = fs.readFileSync(path.join(REQUIREMENTS, `${revision}.yaml`), 'utf8');
  const block = /^client:\n((?:  - .*\n)+)/m.exec(text);
  return block
    ? block[1]
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/^  - /, '').trim())
    : [];
}

/** One scenario, one SDK generation: the suite's verdict, its check counts, the failed checks and the whole output. */
function runScenario({ scenario, revision, sdk }) {
  const args = [conformance, 'client', '--command', `node ${path.join(__dirname, 'client.js')}`, '--scenario', scenario];
  if (revision) args.push('--spec-version', revision);
  return new Promise((resolve) => {
    const child = spawn(node22, args, { cwd: REPO, env: { ...process.env, CONFORMANCE_SDK: sdk }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', () => {
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const passed = /OVERALL: PASSED/.test(plain);
      const counts = /Passed: (\d+)\/(\d+)/.exec(plain);
      const failed = [...plain.matchAll(/\] FAILURE +(.*)/g)].map((m) => m[1].trim());
      resolve({ passed, counts: counts ? `${counts[1]}/${counts[2]}` : '-', failed, output: plain });
    });
  });
}

module.exports = { EXTRA, clientScenarios, runScenario };
