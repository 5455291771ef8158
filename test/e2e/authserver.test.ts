import * as fs from 'node:fs';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { OAUTH_BROWSER, PROTECTED_RESOURCE, node, serverLog } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * The test authorization server (jest-mcp/oauth) in a user's project: started in a test file
 * (login form, consent, PKCE, refresh rotation, client credentials, dynamic registration, Client
 * ID Metadata Documents), and for the run by `mcp.authServers`, before a protected MCP server
 * that is given its issuer and JWKS URL through `${authServers.main.…}`, which refuses the bad
 * tokens `mintToken` makes. One file fails on purpose: everything is stopped all the same, and no
 * password, secret or token is printed or logged.
 */
const PASSWORD = `canary-pw-${Date.now()}-alice`;
const SECRET = `canary-cs-${Date.now()}-machine`;

let project: Project;
let run: JestRun;

const FLOWS = `
const { startAuthServer } = require('jest-mcp/oauth');
const { signIn, browse, tokenRequest, claimsOf } = require(${JSON.stringify(OAUTH_BROWSER)});
const http = require('node:http');
const REDIRECT = 'http://127.0.0.1:1/callback';
const RESOURCE = 'http://127.0.0.1:2/mcp';
let as;
beforeAll(async () => {
  as = await startAuthServer({
    users: { alice: { password: process.env.ALICE_PASSWORD, claims: { email: 'alice@example.test' } }, diana: { password: 'diana-pw', consent: 'deny' } },
    clients: [
      { client_id: 'app', redirect_uris: [REDIRECT] },
      { client_id: 'machine', client_secret: process.env.MACHINE_SECRET },
    ],
    scopes: ['notes:read', 'notes:write'],
  });
});
afterAll(() => as.close());

test('RFC 8414 metadata: issuer, S256, iss in responses, registration, CIMD, JWKS', async () => {
  const metadata = await (await fetch(as.metadataUrl)).json();
  expect(metadata).toMatchObject({
    issuer: as.issuer,
    jwks_uri: as.jwksUri,
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
    scopes_supported: ['openid', 'offline_access', 'notes:read', 'notes:write'],
  });
  expect(metadata.registration_endpoint).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:/);
  expect(as.issuer).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);
  const oidc = await (await fetch(as.issuer + '/.well-known/openid-configuration')).json();
  expect(oidc.issuer).toBe(as.issuer);
  expect((await (await fetch(as.jwksUri)).json()).keys[0]).not.toHaveProperty('d');
});

test('a wrong password shows the form again; the right one gives a code, iss, and a JWT for the resource', async () => {
  const wrong = await signIn(as, { clientId: 'app', redirectUri: REDIRECT, login: { username: 'alice', password: 'nope' } });
  expect(wrong.pages.at(-1)).toMatch(/Wrong username or password/);
  expect(wrong.pages.at(-1)).toMatch(/<input name="password" type="password"/);
  const ok = await signIn(as, { clientId: 'app', redirectUri: REDIRECT, resource: RESOURCE, login: { username: 'alice', password: process.env.ALICE_PASSWORD } });
  expect(ok.query.iss).toBe(as.issuer);
  expect(ok.status).toBe(200);
  expect(claimsOf(ok.token.access_token)).toMatchObject({ iss: as.issuer, aud: RESOURCE, sub: 'alice', client_id: 'app', scope: 'notes:read notes:write' });
  expect(typeof ok.token.refresh_token).toBe('string');
  expect(as.tokenRequests().at(-1)).toEqual({ grantType: 'authorization_code', clientId: 'app', user: 'alice' });
});

test('a user who refuses consent: access_denied back at the client', async () => {
  const refused = await signIn(as, { clientId: 'app', redirectUri: REDIRECT, login: { username: 'diana', password: 'diana-pw' } });
  expect(refused.query).toMatchObject({ error: 'access_denied', iss: as.issuer });
});

test('PKCE is required', async () => {
  const metadata = await (await fetch(as.metadataUrl)).json();
  const reached = await browse(metadata.authorization_endpoint + '?response_type=code&client_id=app&redirect_uri=' + encodeURIComponent(REDIRECT), REDIRECT);
  expect(reached.url.searchParams.get('error')).toBe('invalid_request');
  expect(reached.url.searchParams.get('error_description')).toMatch(/PKCE/);
});

test('refresh tokens rotate: the new one works, the old one is refused', async () => {
  const first = await signIn(as, { clientId: 'app', redirectUri: REDIRECT, resource: RESOURCE, login: { username: 'alice', password: process.env.ALICE_PASSWORD } });
  const refreshed = await tokenRequest(as, { grant_type: 'refresh_token', refresh_token: first.token.refresh_token, client_id: 'app' });
  expect(refreshed.status).toBe(200);
  expect(refreshed.body.refresh_token).not.toBe(first.token.refresh_token);
  expect(claimsOf(refreshed.body.access_token).aud).toBe(RESOURCE);
  const reused = await tokenRequest(as, { grant_type: 'refresh_token', refresh_token: first.token.refresh_token, client_id: 'app' });
  expect(reused.body.error).toBe('invalid_grant');
  expect(as.tokenRequests().slice(-2)).toMatchObject([
    { grantType: 'refresh_token', clientId: 'app', user: 'alice' },
    { grantType: 'refresh_token', clientId: 'app', error: 'invalid_grant' },
  ]);
});

test('client credentials, with client_secret_basic, for a resource', async () => {
  const basic = 'Basic ' + Buffer.from('machine:' + process.env.MACHINE_SECRET).toString('base64');
  const answer = await tokenRequest(as, { grant_type: 'client_credentials', resource: RESOURCE, scope: 'notes:read' }, { authorization: basic });
  expect(answer.status).toBe(200);
  expect(claimsOf(answer.body.access_token)).toMatchObject({ aud: RESOURCE, client_id: 'machine', scope: 'notes:read' });
});

test('dynamic registration and a Client ID Metadata Document on loopback, with autoApprove', async () => {
  const auto = await startAuthServer({ autoApprove: 'solo' });
  const documents = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
    client_id: 'http://127.0.0.1:' + documents.address().port + '/client.json', client_name: 'cimd', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none',
  })));
  await new Promise((resolve) => documents.listen(0, '127.0.0.1', resolve));
  try {
    const metadata = await (await fetch(auto.metadataUrl)).json();
    const registered = await (await fetch(metadata.registration_endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }) })).json();
    const dcr = await signIn(auto, { clientId: registered.client_id, redirectUri: REDIRECT });
    expect(dcr).toMatchObject({ pages: [], status: 200 });
    expect(auto.tokenRequests().at(-1)).toMatchObject({ grantType: 'authorization_code', user: 'solo' });
    const cimdId = 'http://127.0.0.1:' + documents.address().port + '/client.json';
    const cimd = await signIn(auto, { clientId: cimdId, redirectUri: REDIRECT, resource: RESOURCE });
    expect(cimd.status).toBe(200);
    expect(claimsOf(cimd.token.access_token)).toMatchObject({ client_id: cimdId, sub: 'solo', aud: RESOURCE });
  } finally {
    documents.close();
    await auto.close();
  }
  await expect(fetch(auto.metadataUrl)).rejects.toThrow();
});
`;

const RUN_WIDE = `
const fs = require('node:fs');
const { authServer } = require('jest-mcp/oauth');
const main = authServer('main');
const url = JSON.parse(process.env.JEST_MCP_SERVERS).servers.notes.url;
const handoff = JSON.parse(process.env.JEST_MCP_AUTH_SERVERS);
fs.writeFileSync('run.json', JSON.stringify({ issuer: main.issuer, dir: handoff.dir }));

test('the signing key is in a 0600 file in a 0700 directory; only its path is handed over', () => {
  expect(fs.statSync(handoff.dir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(handoff.servers.main.keyFile).mode & 0o777).toBe(0o600);
  expect(process.env.JEST_MCP_AUTH_SERVERS).not.toMatch(/"d":/);
});
const post = (token, extra = '') => fetch(url + extra, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: 'Bearer ' + token } : {}) },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
});

test('the server was given the issuer and JWKS URL: a minted token is accepted', async () => {
  expect((await post(await main.mintToken({}, { resource: url }))).status).toBe(200);
});

test.each([
  ['expired', { expired: true }],
  ['not yet valid', { notYetValid: true }],
  ['wrong audience', { wrongAudience: true }],
  ['wrong issuer', { wrongIssuer: true }],
  ['bad signature', { badSignature: true }],
])('refused: %s', async (_, options) => {
  const answer = await post(await main.mintToken({}, { resource: url, ...options }));
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token".*resource_metadata="/);
});

test('no token: 401 naming the protected resource metadata, which names the issuer', async () => {
  const answer = await post();
  expect(answer.status).toBe(401);
  const prm = /resource_metadata="([^"]+)"/.exec(answer.headers.get('www-authenticate'))[1];
  expect(await (await fetch(prm)).json()).toMatchObject({ resource: url, authorization_servers: [main.issuer] });
});

test('missing a scope: 403 insufficient_scope with the scope it needs; never in the query string', async () => {
  const answer = await post(await main.mintToken({}, { resource: url, withoutScope: 'mcp' }));
  expect(answer.status).toBe(403);
  expect(answer.headers.get('www-authenticate')).toMatch(/error="insufficient_scope", scope="[^"]*\\bmcp\\b/);
  expect((await post(undefined, '?access_token=' + (await main.mintToken({}, { resource: url })))).status).toBe(400);
});

test("another user's token is that user's", async () => {
  const { openMcpClient } = require('jest-mcp');
  const token = await main.mintToken({}, { resource: url, user: 'bob' });
  const bob = await openMcpClient({ server: 'notes', headers: { Authorization: 'Bearer ' + token } });
  expect(JSON.parse((await bob.callTool({ name: 'whoami', arguments: {} })).content[0].text)).toMatchObject({ sub: 'bob' });
  await bob.close();
});

test('client credentials at the run-wide server are logged without the secret', async () => {
  const metadata = await (await fetch(main.issuer + '/.well-known/oauth-authorization-server')).json();
  const answer = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from('machine:' + process.env.MACHINE_SECRET).toString('base64') },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: url }),
  });
  expect(answer.status).toBe(200);
});
`;

beforeAll(async () => {
  project = createProject({});
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        authServers: {
          main: {
            users: { alice: { password: '${ALICE_PASSWORD}' }, bob: { password: 'bob-pw' } },
            clients: [{ client_id: 'machine', client_secret: '${MACHINE_SECRET}' }],
            scopes: ['mcp', 'mcp:admin'],
          },
        },
        servers: {
          notes: node(PROTECTED_RESOURCE, '${PORT}', '${authServers.main.issuer}', '${authServers.main.jwksUri}', 'mcp', project.marker),
        },
      },
    },
  });
  project.write('flows.test.js', FLOWS);
  project.write('run-wide.test.js', RUN_WIDE);
  project.write('fails.test.js', `test('fails on purpose', () => { expect(1).toBe(2); });`);
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { ALICE_PASSWORD: PASSWORD, MACHINE_SECRET: SECRET } });
});

afterAll(() => {
  project?.remove();
  failed?.remove();
});

let failed: Project;
let failedRun: JestRun;

test('a server that cannot start stops the run, and the authorization server with it', async () => {
  failed = createProject({});
  failed.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        authServers: { main: { autoApprove: 'solo' } },
        servers: { broken: { command: `no-such-command-${failed.marker}`, args: ['${authServers.main.issuer}'] } },
      },
    },
  });
  failed.write('never.test.js', `test('never runs', () => {});`);
  failedRun = await runJest(failed.dir);
  expect(failedRun.output).toMatch(/MCP server "broken"[\s\S]*command not found/);
  const issuer = /listening: issuer (\S+)/.exec(serverLog(failed, 'auth-main').join('\n'))?.[1];
  expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(fetch(`${issuer}/jwks`)).rejects.toThrow();
  expectCleanExit(failedRun);
  expectNoLeftovers(failed);
});

test('startAuthServer in a test file: metadata, login form, consent, PKCE, rotation, client credentials, DCR, CIMD', () => {
  expect(outputOfFile(run, 'flows.test.js')).toMatch(/^PASS/);
});

test('mcp.authServers: started before the servers, which verify its tokens and refuse the bad ones', () => {
  expect(outputOfFile(run, 'run-wide.test.js')).toMatch(/^PASS/);
  expect(run.output).toMatch(/Test Suites:\s+1 failed, 2 passed, 3 total/);
});

test('stopped at the end of a run that failed: its port closed, its keys removed', async () => {
  const { issuer, dir } = JSON.parse(fs.readFileSync(`${project.dir}/run.json`, 'utf8')) as { issuer: string; dir: string };
  await expect(fetch(`${issuer}/.well-known/oauth-authorization-server`)).rejects.toThrow();
  expect(fs.existsSync(dir)).toBe(false);
  expectCleanExit(run);
  expectNoLeftovers(project);
});

test('its log has a line per token request, and no password, secret or token anywhere', () => {
  const log = serverLog(project, 'auth-main');
  expect(log.join('\n')).toMatch(/token grant_type=client_credentials client_id=machine issued/);
  for (const text of [run.output, log.join('\n')]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
  }
});
