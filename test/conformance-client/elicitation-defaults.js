'use strict';
// The client under test for the official conformance scenario elicitation-sep1034-client-defaults:
// a Jest run of a jest-mcp project, configured only as the docs say, whose client points at the
// scenario's server (the URL the suite passes as the last argument) and accepts its form with an
// empty answer, so every field must come from the schema's defaults (applyDefaults).
//
//   <conformance> client --scenario elicitation-sep1034-client-defaults \
//     --command "node test/conformance-client/elicitation-defaults.js v1|v2"
//
// Exits with Jest's code; the project is removed afterwards.
const { spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const [sdk, url] = process.argv.slice(2);
if (!['v1', 'v2'].includes(sdk) || !url) {
  process.stderr.write('usage: elicitation-defaults.js v1|v2 <server url>\n');
  process.exit(2);
}

// Same layout as test/helpers/project.ts: under .tmp/ so this repo's node_modules resolve, and
// jest-mcp through .tmp/node_modules/jest-mcp, a link to the repo.
const tmp = path.join(REPO, '.tmp');
const link = path.join(tmp, 'node_modules/jest-mcp');
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  fs.symlinkSync(REPO, link, 'dir');
} catch (error) {
  if (error.code !== 'EEXIST') throw error;
}
const dir = path.join(tmp, 'e2e', `sep1034-${randomUUID().slice(0, 8)}`);
fs.mkdirSync(dir, { recursive: true });
const pkg = sdk === 'v2' ? '@modelcontextprotocol/client' : '@modelcontextprotocol/sdk';
fs.writeFileSync(
  path.join(dir, 'package.json'),
  JSON.stringify({ name: path.basename(dir), private: true, devDependencies: { [pkg]: '*' } }),
);
const config = {
  preset: 'jest-mcp',
  testEnvironmentOptions: {
    mcp: {
      sdk,
      clients: { scenario: { url, elicitation: { form: { applyDefaults: true, response: { action: 'accept', content: {} } } } } },
    },
  },
};
fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
fs.writeFileSync(
  path.join(dir, 'defaults.test.js'),
  `test('the scenario tool runs with the defaults filled in', async () => {
  const result = await mcpClients.scenario.callTool({ name: 'test_client_elicitation_defaults', arguments: {} });
  expect(result.content[0].text).toMatch(/^Elicitation completed: /);
});
`,
);
const jest = spawnSync(process.execPath, [path.join(REPO, 'node_modules/jest/bin/jest.js'), '--ci'], { cwd: dir, stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(jest.status ?? 1);
