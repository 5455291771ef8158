import { explainConnectError, handshakeOf } from '../../src/transports/explain-error';
import { TimeoutError } from '../../src/util/timeout';

const at = 'mcp.clients.notes';
const explain = (error: unknown, kind = 'http', diagnostics?: string) => explainConnectError(error, kind, at, diagnostics);
const sysError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, ...extra });
const withCode = (code: number, message = 'HTTP error') => Object.assign(new Error(message), { code });

test('a timeout: no answer, and which setting to raise', () => {
  expect(explain(new TimeoutError(1500, 'connect to notes'))).toEqual({
    cause: 'no answer: connect to notes did not finish within 1.5 s',
    hint: `Check that the server is up and answers MCP, or raise timeouts.connect (${at}.timeouts or mcp.timeouts).`,
  });
});

describe('ECONNREFUSED', () => {
  const refused = {
    cause: 'connection refused: nothing is listening at that address',
    hint: `Start the server before Jest, or fix ${at}.url.`,
  };

  test('on the error itself', () => {
    expect(explain(sysError('ECONNREFUSED'))).toEqual(refused);
  });

  test("in the cause chain, as undici's fetch reports it", () => {
    expect(explain(new TypeError('fetch failed', { cause: sysError('ECONNREFUSED') }))).toEqual(refused);
    // Deeper: the SDK wraps the fetch error once more.
    expect(explain(new Error('SSE error', { cause: new TypeError('fetch failed', { cause: sysError('ECONNREFUSED') }) }))).toEqual(refused);
  });

  test('inside an AggregateError (one attempt per address family)', () => {
    const both = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'connect failed');
    expect(explain(new TypeError('fetch failed', { cause: both }))).toEqual(refused);
  });

  test('for a server jest-mcp started, the hint says it has stopped since', () => {
    expect(explain(sysError('ECONNREFUSED'), 'http', 'server "notes" started by jest-mcp (pid 1)').hint).toBe(
      'The server was ready when the run began and has stopped or crashed since; its output (below) may say why.',
    );
  });
});

test.each([
  ['ENOTFOUND', 'the host name does not resolve', `Fix the host in ${at}.url.`],
  ['ECONNRESET', 'the server closed the connection', 'Check the server logs.'],
  ['ETIMEDOUT', 'the TCP connection timed out', 'Check the address and any firewall.'],
  ['EACCES', 'permission denied when starting the command', `Make ${at}.command executable.`],
])('%s', (code, cause, hint) => {
  expect(explain(new TypeError('fetch failed', { cause: sysError(code) }))).toEqual({ cause, hint });
});

// Regression test: system codes are recognised by /^E[A-Z]+$/, which has no underscore, so the EAI_AGAIN case
// (a DNS lookup that failed for now, common on CI without DNS) is never reached: "TypeError: fetch failed".
test('EAI_AGAIN reads as a host name that does not resolve', () => {
  expect(explain(new TypeError('fetch failed', { cause: sysError('EAI_AGAIN') }))).toEqual({
    cause: 'the host name does not resolve',
    hint: `Fix the host in ${at}.url.`,
  });
});

test('ENOENT of a stdio command names the path; of another transport it is not a command', () => {
  expect(explain(sysError('ENOENT', { path: 'my-server' }), 'stdio')).toEqual({
    cause: 'command not found (or cwd missing): my-server',
    hint: `Check ${at}.command and .cwd; commands are looked up on PATH and relative paths from cwd.`,
  });
  expect(explain(sysError('ENOENT'), 'stdio').cause).toBe('command not found (or cwd missing): the command');
  expect(explain(sysError('ENOENT'), 'http')).toEqual({ cause: 'connect ENOENT 127.0.0.1:1' });
});

describe('HTTP status on a numeric code', () => {
  test.each([
    [
      401,
      'HTTP 401 Unauthorized',
      'the server rejected the credentials. Check the Authorization header and the variable it reads (its value is not shown).',
    ],
    [
      404,
      'HTTP 404 Not Found',
      'there is no MCP endpoint at this URL. Check the path (often /mcp for Streamable HTTP, /sse for legacy SSE).',
    ],
    [500, 'HTTP 500 Internal Server Error', 'the server failed; its own logs say why.'],
  ])('%i', (code, cause, hint) => {
    expect(explain(withCode(code, `Streamable HTTP error: Error POSTing to endpoint (HTTP ${code})`))).toEqual({ cause, hint });
  });

  test('405 names the transport option', () => {
    const { cause, hint } = explain(withCode(405));
    expect(cause).toBe('HTTP 405 Method Not Allowed');
    expect(hint).toMatch(
      /^the URL does not accept MCP requests\. Is it the right endpoint and transport \(`transport: "sse"` for legacy servers\)\?/,
    );
  });

  // Regression test: the hint is the table's text plus '.', and the 405 text ends with '?': "servers)?."
  test('405: the hint does not end in "?."', () => {
    expect(explain(withCode(405)).hint).not.toMatch(/\?\.$/);
  });

  test('codes without a table entry', () => {
    expect(explain(withCode(418))).toEqual({ cause: 'HTTP 418 the server refused the request', hint: undefined });
    expect(explain(withCode(599))).toEqual({ cause: 'HTTP 599 server error', hint: undefined });
  });
});

test('an OAuth error code names the auth settings, not the secret', () => {
  const error = Object.assign(new Error('Client authentication failed'), { name: 'InvalidClientError', errorCode: 'invalid_client' });
  expect(explain(error)).toEqual({
    cause: 'OAuth invalid_client: Client authentication failed',
    hint: `Check ${at}.auth (client id, secret, scope) against the authorization server; the secret is not shown.`,
  });
  expect(explain({ errorCode: 'invalid_scope' }).cause).toBe('OAuth invalid_scope');
});

test("the SDK's UnauthorizedError (its redirect error) says the provider got no token, and what to configure", () => {
  const error = Object.assign(new Error('Unauthorized'), { name: 'UnauthorizedError' });
  expect(explain(error)).toEqual({
    cause:
      "HTTP 401 Unauthorized: the auth provider got no token (the SDK's UnauthorizedError: Unauthorized; in the authorization code flow the SDK stops there, after redirectToAuthorization)",
    hint: `Check ${at}.auth. For users, set auth.authorizationCode, or give your provider a redirectUrl: jest-mcp then completes the redirect itself.`,
  });
});

test('-32001: initialize timed out', () => {
  expect(explain(withCode(-32001, 'Request timed out'))).toEqual({
    cause: 'the server did not answer initialize in time',
    hint: 'Raise timeouts.connect, or check that the server reads requests.',
  });
});

describe('-32000: connection closed', () => {
  test('without diagnostics: the connection closed', () => {
    expect(explain(withCode(-32000, 'Connection closed'), 'http')).toEqual({
      cause: 'the connection closed before initialize completed',
      hint: 'Check the server logs.',
    });
  });

  test('with exit diagnostics: the process ended, and stdio points at its stderr', () => {
    expect(explain(withCode(-32000, 'Connection closed'), 'stdio', 'the server exited with code 1')).toEqual({
      cause: 'the server process ended before initialize completed',
      hint: 'Its stderr below usually says why. Run the command by hand to see it start.',
    });
    expect(explain(withCode(-32000), 'stdio', 'the server was killed by SIGKILL').cause).toBe(
      'the server process ended before initialize completed',
    );
    // Diagnostics that say nothing about an exit do not claim one.
    expect(explain(withCode(-32000), 'stdio', 'stderr: nothing').cause).toBe('the connection closed before initialize completed');
  });

  test('"Connection closed" without the code is the same case', () => {
    expect(explain(new Error('MCP error: connection closed')).cause).toBe('the connection closed before initialize completed');
  });
});

test("fetch()'s bad port", () => {
  expect(explain(new TypeError('fetch failed', { cause: new Error('bad port') }))).toEqual({
    cause: 'fetch() refuses to connect to this port (one of the ports browsers block)',
    hint: `Serve MCP on another port and fix ${at}.url.`,
  });
});

test('anything else: its name (unless plain Error) and message, no hint', () => {
  expect(explain(new RangeError('odd'))).toEqual({ cause: 'RangeError: odd' });
  expect(explain(new Error('plain'))).toEqual({ cause: 'plain' });
  expect(explain('a string')).toEqual({ cause: 'a string' });
  expect(explain({ code: 'NOT_A_SYSTEM_CODE', message: 'm' })).toEqual({ cause: 'm' });
});

// Regression test: `(error as { errorCode }).errorCode` reads a property of null/undefined and throws a
// TypeError, which would replace the real failure (a user's auth provider can reject with anything).
test('a rejection with undefined is explained, not a new TypeError', () => {
  expect(explain(undefined)).toEqual({ cause: 'undefined' });
});

test('handshakeOf names what opening a session sends, per protocol', () => {
  expect([undefined, 'legacy', 'auto', '2026-07-28'].map(handshakeOf)).toEqual([
    'initialize',
    'initialize',
    'server/discover (or initialize)',
    'server/discover',
  ]);
});

describe('redirects', () => {
  test("a redirect jest-mcp's fetch did not follow: its own words, and which url to change", () => {
    const inner = Object.assign(new Error('jest-mcp: …'), {
      name: 'RedirectNotFollowedError',
      detail: 'the server answered POST with HTTP 307, a redirect to http://b:2',
      advice: "If http://b:2 is the server you mean, use the URL it redirects to as the client's url",
    });
    // 2.x may wrap it.
    expect(explain(new Error('SSE error', { cause: inner }))).toEqual({
      cause: 'the server answered POST with HTTP 307, a redirect to http://b:2',
      hint: `If http://b:2 is the server you mean, use the URL it redirects to as the client's url (${at}.url).`,
    });
  });

  test("a 3xx the SDK reports is a redirect, not a refusal: its status and the Location's origin only", () => {
    const sdk1 = withCode(
      302,
      "Streamable HTTP error: Error POSTing to endpoint: Redirect to https://login.example/sso?token=abc not followed (redirectPolicy: 'same-origin')",
    );
    expect(explain(sdk1)).toEqual({
      cause: 'HTTP 302 redirect to https://login.example, not followed',
      hint: `jest-mcp follows a redirect only within the same origin, and after a POST only a 307 or 308. Use the URL it redirects to as ${at}.url.`,
    });
    const sdk2 = Object.assign(new Error('Redirect from https to plain http not followed; try https://a.example/mcp as the endpoint'), {
      name: 'SdkHttpError',
      status: 301,
    });
    expect(explain(sdk2).cause).toBe('HTTP 301 redirect to https://a.example, not followed');
    expect(explain(withCode(303)).cause).toBe('HTTP 303 redirect, not followed');
  });
});

describe('a connection the server closed mid-request', () => {
  test('before any answer (thrown by the fetch), and after the headers (the -32000 error response)', () => {
    const thrown = Object.assign(new Error('jest-mcp: …'), {
      name: 'ConnectionClosedError',
      detail: 'the server closed the connection in the middle of initialize, before answering (UND_ERR_SOCKET)',
      hint: "The server's logs say why: it crashed, or a proxy in between cut the request",
      cause: new TypeError('fetch failed', { cause: sysError('ECONNRESET') }),
    });
    expect(explain(thrown)).toEqual({
      cause: 'the server closed the connection in the middle of initialize, before answering (UND_ERR_SOCKET)',
      hint: "The server's logs say why: it crashed, or a proxy in between cut the request.",
    });
    const answered = Object.assign(withCode(-32000, 'MCP error -32000: jest-mcp: …'), {
      data: {
        jestMcp: 'closed-mid-request',
        detail: 'the server ended its HTTP 200 answer to initialize without the answer itself',
        hint: 'Look.',
      },
    });
    expect(explain(answered)).toEqual({
      cause: 'the server ended its HTTP 200 answer to initialize without the answer itself',
      hint: 'Look.',
    });
  });
});
