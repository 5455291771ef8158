import { assertMcpOptions } from '../../src/config/validate';
import { assertAuthServerOptions } from '../../src/config/validate-auth-servers';
import { authServerLogLine } from '../../src/authserver/log-line';
import { WRONG_AUDIENCE, WRONG_ISSUER, mintClaims } from '../../src/authserver/mint-claims';
import { AUTH_SERVERS_ENV, authServerVariables } from '../../src/authserver/handoff';
import { resolveServer } from '../../src/config/servers';

const M = 'testEnvironmentOptions.mcp';

function problemsOf(raw: unknown, check: (raw: unknown) => void = assertMcpOptions): string[] {
  try {
    check(raw);
    return [];
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
}

describe('authorization server options', () => {
  test('every problem, by path, and a password is never echoed', () => {
    expect(
      problemsOf({
        authServers: {
          main: {
            port: 70000,
            users: { alice: { password: 12345678 }, bob: { password: 'x', consent: 'maybe' } },
            clients: [
              { client_id: 'a', token_endpoint_auth_method: 'private_key_jwt' },
              { client_secret: 's', token_endpoint_auth_method: 'client_secret_post', grant_types: ['implicit'] },
            ],
            scopes: ['ok', 'has space'],
            accessTokenTtl: 0.5,
            dynamicRegistration: 'yes',
            autoApprove: 'carol',
            typo: 1,
          },
        },
      }),
    ).toEqual([
      `${M}.authServers.main.typo: unknown key; expected one of port, users, clients, scopes, accessTokenTtl, refreshTokenTtl, dynamicRegistration, clientIdMetadataDocuments, autoApprove`,
      `${M}.authServers.main.port: expected a port number (0-65535), got number 70000; leave it out for a free one`,
      `${M}.authServers.main.users.alice.password: expected a non-empty string`,
      `${M}.authServers.main.users.bob.consent: expected "grant" or "deny", got string "maybe"`,
      `${M}.authServers.main.clients[0].jwks: private_key_jwt needs the client's public keys: { keys: [jwk, …] }`,
      `${M}.authServers.main.clients[1].client_id: expected a non-empty string, got undefined undefined`,
      `${M}.authServers.main.clients[1].grant_types: expected a list of authorization_code, refresh_token, client_credentials, got an array`,
      `${M}.authServers.main.scopes: expected a list of scope names (no spaces or quotes), got an array`,
      `${M}.authServers.main.accessTokenTtl: expected a whole positive number of seconds, got number 0.5`,
      `${M}.authServers.main.dynamicRegistration: expected true or false, got string "yes"`,
      `${M}.authServers.main.autoApprove: names user "carol", who is not in ${M}.authServers.main.users (alice, bob)`,
    ]);
  });

  test('startAuthServer(options) is checked the same way, named as the call', () => {
    expect(problemsOf({ users: { alice: {} } }, (raw) => assertAuthServerOptions(raw, 'startAuthServer(options)'))).toEqual([
      'startAuthServer(options).users.alice.password: expected a non-empty string',
    ]);
    expect(problemsOf({ autoApprove: 'solo', scopes: ['mcp'] }, (raw) => assertAuthServerOptions(raw, 'x'))).toEqual([]);
  });

  test('${authServers.<name>.<value>} in a server names a configured authorization server and a value it has', () => {
    const server = (args: string[], env?: Record<string, string>) => ({ command: 'node', args, env });
    expect(
      problemsOf({
        authServers: { main: {} },
        servers: {
          ok: server(['${authServers.main.issuer}', '--jwks=${authServers.main.jwksUri}']),
          bad: server(['${authServers.mian.issuer}'], { ISSUER: '${authServers.main.secret}' }),
        },
      }),
    ).toEqual([
      `${M}.servers.bad.args[0]: uses \${authServers.mian.issuer}, but ${M}.authServers has no "mian" (configured: main). Did you mean "main"?`,
      `${M}.servers.bad.env.ISSUER: uses \${authServers.main.secret}; an authorization server offers issuer and jwksUri`,
    ]);
  });
});

describe('interpolation of the run authorization servers into a server', () => {
  test('issuer and JWKS URL, shown as they are (no secrets)', () => {
    // As the global setup hands them over: published by this process.
    const main = { issuer: 'http://127.0.0.1:4000', jwksUri: 'http://127.0.0.1:4000/jwks', keyFile: '/k', users: [], scopes: [] };
    const env = { [AUTH_SERVERS_ENV]: JSON.stringify({ pid: process.pid, dir: '/d', servers: { main } }) };
    expect(authServerVariables({ main })).toEqual({ 'authServers.main.issuer': main.issuer, 'authServers.main.jwksUri': main.jwksUri });
    const spec = resolveServer(
      {
        envFile: false,
        servers: { s: { command: 'node', args: ['--issuer', '${authServers.main.issuer}'], env: { JWKS: '${authServers.main.jwksUri}' } } },
      },
      's',
      { rootDir: __dirname, port: 5000, env },
    );
    expect(spec.args).toEqual(['--issuer', 'http://127.0.0.1:4000']);
    expect(spec.env).toEqual({ JWKS: 'http://127.0.0.1:4000/jwks' });
    expect(spec.redactor.redact('issuer http://127.0.0.1:4000/jwks')).toBe('issuer http://127.0.0.1:4000/jwks');
  });
});

describe('mintToken claims', () => {
  const defaults = { issuer: 'http://127.0.0.1:4000', users: ['alice', 'bob'], scopes: ['mcp', 'mcp:admin'], clientId: 'app' };
  const NOW = 1_800_000_000;
  const mint = (options = {}, claims = {}) => mintClaims(defaults, claims, { resource: 'http://127.0.0.1:5000/mcp', ...options }, NOW);

  test('defaults: a valid token for the resource, the first user, every scope', () => {
    expect(mint()).toEqual({
      iss: defaults.issuer,
      sub: 'alice',
      aud: 'http://127.0.0.1:5000/mcp',
      client_id: 'app',
      scope: 'mcp mcp:admin',
      iat: NOW,
      exp: NOW + 300,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  test('each way to spoil it', () => {
    expect(mint({ expired: true })).toMatchObject({ iat: NOW - 7200, exp: NOW - 3600 });
    expect(mint({ notYetValid: true })).toMatchObject({ iat: NOW + 3600, nbf: NOW + 3600, exp: NOW + 3900 });
    expect(mint({ wrongAudience: true }).aud).toBe(WRONG_AUDIENCE);
    expect(mint({ wrongIssuer: true }).iss).toBe(WRONG_ISSUER);
    expect(mint({ withoutScope: 'mcp:admin' }).scope).toBe('mcp');
    expect(mint({ scope: ['a', 'b'], withoutScope: ['b'] }).scope).toBe('a');
    expect(mint({ user: 'bob', clientId: 'other', expiresIn: 10 })).toMatchObject({ sub: 'bob', client_id: 'other', exp: NOW + 10 });
    expect(mint({ audience: ['x', 'y'] }).aud).toEqual(['x', 'y']);
    expect(mint({}, { scope: 'given', extra: 1 })).toMatchObject({ scope: 'given', extra: 1 });
  });

  test('without a resource it says what to give', () => {
    expect(() => mintClaims(defaults, {}, {}, NOW)).toThrow(/mintToken\(\) needs the resource the token is for/);
    expect(mintClaims(defaults, { aud: 'given' }, {}, NOW).aud).toBe('given');
  });
});

test('a token request log line: grant, client, user, outcome; nothing secret to put there', () => {
  const at = new Date('2026-12-07T14:00:00.000Z');
  expect(authServerLogLine({ grantType: 'authorization_code', clientId: 'app', user: 'alice' }, at)).toBe(
    '2026-12-07T14:00:00.000Z token grant_type=authorization_code client_id=app user=alice issued\n',
  );
  expect(authServerLogLine({ grantType: 'refresh_token', error: 'invalid_grant' }, at)).toBe(
    '2026-12-07T14:00:00.000Z token grant_type=refresh_token client_id=(none) refused=invalid_grant\n',
  );
});
