#!/usr/bin/env node
'use strict';
// The client under test for the official conformance suite: `conformance client --command
// "node test/conformance-client/client.js"` runs this with the scenario server's URL. It writes
// a Jest project configured only as docs/oauth.md says (jest-mcp's preset, one client, its
// `auth` from the scenario's context through `${VAR}`), runs Jest on it, and exits as Jest does.
// CONFORMANCE_SDK=v1|v2 picks the SDK generation.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '../..');
const url = process.argv[2];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO || '';
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || '{}');
const protocolVersion = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION;
const sdk = process.env.CONFORMANCE_SDK === 'v1' ? 'v1' : 'v2';

// The Client ID Metadata Document URL the suite's authorization server accepts.
const CIMD_URL = 'https://conformance-test.local/client-metadata.json';

function auth() {
  if (scenario === 'auth/client-credentials-basic') {
    return { clientCredentials: { clientId: '${CONFORMANCE_CLIENT_ID}', clientSecret: '${CONFORMANCE_CLIENT_SECRET}' } };
  }
  if (scenario === 'auth/client-credentials-jwt') {
    return {
      clientCredentials: {
        clientId: '${CONFORMANCE_CLIENT_ID}',
        privateKey: '${CONFORMANCE_PRIVATE_KEY}',
        algorithm: context.signing_algorithm || 'ES256',
      },
    };
  }
  if (scenario === 'auth/pre-registration') {
    return { authorizationCode: { clientId: '${CONFORMANCE_CLIENT_ID}', clientSecret: '${CONFORMANCE_CLIENT_SECRET}' } };
  }
  if (scenario.startsWith('auth/')) return { authorizationCode: { clientMetadataUrl: CIMD_URL } };
  return undefined;
}

const client = { url, auth: auth() };
if (scenario === 'elicitation-sep1034-client-defaults') {
  client.elicitation = { form: { applyDefaults: true, response: { action: 'accept', content: {} } } };
}
// A scenario whose tool asks the user to confirm (multi-round-trip requests).
if (scenario === 'sep-2322-client-request-state') client.elicitation = { response: { action: 'accept', content: {} } };
if (protocolVersion === '2026-07-28' && sdk === 'v2') client.protocol = '2026-07-28';

const id = `${scenario.replace(/\W+/g, '-')}-${sdk}-${process.pid}`;
const tmp = path.join(REPO, '.tmp');
const dir = path.join(tmp, 'conformance-client', id);
fs.mkdirSync(dir, { recursive: true });
const link = path.join(tmp, 'node_modules', 'jest-mcp');
if (!fs.existsSync(link)) {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(REPO, link, 'dir');
}
const declared = sdk === 'v1' ? '@modelcontextprotocol/sdk' : '@modelcontextprotocol/client';
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: id, private: true, devDependencies: { [declared]: '*' } }));
const config = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { sdk, clients: { client: { ...client, auth: client.auth } } } } };
fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
fs.copyFileSync(path.join(__dirname, 'calls.test.js'), path.join(dir, 'scenario.test.js'));

const env = {
  ...process.env,
  CONFORMANCE_CLIENT_ID: context.client_id || '',
  CONFORMANCE_CLIENT_SECRET: context.client_secret || '',
  CONFORMANCE_PRIVATE_KEY: context.private_key_pem || '',
};
const jest = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, '--ci', '--runInBand', '--rootDir', dir], { cwd: dir, env, stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(run.status ?? 1);
