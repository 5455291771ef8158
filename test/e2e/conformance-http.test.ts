import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { byStatus, CONFORMANCE_HTTP, EVERYTHING_HTTP, outcomes, V2_SERVER } from '../helpers/conformance';
import { type ListeningServer, OAUTH_SERVER, startListening } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import { createProject, type Project, REPO } from '../helpers/project';

/**
 * `describeConformance` on HTTP servers: the server's own HTTP hygiene (Host and Origin checked
 * against DNS rebinding, the version it answers) and, for a client with `auth`, the server as a
 * protected resource (its 401 challenge, its protected resource metadata, a token that is no
 * token refused). A server that behaves passes them; one that does not fails each, saying what it
 * sent. SDK 1.x and 2.x (both eras) run them. Without a test authorization server of the run, the
 * minted-token checks are skipped, saying what to configure.
 */

const TOKEN = 'conformance-fixture-token-4f1d9a';
const SECRET = 'conformance-client-secret-88c2';

/** Every check the misbehaving server must fail, and what its message must say. */
const BAD_HYGIENE: Record<string, RegExp> = {
  'http/dns-rebinding-host': /a request with Host: evil\.example must be refused with HTTP 4xx, got HTTP 200/,
  'http/dns-rebinding-origin': /a request with Origin: http:\/\/evil\.example must be refused with HTTP 4xx, got HTTP 200/,
  'http/protocol-version-as-asked': /asked for 2025-06-18, which it supports \(.*\), and it answered 2025-03-26/,
};
const BAD_AUTH: Record<string, RegExp> = {
  'auth/challenge': /WWW-Authenticate has no resource_metadata/,
  'auth/protected-resource-metadata':
    /"resource" must be the server's canonical URI http:\/\/127\.0\.0\.1:\d+\/mcp, got "http:\/\/127\.0\.0\.1:\d+\/other"[\s\S]*"authorization_servers" must name at least one authorization server/,
  'auth/garbage-token-refused': /the server accepted a random string as token: HTTP 200/,
};

const NO_HOST_CHECKS = ['http/dns-rebinding-host', 'http/dns-rebinding-origin'];

const servers: Record<string, ListeningServer> = {};
const EVENTS = path.join(REPO, '.tmp', `conformance-http-events-${process.pid}.log`);
let v1: Project;
let v2: Project;
let v1Run: JestRun;
let v2Run: JestRun;

const file = (client: string, options: object = {}) => `/** @mcp-clients ${client} */
const { describeConformance } = require('jest-mcp/conformance');
describeConformance('${client}', ${JSON.stringify(options)});
`;
// Any auth counts: this one hands the SDK a token the fixture knows, with no flow to run.
const STATIC_TOKEN = `module.exports = {
  get redirectUrl() { return 'http://127.0.0.1/callback'; },
  get clientMetadata() { return { redirect_uris: ['http://127.0.0.1/callback'] }; },
  clientInformation: () => ({ client_id: 'fixture' }),
  tokens: () => ({ access_token: ${JSON.stringify(TOKEN)}, token_type: 'Bearer' }),
  saveTokens: () => {},
  redirectToAuthorization: () => { throw new Error('no sign-in in this test'); },
  saveCodeVerifier: () => {},
  codeVerifier: () => '',
};
`;

beforeAll(async () => {
  const start = async (name: string, script: string, args: string[]) => (servers[name] = await startListening(script, args, 'pipe'));
  await Promise.all([
    start('good', CONFORMANCE_HTTP, ['conformance-http-e2e']),
    start('bad', CONFORMANCE_HTTP, ['--bad', 'conformance-http-e2e']),
    start('goodAuth', CONFORMANCE_HTTP, ['--token', TOKEN, 'conformance-http-e2e']),
    start('badAuth', CONFORMANCE_HTTP, ['--bad', '--token', TOKEN, 'conformance-http-e2e']),
    start('oauth', OAUTH_SERVER, ['0', 'cc-client', SECRET, 'conformance-http-e2e']),
    start('v2', V2_SERVER, ['http', 'conformance-http-e2e']),
    start('everything', EVERYTHING_HTTP, ['conformance-http-e2e']),
    start('v2Protected', V2_SERVER, ['http', '--user', `alice=${TOKEN}`, '--events', EVENTS, 'conformance-http-e2e']),
  ]);
  const url = (name: string) => `http://127.0.0.1:${servers[name].port}/mcp`;
  const auth = { module: './static-token.js' };

  v1 = createProject({
    'good.test.js': file('good'),
    'bad.test.js': file('bad'),
    'good-auth.test.js': file('good_auth'),
    'bad-auth.test.js': file('bad_auth'),
    'oauth.test.js': file('oauth'),
    // server-everything (2026.8.31) over HTTP checks neither Host nor Origin: its verdict, recorded.
    'everything.test.js': file('every', { expectedFailures: NO_HOST_CHECKS }),
    'static-token.js': STATIC_TOKEN,
  });
  v1.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          good: { url: url('good') },
          bad: { url: url('bad') },
          good_auth: { url: url('goodAuth'), auth },
          bad_auth: { url: url('badAuth'), auth },
          oauth: { url: url('oauth'), auth: { clientCredentials: { clientId: 'cc-client', clientSecret: SECRET } } },
          every: { url: url('everything') },
        },
      },
    },
  });
  v2 = createProject({
    'good.test.js': file('good'),
    'bad.test.js': file('bad'),
    // v2-server.js mounts createMcpHandler on plain node:http, which checks neither Host nor Origin:
    // known failures, as a user would record them, so a fix to the fixture shows.
    'modern.test.js': file('modern', { calls: { echo: { text: 'hi' } }, expectedFailures: NO_HOST_CHECKS }),
    'legacy.test.js': file('legacy', { calls: { echo: { text: 'hi' } }, expectedFailures: NO_HOST_CHECKS }),
    'bad-auth.test.js': file('bad_auth'),
    'modern-protected.test.js': file('modern_protected'),
    'static-token.js': STATIC_TOKEN,
  });
  v2.write('package.json', JSON.stringify({ name: v2.marker, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }));
  v2.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        sdk: 'v2',
        clients: {
          good: { url: url('good') },
          bad: { url: url('bad') },
          modern: { url: url('v2'), protocol: '2026-07-28' },
          legacy: { url: url('v2'), protocol: 'legacy' },
          bad_auth: { url: url('badAuth'), auth },
          modern_protected: { url: url('v2Protected'), protocol: '2026-07-28', auth },
        },
      },
    },
  } as never);
  const report = (p: Project) => ['--json', `--outputFile=${path.join(p.dir, 'report.json')}`];
  [v1Run, v2Run] = await Promise.all([
    runJest(v1.dir, { args: ['--maxWorkers=2', ...report(v1)] }),
    runJest(v2.dir, { args: ['--maxWorkers=1', ...report(v2)] }),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  for (const p of [v1, v2]) p?.remove();
  fs.rmSync(EVENTS, { force: true });
});

const resultsOf = (p: Project, testFile: string) => outcomes(path.join(p.dir, 'report.json'), testFile);
const failedOf = (p: Project, testFile: string) =>
  Object.fromEntries([...resultsOf(p, testFile)].filter(([, o]) => o.status === 'failed').map(([title, o]) => [title, o.message]));

test('a server that checks Host and Origin and answers the version asked passes the HTTP rules; the auth rules are skipped without auth', () => {
  for (const p of [v1, v2]) {
    const good = byStatus(resultsOf(p, 'good.test.js'));
    expect(good.failed).toBeUndefined();
    expect(good.passed).toEqual(expect.arrayContaining(Object.keys(BAD_HYGIENE)));
    expect(good.pending).toEqual(
      expect.arrayContaining(['auth/challenge (skipped: the client has no auth (these check a server protected by OAuth))']),
    );
  }
  expectCleanExit(v1Run);
  expectCleanExit(v2Run);
});

test('a server that does not fails each HTTP rule, naming what it sent and the spec section', () => {
  for (const p of [v1, v2]) {
    const failed = failedOf(p, 'bad.test.js');
    expect(Object.keys(failed).sort()).toEqual(Object.keys(BAD_HYGIENE).sort());
    for (const [id, expected] of Object.entries(BAD_HYGIENE)) {
      expect(failed[id]).toMatch(expected);
      expect(failed[id]).toContain(`MCP conformance of bad: ${id}`);
      expect(failed[id]).toMatch(/Rule: .*\(https:\/\/modelcontextprotocol\.io\/specification\/2025-11-25\/basic\//);
    }
  }
});

test('a protected server that behaves passes the auth rules; without a test authorization server the minted-token ones are skipped, saying why', () => {
  for (const name of ['good-auth.test.js', 'oauth.test.js']) {
    const results = byStatus(resultsOf(v1, name));
    expect({ name, failed: results.failed }).toEqual({ name, failed: undefined });
    expect(results.passed).toEqual(
      expect.arrayContaining(['auth/challenge', 'auth/protected-resource-metadata', 'auth/garbage-token-refused']),
    );
    expect(results.pending).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^auth\/expired-token-refused \(skipped: no test authorization server of this run issues this server's tokens \(its metadata names https?:\/\/.+; configure one in mcp\.authServers/,
        ),
        expect.stringMatching(/^http\/dns-rebinding-host \(skipped: the server wants an OAuth token and no test authorization server/),
      ]),
    );
  }
});

test('a protected server that misbehaves fails each auth rule it breaks (SDK 1.x and 2.x), and the token never shows', () => {
  for (const p of [v1, v2]) {
    const failed = failedOf(p, 'bad-auth.test.js');
    expect(Object.keys(failed).sort()).toEqual(Object.keys(BAD_AUTH).sort());
    for (const [id, expected] of Object.entries(BAD_AUTH)) expect(failed[id]).toMatch(expected);
  }
  expect(v1Run.output + v2Run.output).not.toContain(TOKEN);
  expect(v1Run.output).not.toContain(SECRET);
});

test('2026-07-28 era: the setup probe and the token checks ask in that era; a bare Bearer 401 and no metadata fail, a garbage token is refused', () => {
  const results = resultsOf(v2, 'modern-protected.test.js');
  const failed = failedOf(v2, 'modern-protected.test.js');
  expect(Object.keys(failed).sort()).toEqual(['auth/challenge', 'auth/protected-resource-metadata']);
  expect(failed['auth/challenge']).toMatch(/WWW-Authenticate has no resource_metadata/);
  expect(failed['auth/protected-resource-metadata']).toMatch(/no protected resource metadata: HTTP 404/);
  expect(results.get('auth/garbage-token-refused')?.status).toBe('passed');
  // Refused before MCP (so logged by HTTP method): the setup probe and the garbage token, each in the modern era.
  expect(fs.readFileSync(EVENTS, 'utf8').match(/^request - modern POST 401 2026-07-28/gm)).toHaveLength(2);
});

test('SDK 2.x server in both eras and server-everything: they answer the version asked; their missing Host/Origin checks are the known failures', () => {
  const known = (id: string) => `${id} (known failure: in expectedFailures; remove it there once fixed)`;
  for (const [p, name] of [
    [v2, 'modern.test.js'],
    [v2, 'legacy.test.js'],
    [v1, 'everything.test.js'],
  ] as const) {
    const results = byStatus(resultsOf(p, name));
    expect({ name, failed: results.failed }).toEqual({ name, failed: undefined });
    expect(results.passed).toEqual(expect.arrayContaining(['http/protocol-version-as-asked', ...NO_HOST_CHECKS.map(known)]));
  }
  expectNoLeftovers(v1);
  expectNoLeftovers(v2);
});
