import * as rules from '../../src/conformance/rules-http';
import { protectedResourceMetadataUrl } from '../../src/session/http-target';
import type { HttpAnswer } from '../../src/util/raw-http';

/**
 * The HTTP rules of the conformance suite as pure functions over what a server answered: its 401
 * challenge, its protected resource metadata, refusals and acceptance of tokens, the 403 of a
 * missing scope, DNS-rebinding refusals, and the version it answers to the version asked.
 */

const answer = (status: number, headers: Record<string, string> = {}, body = ''): HttpAnswer => ({
  kind: 'answered',
  status,
  headers,
  body,
});
const failed: HttpAnswer = { kind: 'failed', message: 'connect ECONNREFUSED 127.0.0.1:1' };
const URL_ = 'http://127.0.0.1:4000/mcp';
const PRM = 'http://127.0.0.1:4000/.well-known/oauth-protected-resource/mcp';

test('the challenge is parsed: scheme, quoted and bare parameters, escapes', () => {
  expect(rules.parseChallenge(`Bearer error="invalid_token", resource_metadata="${PRM}", scope="a b", realm=mcp`)).toEqual({
    scheme: 'Bearer',
    params: { error: 'invalid_token', resource_metadata: PRM, scope: 'a b', realm: 'mcp' },
  });
  expect(rules.parseChallenge('Bearer realm="say \\"hi\\""')).toEqual({ scheme: 'Bearer', params: { realm: 'say "hi"' } });
  expect(rules.parseChallenge(undefined)).toBeUndefined();
});

test('auth/challenge: 401 with Bearer and resource_metadata, else what is missing', () => {
  expect(rules.challenge(answer(401, { 'www-authenticate': `Bearer resource_metadata="${PRM}"` }))).toEqual([]);
  expect(rules.challenge(answer(200, {}, '{"jsonrpc":"2.0"}'))).toEqual([
    'a request without a token must get HTTP 401, got HTTP 200, body "{\\"jsonrpc\\":\\"2.0\\"}"',
  ]);
  expect(rules.challenge(answer(401))).toEqual(['the 401 has no WWW-Authenticate header']);
  expect(rules.challenge(answer(401, { 'www-authenticate': 'Basic realm="x"' }))).toEqual([
    'WWW-Authenticate must use the Bearer scheme, got "Basic"',
    'WWW-Authenticate has no resource_metadata (the URL of the protected resource metadata)',
  ]);
  expect(rules.challenge(answer(401, { 'www-authenticate': 'Bearer resource_metadata="not a url"' }))).toEqual([
    'resource_metadata must be a URL, got "not a url"',
  ]);
  expect(rules.challenge(failed)).toEqual([
    'a request without a token must get HTTP 401, got no answer (connect ECONNREFUSED 127.0.0.1:1)',
  ]);
});

test('auth/protected-resource-metadata: the server as resource (canonical), at least one authorization server', () => {
  const doc = (value: object) => answer(200, { 'content-type': 'application/json' }, JSON.stringify(value));
  expect(rules.protectedResourceMetadata(doc({ resource: URL_, authorization_servers: ['https://as.example'] }), URL_)).toEqual([]);
  expect(
    rules.protectedResourceMetadata(doc({ resource: 'HTTP://127.0.0.1:4000/mcp/', authorization_servers: ['https://as'] }), URL_),
  ).toEqual([]);
  expect(rules.protectedResourceMetadata(doc({ resource: 'http://127.0.0.1:4000/', authorization_servers: [] }), URL_)).toEqual([
    `"resource" must be the server's canonical URI ${URL_}, got "http://127.0.0.1:4000/"`,
    '"authorization_servers" must name at least one authorization server (issuer URLs), got []',
  ]);
  expect(rules.protectedResourceMetadata(answer(404, {}, 'Not Found'), URL_)).toEqual([
    'no protected resource metadata: HTTP 404, body "Not Found"',
  ]);
  expect(rules.protectedResourceMetadata(answer(200, {}, '<html>'), URL_)).toEqual(['the metadata is not JSON: HTTP 200, body "<html>"']);
  expect(protectedResourceMetadataUrl(URL_)).toBe(PRM);
  expect(protectedResourceMetadataUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/.well-known/oauth-protected-resource');
});

test('a token in the query string: any 4xx refuses it (400 invalid_request too); the challenge shows without a bearer shape', () => {
  const header = 'Bearer error="invalid_request", error_description="no tokens in the query string"';
  expect(rules.notAccepted(answer(400, { 'www-authenticate': header }), 'a query token')).toEqual([]);
  expect(rules.notAccepted(answer(401), 'a query token')).toEqual([]);
  expect(rules.notAccepted(answer(200), 'a query token')).toEqual(['the server accepted a query token: HTTP 200']);
  expect(rules.notAccepted(answer(500, { 'www-authenticate': header }), 'a query token')).toEqual([
    'a query token must be refused with HTTP 4xx, got HTTP 500 with WWW-Authenticate: Bearer (error="invalid_request", error_description="no tokens in the query string")',
  ]);
});

test('refused / accepted tokens', () => {
  expect(rules.refused(answer(401), 'an expired token')).toEqual([]);
  expect(rules.refused(answer(200), 'an expired token')).toEqual(['the server accepted an expired token: HTTP 200']);
  expect(rules.refused(answer(500, {}, 'boom'), 'an expired token')).toEqual([
    'an expired token must get HTTP 401, got HTTP 500, body "boom"',
  ]);
  expect(rules.accepted(answer(200), 'a valid token')).toEqual([]);
  expect(rules.accepted(answer(401), 'a valid token')).toEqual(['a valid token must be accepted, got HTTP 401']);
});

test('auth/insufficient-scope: 403 insufficient_scope with scope=; accepting is wrong only when the challenge asked for the scope', () => {
  const forbidden = (header: string) => answer(403, { 'www-authenticate': header });
  expect(rules.insufficientScope(forbidden('Bearer error="insufficient_scope", scope="notes:read"'), 'notes:read', 'notes:read')).toEqual(
    [],
  );
  expect(rules.insufficientScope(forbidden('Bearer error="invalid_token"'), 'notes:read', undefined)).toEqual([
    'WWW-Authenticate must say error="insufficient_scope", got error="invalid_token"',
    'WWW-Authenticate must name the scope needed (scope="…")',
  ]);
  expect(rules.insufficientScope(answer(401), 'notes:read', undefined)).toEqual([
    'a token without scope "notes:read" must get HTTP 403 (insufficient_scope), got HTTP 401',
  ]);
  expect(rules.insufficientScope(answer(200), 'notes:read', 'notes:read')).toEqual([
    'the 401 challenge asks for scope "notes:read", but a token without it was accepted: HTTP 200',
  ]);
  // Only scopes_supported named it: the request tried needs no scope.
  expect(rules.insufficientScope(answer(200), 'notes:read', undefined)).toEqual([]);
});

test('DNS rebinding: the foreign header refused with 4xx, the control answered', () => {
  expect(rules.rebinding(answer(403), answer(200), 'Host: evil.example')).toEqual([]);
  expect(rules.rebinding(answer(421), answer(200), 'Host: evil.example')).toEqual([]);
  expect(rules.rebinding(answer(200), answer(200), 'Host: evil.example')).toEqual([
    'a request with Host: evil.example must be refused with HTTP 4xx, got HTTP 200',
  ]);
  expect(rules.rebinding(answer(403), answer(401), 'Origin: http://evil.example')).toEqual([
    "the same request with the server's own Host must be answered (the control), got HTTP 401",
  ]);
  expect(rules.rebinding(failed, answer(200), 'Host: evil.example')).toEqual([
    'the request with Host: evil.example got no answer (connect ECONNREFUSED 127.0.0.1:1); expected HTTP 4xx',
  ]);
});

test('the version asked: supported versions are those answered (or discovered); another answer to one of them fails', () => {
  const init = (version: string) =>
    answer(200, { 'content-type': 'application/json' }, JSON.stringify({ result: { protocolVersion: version } }));
  const sse = (version: string) =>
    answer(
      200,
      { 'content-type': 'text/event-stream' },
      `event: message\ndata: ${JSON.stringify({ result: { protocolVersion: version } })}\n\n`,
    );
  // Supports two, answers each as asked; an unsupported one gets its latest: fine.
  expect(
    rules.versionAsAsked([
      { asked: '2025-11-25', answer: init('2025-11-25') },
      { asked: '2025-06-18', answer: sse('2025-06-18') },
      { asked: '2024-11-05', answer: init('2025-11-25') },
    ]),
  ).toEqual([]);
  // An off-by-one: 2025-06-18 is supported (answered to 2025-11-25) yet 2025-03-26 is what it answered to it.
  expect(
    rules.versionAsAsked([
      { asked: '2025-11-25', answer: init('2025-06-18') },
      { asked: '2025-06-18', answer: init('2025-03-26') },
      { asked: '2025-03-26', answer: init('2024-11-05') },
    ]),
  ).toEqual([
    'asked for 2025-06-18, which it supports (it answered that version to another request or lists it), and it answered 2025-03-26',
    'asked for 2025-03-26, which it supports (it answered that version to another request or lists it), and it answered 2024-11-05',
  ]);
  // Nothing answered with a version (and nothing discovered): nothing to compare is a failure, not a pass.
  expect(rules.versionAsAsked([{ asked: '2025-11-25', answer: answer(200, {}, 'id: 1\ndata:\n\n') }])).toEqual([
    'no initialize was answered with a protocolVersion (asked for 2025-11-25: HTTP 200, body "id: 1\\ndata:")',
  ]);
  // A modern-only server: initialize refused, 2025 versions not in what server/discover lists.
  expect(rules.versionAsAsked([{ asked: '2025-11-25', answer: answer(400) }], ['2026-07-28'])).toEqual([]);
  // server/discover lists 2025-11-25, but initialize asking for it was refused.
  expect(rules.versionAsAsked([{ asked: '2025-11-25', answer: answer(400, {}, 'bad') }], ['2026-07-28', '2025-11-25'])).toEqual([
    'asked for 2025-11-25, which it supports, and it did not answer the initialize: HTTP 400, body "bad"',
  ]);
});
