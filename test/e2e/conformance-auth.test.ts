import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { byStatus, CONFORMANCE_HTTP, outcomes } from '../helpers/conformance';
import { freePort, type ListeningServer, PROTECTED_RESOURCE, startListening } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

interface SdkRun {
  project: Project;
  run: JestRun;
}

/**
 * `describeConformance` on protected servers with the run's test authorization server
 * (`mcp.authServers`), on SDK 1.x and 2.x: the suite finds it by the issuer the server's metadata
 * names and mints the tokens it needs. A server that verifies its JWTs (signature, issuer,
 * audience, expiry, not-before, scope) passes every auth and HTTP check, none skipped; one that
 * only decodes them, takes them from the query string and ignores the scope fails each of those,
 * saying what it accepted. No minted token appears in the output.
 */

const SCOPE = 'notes:read';
const AUTH_IDS = [
  'auth/challenge',
  'auth/protected-resource-metadata',
  'auth/garbage-token-refused',
  'auth/valid-token-accepted',
  'auth/expired-token-refused',
  'auth/not-yet-valid-token-refused',
  'auth/wrong-audience-refused',
  'auth/wrong-issuer-refused',
  'auth/bad-signature-refused',
  'auth/token-in-query-refused',
  `auth/insufficient-scope: ${SCOPE}`,
  'http/dns-rebinding-host',
  'http/dns-rebinding-origin',
  'http/protocol-version-as-asked',
];
const LAX_FAILS: Record<string, RegExp> = {
  'auth/expired-token-refused': /the server accepted an expired token: HTTP 200/,
  'auth/not-yet-valid-token-refused': /the server accepted a token not valid before an hour from now \(nbf\): HTTP 200/,
  'auth/wrong-audience-refused': /the server accepted a token for another resource \(aud\): HTTP 200/,
  'auth/wrong-issuer-refused': /the server accepted a token naming another issuer \(iss\): HTTP 200/,
  'auth/bad-signature-refused': /the server accepted a token signed by a key not in the JWKS: HTTP 200/,
  'auth/token-in-query-refused': /the server accepted a valid token in the query string \(\?access_token=\): HTTP 200/,
  [`auth/insufficient-scope: ${SCOPE}`]: /the 401 challenge asks for scope "notes:read", but a token without it was accepted/,
};

// The client signs in with a token the run's authorization server mints for the server it talks to.
const MINTED = `const { authServer } = require('jest-mcp/oauth');
module.exports = ({ url }) => ({
  get redirectUrl() { return 'http://127.0.0.1/callback'; },
  get clientMetadata() { return { redirect_uris: ['http://127.0.0.1/callback'] }; },
  clientInformation: () => ({ client_id: 'conformance' }),
  tokens: async () => ({ access_token: await authServer('as').mintToken({}, { resource: url, scope: '${SCOPE}' }), token_type: 'Bearer' }),
  saveTokens: () => {},
  redirectToAuthorization: () => { throw new Error('no sign-in in this test'); },
  saveCodeVerifier: () => {},
  codeVerifier: () => '',
});
`;
const file = (client: string) => `/** @mcp-clients ${client} */
const { describeConformance } = require('jest-mcp/conformance');
describeConformance('${client}');
`;

const servers: ListeningServer[] = [];
let runs: Record<string, SdkRun>;

beforeAll(async () => {
  // The authorization server starts inside each Jest run; the servers trust its issuer and JWKS by port.
  const ports = { v1: await freePort(), v2: await freePort() };
  const start = async (port: number, lax: boolean) => {
    const issuer = `http://127.0.0.1:${port}`;
    const args = [
      '--jwks',
      `${issuer}/jwks`,
      '--issuer',
      issuer,
      '--scope',
      SCOPE,
      ...(lax ? ['--lax-tokens'] : []),
      'conformance-auth-e2e',
    ];
    const server = await startListening(CONFORMANCE_HTTP, args, 'pipe');
    servers.push(server);
    return `http://127.0.0.1:${server.port}/mcp`;
  };
  // The authorization server helper's own resource server, written apart from the suite's fixtures.
  const startResource = async (port: number) => {
    const issuer = `http://127.0.0.1:${port}`;
    const server = await startListening(PROTECTED_RESOURCE, ['0', issuer, `${issuer}/jwks`, SCOPE, 'conformance-auth-e2e'], 'pipe');
    servers.push(server);
    return `http://127.0.0.1:${server.port}/mcp`;
  };
  const urls = {
    v1: { strict: await start(ports.v1, false), lax: await start(ports.v1, true), resource: await startResource(ports.v1) },
    v2: { strict: await start(ports.v2, false), lax: await start(ports.v2, true), resource: await startResource(ports.v2) },
  };
  const make = (sdk: 'v1' | 'v2') => {
    const project = createProject({
      'strict.test.js': file('strict'),
      'lax.test.js': file('lax'),
      'resource.test.js': file('resource'),
      'minted.js': MINTED,
    });
    if (sdk === 'v2')
      project.write(
        'package.json',
        JSON.stringify({ name: project.marker, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }),
      );
    const auth = { module: './minted.js' };
    project.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          sdk,
          authServers: { as: { port: ports[sdk], scopes: [SCOPE] } },
          clients: {
            strict: { url: urls[sdk].strict, auth },
            lax: { url: urls[sdk].lax, auth },
            resource: { url: urls[sdk].resource, auth },
          },
        },
      },
    } as never);
    return project;
  };
  const projects = { v1: make('v1'), v2: make('v2') };
  const run = (p: Project) => runJest(p.dir, { args: ['-i', '--json', `--outputFile=${path.join(p.dir, 'report.json')}`] });
  const [v1, v2] = await Promise.all([run(projects.v1), run(projects.v2)]);
  runs = { v1: { project: projects.v1, run: v1 }, v2: { project: projects.v2, run: v2 } };
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  Object.values(runs ?? {}).forEach(({ project }) => project.remove());
});

const resultsOf = (run: SdkRun, testFile: string) => outcomes(path.join(run.project.dir, 'report.json'), testFile);

test.each(['v1', 'v2'])('SDK %s: a server that verifies its tokens passes every auth and HTTP check, none skipped', (sdk) => {
  const results = byStatus(resultsOf(runs[sdk], 'strict.test.js'));
  expect(results.failed).toBeUndefined();
  expect(results.passed).toEqual(expect.arrayContaining(AUTH_IDS));
});

test.each(['v1', 'v2'])(
  "SDK %s: the authorization server helper's protected-resource.js passes every auth check; it checks neither Host nor Origin",
  (sdk) => {
    const results = resultsOf(runs[sdk], 'resource.test.js');
    const failed = [...results].filter(([, o]) => o.status === 'failed').map(([title]) => title);
    expect(failed.sort()).toEqual(['http/dns-rebinding-host', 'http/dns-rebinding-origin']);
    // It refuses a token in the query string with 400 invalid_request (RFC 6750 §3.1): refused, so it passes.
    expect(byStatus(results).passed).toEqual(expect.arrayContaining(AUTH_IDS.filter((id) => id.startsWith('auth/'))));
  },
);

test.each(['v1', 'v2'])('SDK %s: a server that only decodes its tokens fails each check it breaks, saying what it accepted', (sdk) => {
  const results = resultsOf(runs[sdk], 'lax.test.js');
  const failed = Object.fromEntries([...results].filter(([, o]) => o.status === 'failed').map(([title, o]) => [title, o.message]));
  expect(Object.keys(failed).sort()).toEqual(Object.keys(LAX_FAILS).sort());
  for (const [id, expected] of Object.entries(LAX_FAILS)) {
    expect(failed[id]).toMatch(expected);
    expect(failed[id]).toMatch(/Rule: .*\(https:\/\/modelcontextprotocol\.io\/specification\/2025-11-25\/basic\/authorization#/);
  }
  expect(byStatus(results).passed).toEqual(expect.arrayContaining(['auth/valid-token-accepted', 'auth/garbage-token-refused']));
});

test.each(['v1', 'v2'])('SDK %s: no minted token in the output; Jest exits by itself and leaves no server behind', (sdk) => {
  // A JWT: three base64url parts, the first an RS256 header.
  expect(runs[sdk].run.output).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  expectCleanExit(runs[sdk].run);
  expectNoLeftovers(runs[sdk].project);
});
