import { AUTH_RULES, HYGIENE_RULES, httpChecks, type HttpView } from '../../src/conformance/plan-http';
import type { RunAuthServer } from '../../src/conformance/run-auth';
import type { HttpTarget } from '../../src/session/http-target';
import type { HttpAnswer } from '../../src/util/raw-http';

/**
 * Which HTTP checks apply to a server, decided while Jest collects the file from what setup
 * found: none over stdio or SSE; the hygiene ones on a loopback server; the auth ones for a
 * client with auth; the minted-token ones only with a test authorization server of the run
 * whose issuer the server's metadata names. Skipped checks say why (no request is made here).
 */

const URL_ = 'http://127.0.0.1:4000/mcp';
const ISSUER = 'http://127.0.0.1:5000';
const json = (value: object): HttpAnswer => ({ kind: 'answered', status: 200, headers: {}, body: JSON.stringify(value) });
const challenge = (scope?: string): HttpAnswer => ({
  kind: 'answered',
  status: 401,
  headers: { 'www-authenticate': `Bearer resource_metadata="x"${scope ? `, scope="${scope}"` : ''}` },
  body: '',
});
const protectedTarget = (metadata: object, scope?: string): HttpTarget => ({
  url: URL_,
  transport: 'streamable-http',
  headers: {},
  auth: 'module',
  probe: { challenge: challenge(scope), metadataUrl: `${URL_}/prm`, metadata: json(metadata) },
});
const server: RunAuthServer = {
  name: 'as',
  issuer: ISSUER,
  jwksUri: `${ISSUER}/jwks`,
  mintToken: async () => 'never called while planning',
};

function plan(target: HttpTarget | undefined, findAuthServer?: HttpView['findAuthServer']) {
  const checks = httpChecks({ target, negotiatedVersion: undefined, knownVersions: ['2025-11-25', '2025-06-18'], findAuthServer }, 1000);
  return Object.fromEntries(checks.map((c) => [c.item ? `${c.rule}: ${c.item}` : c.rule, c.skipped ?? 'runs']));
}

test('stdio and SSE: every HTTP rule skipped, saying why', () => {
  const stdio = plan(undefined);
  expect(Object.keys(stdio).sort()).toEqual([...HYGIENE_RULES, ...AUTH_RULES].sort());
  expect(new Set(Object.values(stdio))).toEqual(new Set(['not an HTTP server']));
  const sse = plan({ url: URL_, transport: 'sse', headers: {} });
  expect(new Set(Object.values(sse))).toEqual(new Set(['the legacy HTTP+SSE transport is not checked (Streamable HTTP only)']));
});

test('a loopback server without auth: the hygiene rules run; a remote one skips DNS rebinding', () => {
  const local = plan({ url: URL_, transport: 'streamable-http', headers: { authorization: 'Bearer x' } });
  for (const rule of HYGIENE_RULES) expect(local[rule]).toBe('runs');
  expect(local['auth/challenge']).toBe('the client has no auth (these check a server protected by OAuth)');
  const remote = plan({ url: 'https://mcp.example.com/mcp', transport: 'streamable-http', headers: {} });
  expect(remote['http/dns-rebinding-host']).toBe('not a loopback server (DNS rebinding protection is for servers on this machine)');
  expect(remote['http/protocol-version-as-asked']).toBe('runs');
});

test('with auth and no test authorization server: the setup-time checks run, the minted ones say what to configure', () => {
  const checks = plan(protectedTarget({ resource: URL_, authorization_servers: [ISSUER] }), () => undefined);
  expect(checks['auth/challenge']).toBe('runs');
  expect(checks['auth/protected-resource-metadata']).toBe('runs');
  expect(checks['auth/garbage-token-refused']).toBe('runs');
  const why = `no test authorization server of this run issues this server's tokens (its metadata names ${ISSUER}; configure one in mcp.authServers and have the server trust it)`;
  expect(checks['auth/expired-token-refused']).toBe(why);
  expect(checks['auth/token-in-query-refused']).toBe(why);
  expect(checks['http/dns-rebinding-host']).toBe(`the server wants an OAuth token and ${why}`);
});

test("with the run's authorization server of the metadata's issuer: every auth rule runs; the scope one needs a scope asked", () => {
  const asked: string[] = [];
  const find = (issuers: readonly string[]) => {
    asked.push(...issuers);
    return issuers.includes(ISSUER) ? server : undefined;
  };
  const withScope = plan(protectedTarget({ resource: URL_, authorization_servers: ['https://other', ISSUER] }, 'notes:read'), find);
  expect(asked).toEqual(['https://other', ISSUER]);
  for (const rule of AUTH_RULES.filter((r) => r !== 'auth/insufficient-scope')) expect(withScope[rule]).toBe('runs');
  expect(withScope['auth/insufficient-scope: notes:read']).toBe('runs');
  for (const rule of HYGIENE_RULES) expect(withScope[rule]).toBe('runs');

  const fromSupported = plan(protectedTarget({ resource: URL_, authorization_servers: [ISSUER], scopes_supported: ['a', 'b'] }), find);
  expect(fromSupported['auth/insufficient-scope: a b']).toBe('runs');
  const none = plan(protectedTarget({ resource: URL_, authorization_servers: [ISSUER] }), find);
  expect(none['auth/insufficient-scope']).toBe('the server names no scope (neither its 401 challenge nor scopes_supported)');
});
