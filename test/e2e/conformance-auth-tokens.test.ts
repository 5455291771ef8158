import { httpChecks } from '../../src/conformance/plan-http';
import { checkId } from '../../src/conformance/types';
import { attachAuthProbes, type HttpTarget } from '../../src/session/http-target';
import { CONFORMANCE_HTTP, TOKEN_ISSUER } from '../helpers/conformance';
import { type ListeningServer, startListening } from '../helpers/fixtures';
import type { RunAuthServer } from '../../src/conformance/run-auth';

/**
 * The minted-token checks of the conformance suite against real protected servers that verify
 * JWTs against a real JWKS: one that checks signature, issuer, audience, expiry, not-before and
 * scope passes every auth and hygiene check; one that only decodes tokens, takes them from the
 * query string and ignores the scope fails each check it breaks, saying what it accepted. The
 * suite's checks are called as describeConformance plans them, with the setup-time probe; the
 * tokens come from a token issuer (test/servers/token-issuer.js) standing in for the run's test
 * authorization server.
 */

const SCOPE = 'notes:read';
let issuer: RunAuthServer;
const servers: Record<string, ListeningServer> = {};

beforeAll(async () => {
  servers.issuer = await startListening(TOKEN_ISSUER, ['conformance-auth-tokens'], 'pipe');
  const base = `http://127.0.0.1:${servers.issuer.port}`;
  issuer = {
    name: 'token-issuer',
    issuer: base,
    jwksUri: `${base}/jwks`,
    mintToken: async (claims, options) =>
      (await fetch(`${base}/mint`, { method: 'POST', body: JSON.stringify({ claims, options }) })).text(),
  };
  const args = ['--jwks', issuer.jwksUri, '--issuer', issuer.issuer, '--scope', SCOPE, 'conformance-auth-tokens'];
  [servers.strict, servers.lax] = await Promise.all([
    startListening(CONFORMANCE_HTTP, args, 'pipe'),
    startListening(CONFORMANCE_HTTP, ['--lax-tokens', ...args], 'pipe'),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

/** Every check the suite plans for the server, run: id → problems (or why it was skipped). */
async function verdicts(server: ListeningServer): Promise<Record<string, string[] | string>> {
  const target: HttpTarget = { url: `http://127.0.0.1:${server.port}/mcp`, transport: 'streamable-http', headers: {}, auth: 'module' };
  await attachAuthProbes([{ name: 'strict', client: {}, http: target }], () => 5000);
  const checks = httpChecks(
    {
      target,
      negotiatedVersion: undefined,
      knownVersions: ['2025-11-25', '2025-06-18', '2025-03-26'],
      findAuthServer: (issuers) => (issuers.includes(issuer.issuer) ? issuer : undefined),
    },
    5000,
  );
  const out: Record<string, string[] | string> = {};
  for (const check of checks) out[checkId(check)] = check.skipped ?? (await check.run!());
  return out;
}

test('a server that verifies its tokens passes every auth and hygiene check, none skipped', async () => {
  const all = await verdicts(servers.strict);
  expect(all).toEqual({
    'http/dns-rebinding-host': [],
    'http/dns-rebinding-origin': [],
    'http/protocol-version-as-asked': [],
    'auth/challenge': [],
    'auth/protected-resource-metadata': [],
    'auth/garbage-token-refused': [],
    'auth/valid-token-accepted': [],
    'auth/expired-token-refused': [],
    'auth/not-yet-valid-token-refused': [],
    'auth/wrong-audience-refused': [],
    'auth/wrong-issuer-refused': [],
    'auth/bad-signature-refused': [],
    'auth/token-in-query-refused': [],
    [`auth/insufficient-scope: ${SCOPE}`]: [],
  });
});

test('a server that only decodes tokens fails each refusal it does not make, saying what it accepted', async () => {
  const all = await verdicts(servers.lax);
  const accepted = (what: string) => [expect.stringMatching(new RegExp(`^the server accepted ${what}: HTTP 200`))];
  expect(all).toEqual({
    'http/dns-rebinding-host': [],
    'http/dns-rebinding-origin': [],
    'http/protocol-version-as-asked': [],
    'auth/challenge': [],
    'auth/protected-resource-metadata': [],
    // Not a JWT at all: even decoding refuses it.
    'auth/garbage-token-refused': [],
    'auth/valid-token-accepted': [],
    'auth/expired-token-refused': accepted('an expired token'),
    'auth/not-yet-valid-token-refused': accepted('a token not valid before an hour from now \\(nbf\\)'),
    'auth/wrong-audience-refused': accepted('a token for another resource \\(aud\\)'),
    'auth/wrong-issuer-refused': accepted('a token naming another issuer \\(iss\\)'),
    'auth/bad-signature-refused': accepted('a token signed by a key not in the JWKS'),
    'auth/token-in-query-refused': accepted('a valid token in the query string \\(\\?access_token=\\)'),
    [`auth/insufficient-scope: ${SCOPE}`]: [
      expect.stringMatching(/^the 401 challenge asks for scope "notes:read", but a token without it was accepted: HTTP 200/),
    ],
  });
});
