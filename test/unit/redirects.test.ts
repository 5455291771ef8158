import { decideRedirect, describeRefusal, MAX_HOPS, RedirectNotFollowedError, sameOrigin } from '../../src/transports/redirects';

const from = new URL('http://127.0.0.1:4000/mcp');
const post = { url: from, method: 'POST', replayableBody: true };
const get = { url: from, method: 'GET', replayableBody: true };
const answer = (status: number, location: string | null) => ({ status, location });

describe('decideRedirect', () => {
  test('307 and 308 within the origin are followed, relative or absolute, with the method and body kept', () => {
    expect(decideRedirect(post, answer(307, '/mcp/'), 0)).toEqual({ follow: new URL('http://127.0.0.1:4000/mcp/') });
    expect(decideRedirect(post, answer(308, 'http://127.0.0.1:4000/v2/mcp'), 0)).toEqual({
      follow: new URL('http://127.0.0.1:4000/v2/mcp'),
    });
  });

  test('any redirect to another origin is refused: another port, host or scheme', () => {
    for (const location of ['http://127.0.0.1:4001/mcp', 'http://localhost:4000/mcp', 'https://127.0.0.1:4000/mcp', '//evil.example/mcp']) {
      for (const status of [301, 302, 303, 307, 308]) {
        expect(decideRedirect(post, answer(status, location), 0)).toEqual({ refuse: 'other-origin', target: new URL(location, from) });
        expect(decideRedirect(get, answer(status, location), 0)).toMatchObject({ refuse: 'other-origin' });
      }
    }
  });

  test('http to https on the same host, both on default ports, is an upgrade and is followed; the reverse is not', () => {
    const plain = { ...post, url: new URL('http://mcp.example/mcp') };
    expect(decideRedirect(plain, answer(308, 'https://mcp.example/mcp'), 0)).toEqual({ follow: new URL('https://mcp.example/mcp') });
    const secure = { ...post, url: new URL('https://mcp.example/mcp') };
    expect(decideRedirect(secure, answer(308, 'http://mcp.example/mcp'), 0)).toMatchObject({ refuse: 'other-origin' });
  });

  test('301, 302 and 303 after a POST are refused (fetch would re-send a GET without the message); after a GET they are followed', () => {
    for (const status of [301, 302, 303]) {
      expect(decideRedirect(post, answer(status, '/mcp/'), 0)).toMatchObject({ refuse: 'changes-method' });
      expect(decideRedirect(get, answer(status, '/mcp/'), 0)).toEqual({ follow: new URL('http://127.0.0.1:4000/mcp/') });
    }
  });

  test(`at most ${MAX_HOPS} hops`, () => {
    expect(decideRedirect(post, answer(307, '/mcp'), MAX_HOPS - 1)).toHaveProperty('follow');
    expect(decideRedirect(post, answer(307, '/mcp'), MAX_HOPS)).toMatchObject({ refuse: 'too-many' });
  });

  test('a Location that adds a user name or password is refused; a body that was a stream cannot be re-sent', () => {
    expect(decideRedirect(post, answer(307, 'http://me:pw@127.0.0.1:4000/mcp'), 0)).toMatchObject({ refuse: 'credentials-in-url' });
    expect(decideRedirect({ ...post, replayableBody: false }, answer(307, '/mcp/'), 0)).toMatchObject({ refuse: 'body-not-replayable' });
  });

  test('not a redirect to act on: other statuses, no Location, a Location that is no URL', () => {
    expect(decideRedirect(post, answer(200, '/x'), 0)).toBeUndefined();
    expect(decideRedirect(post, answer(304, '/x'), 0)).toBeUndefined();
    expect(decideRedirect(post, answer(307, null), 0)).toBeUndefined();
    expect(decideRedirect(post, answer(307, 'http://['), 0)).toBeUndefined();
  });
});

test('sameOrigin: scheme, host and port', () => {
  expect(sameOrigin(from, new URL('http://127.0.0.1:4000/other?x=1'))).toBe(true);
  expect(sameOrigin(from, new URL('http://127.0.0.1:4001/mcp'))).toBe(false);
});

describe('describeRefusal', () => {
  const target = new URL('https://other.example:8443/secret-path/mcp?key=s3cr3t');

  test('another origin: the status and the origin only, never its path or query; what to do', () => {
    const { detail, advice } = describeRefusal('other-origin', 307, { url: from, method: 'post' }, target);
    expect(detail).toBe(
      "the server answered POST with HTTP 307, a redirect to https://other.example:8443. jest-mcp does not follow a redirect to another origin: the client's headers and credentials go only where they are configured to go",
    );
    expect(advice).toBe("If https://other.example:8443 is the server you mean, use the URL it redirects to as the client's url");
    expect(`${detail} ${advice}`).not.toMatch(/secret-path|s3cr3t/);
  });

  test('a same-origin 302 says so and names 307/308', () => {
    const { detail, advice } = describeRefusal('changes-method', 302, { url: from, method: 'POST' }, new URL('http://127.0.0.1:4000/x'));
    expect(detail).toContain('a redirect to http://127.0.0.1:4000, the same origin. After a 302 the request would go on as a GET');
    expect(advice).toBe("Use the URL it redirects to as the client's url, or make the server redirect with 307 or 308");
  });

  test('an OAuth request (metadata, a token) says so, and that the metadata names its URLs, not the config', () => {
    const { detail, advice } = describeRefusal(
      'other-origin',
      307,
      { url: new URL('https://as.example/token'), method: 'POST', oauth: true },
      target,
    );
    expect(detail).toMatch(
      /^an OAuth request \(POST to https:\/\/as.example\) got HTTP 307, a redirect to https:\/\/other.example:8443\. /,
    );
    expect(advice).toBe(
      'If https://other.example:8443 is the server you mean, the OAuth metadata must name the URL it redirects to itself',
    );
  });

  test('the error names the client when given one, and keeps the parts for messages that name it themselves', () => {
    const error = new RedirectNotFollowedError(
      'what happened',
      'what to do',
      307,
      'http://x:1',
      'mcpClients.a (streamable-http http://127.0.0.1:4000/mcp)',
    );
    expect(error.message).toBe('jest-mcp: mcpClients.a (streamable-http http://127.0.0.1:4000/mcp): what happened. what to do.');
    expect(error).toMatchObject({ name: 'RedirectNotFollowedError', code: 'JEST_MCP_REDIRECT', status: 307, detail: 'what happened' });
  });
});
