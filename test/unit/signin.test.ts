import { readAuthorizationResponse } from '../../src/signin/driver';
import { findLoginForm } from '../../src/signin/login-form';
import { MemoryOAuthProvider } from '../../src/signin/provider';
import { McpAuthError } from '../../src/util/errors';

/** The pure parts of the headless sign-in: finding a login form, reading the authorization response, the in-memory provider. */

const page = new URL('http://127.0.0.1:9000/interaction/abc');

test('a login form: its action, method, hidden fields, and which inputs take the username and password', () => {
  const html = `<html><form method="get" action="/search"><input name="q"></form>
    <form method="post" action="/interaction/abc/login"><input type="hidden" name="csrf" value="t&amp;k">
    <input name="username" autocomplete="username"><input name="password" type="password"><input type="submit" name="go" value="Sign in"></form></html>`;
  expect(findLoginForm(html, page)).toEqual({
    action: new URL('http://127.0.0.1:9000/interaction/abc/login'),
    method: 'POST',
    fields: { csrf: 't&k', username: '', password: '' },
    usernameField: 'username',
    passwordField: 'password',
  });
});

test('a form without action posts to the page; an email field takes the username; no password input, no login form', () => {
  const form = findLoginForm(`<form method=POST><input type=email name=login_email><input type='password' name='pw'></form>`, page);
  expect(form).toMatchObject({ action: page, method: 'POST', usernameField: 'login_email', passwordField: 'pw' });
  expect(findLoginForm('<form><input name="username"></form><p>Consent?</p>', page)).toBeUndefined();
});

describe('the authorization response at the redirect URI', () => {
  const target = { user: 'alice', where: 'w', redirectUrl: 'http://127.0.0.1/cb', stepTimeoutMs: 1000, fetch };
  const read = (query: string, state?: string) =>
    readAuthorizationResponse(new URL(`http://127.0.0.1/cb?${query}`), state, target, 'http://as');

  test('the code and iss, once state matches', () => {
    expect(read('code=c1&state=s&iss=http%3A%2F%2Fas', 's')).toEqual({ code: 'c1', iss: 'http://as' });
    expect(read('code=c1')).toEqual({ code: 'c1', iss: undefined });
  });

  test('a refusal names the OAuth error and what it means; a wrong state or no code is refused', () => {
    expect(() => read('error=access_denied&error_description=User+said+no')).toThrow(
      'jest-mcp: could not sign in "alice" at the authorization server http://as: the authorization was refused: access_denied (User said no) (the user or the authorization server declined the authorization).',
    );
    expect(() => read('code=c1&state=other', 's')).toThrow(/did not return the state jest-mcp sent/);
    expect(() => read('state=s', 's')).toThrow(McpAuthError);
  });
});

describe('the in-memory provider', () => {
  const options = { redirectUrl: 'http://127.0.0.1/cb', clientName: 'jest-mcp (alice)' };

  test('a public client registers dynamically with both grants; a pre-registered one is used as given and survives invalidation', () => {
    const dynamic = new MemoryOAuthProvider(options);
    expect(dynamic.clientInformation()).toBeUndefined();
    expect(dynamic.clientMetadata).toEqual({
      client_name: 'jest-mcp (alice)',
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/cb'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    });
    const registered = new MemoryOAuthProvider({ ...options, clientId: 'id', clientSecret: 'secret' });
    registered.invalidateCredentials('all');
    expect(registered.clientInformation()).toEqual({ client_id: 'id', client_secret: 'secret' });
    expect(registered.clientMetadata.token_endpoint_auth_method).toBe('client_secret_basic');
  });

  test('the authorization URL is handed over once; dropping the access token keeps the refresh token', () => {
    const provider = new MemoryOAuthProvider(options);
    provider.redirectToAuthorization(new URL('http://as/authorize?x=1'));
    expect(provider.takeAuthorizationUrl()?.href).toBe('http://as/authorize?x=1');
    expect(provider.takeAuthorizationUrl()).toBeUndefined();
    provider.saveTokens({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
    provider.dropAccessToken();
    expect(provider.tokens()).toMatchObject({ access_token: '', refresh_token: 'r' });
    provider.saveTokens({ access_token: 'a' });
    provider.dropAccessToken();
    expect(provider.tokens()).toBeUndefined();
  });
});
