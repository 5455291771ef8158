import { assertMcpOptions } from '../../src/config/validate';
import { knownSecrets } from '../../src/config/known-secrets';
import { SecretPolicy, isOrdinaryValue, isSecretName, isTokenShaped } from '../../src/config/secret-rules';
import { REDACTED } from '../../src/util/redact';

/** What is a secret: where a value is used, what it is called, its shape, and `mcp.secrets`. */

const rules = new SecretPolicy();

describe('names', () => {
  test.each([
    'API_TOKEN',
    'MAX_TOKENS',
    'OPENAI_API_KEY',
    'apiKey',
    'X-Api-Key',
    'DB_PASSWORD',
    'DB_PASS',
    'PGPASSWORD',
    'Authorization',
    'AUTH',
    'GITHUB_AUTH_TOKEN',
    'CLIENT_SECRET',
    'AWS_CREDENTIALS',
    'Cookie',
    'X-Session',
    'PRIVATE_PEM',
    'Signature',
    '--api-key',
    '--token',
    'pwd',
  ])('%s says secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  test.each([
    'PORT',
    'PYTHON',
    'DISABLE_THOUGHT_LOGGING',
    'AUTHOR',
    'KEYBOARD_LAYOUT',
    'PASSTHROUGH',
    'BYPASS_CACHE',
    'PWD',
    'OLDPWD',
    'X-Tenant',
  ])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('values', () => {
  test.each([
    'true',
    'false',
    'TRUE',
    '0',
    '8080',
    '4096',
    '-1',
    '0.75',
    '/usr/bin/python3',
    './server.py',
    '../bin/x',
    '~/venv/bin/python',
    'C:\\Python\\python.exe',
  ])('%s is ordinary', (value) => {
    expect(isOrdinaryValue(value)).toBe(true);
  });

  test.each(['1234567', 'notes', 'production', 'Bearer x', '/keys/aB3dE5gH7jK9mN1pQ3sT5vX7'])('%s is not ordinary', (value) => {
    expect(isOrdinaryValue(value)).toBe(false);
  });

  test('token-shaped: long, letters and digits mixed; not a path, not a URL', () => {
    expect(isTokenShaped('a1b2c3d4e5f6g7h8')).toBe(true);
    expect(isTokenShaped('sk-proj-4f9a8b7c6d5e4f3a')).toBe(true);
    expect(isTokenShaped('Bearer abc')).toBe(true);
    expect(isTokenShaped('/opt/python3.12/bin/python3')).toBe(false);
    expect(isTokenShaped('http://127.0.0.1:3000/mcp')).toBe(false);
    expect(isTokenShaped('averyveryverylongword')).toBe(false);
  });
});

describe('a `${VAR}` value, by where it is used', () => {
  const secret = (value: string, use: Parameters<SecretPolicy['isSecret']>[1], policy = rules) => policy.isSecret(value, use);
  const plain = 'qwertyuiopasdfgh'; // letters only: no shape gives it away

  test('in a header, an environment, an argument or a URL path: hidden', () => {
    for (const place of ['header', 'env', 'arg', 'url-credential'] as const)
      expect(secret(plain, { place, variable: 'CANARY' })).toBe(true);
  });

  test('as a command, a working directory or a host: shown', () => {
    expect(secret(plain, { place: 'program', variable: 'CANARY' })).toBe(false);
    expect(secret('internal.example', { place: 'url-host', variable: 'HOST' })).toBe(false);
  });

  test('booleans, numbers and paths are shown wherever they are used and whatever the name', () => {
    expect(secret('true', { place: 'env', key: 'DISABLE_THOUGHT_LOGGING', variable: 'DISABLE_THOUGHT_LOGGING' })).toBe(false);
    expect(secret('4096', { place: 'env', key: 'MAX_TOKENS', variable: 'MAX_TOKENS' })).toBe(false);
    expect(secret('/usr/bin/python3', { place: 'arg', variable: 'PYTHON' })).toBe(false);
    expect(secret('/run/user/1000/ssh-agent.sock', { place: 'env', key: 'SSH_AUTH_SOCK', variable: 'SSH_AUTH_SOCK' })).toBe(false);
  });

  test('short values are shown unless the name says secret', () => {
    expect(secret('debug', { place: 'env', key: 'LOG_LEVEL', variable: 'LOG_LEVEL' })).toBe(false);
    expect(secret('hunter2', { place: 'env', key: 'DB_PASS', variable: 'DB_PASS' })).toBe(true);
    expect(secret('abc', { place: 'header', key: 'Authorization', variable: 'TOKEN' })).toBe(false); // under 4: never
  });

  test('a literal is hidden only by its name or shape', () => {
    expect(secret('notes-tenant', { place: 'header', key: 'X-Tenant' })).toBe(false);
    expect(secret('plain-key', { place: 'header', key: 'X-Api-Key' })).toBe(true);
    expect(secret('a1b2c3d4e5f6g7h8', { place: 'header', key: 'X-Id' })).toBe(true);
  });

  test('mcp.secrets: ignore shows, add hides, by the variable or the env name, with wildcards', () => {
    const policy = new SecretPolicy({ add: ['FEATURE_*', 'PYTHON'], ignore: ['TENANT', 'OPENAI_API_KEY'] });
    expect(secret(plain, { place: 'header', variable: 'TENANT' }, policy)).toBe(false);
    expect(secret('sk-4f9a8b7c6d5e4f3a2b1c', { place: 'env', key: 'OPENAI_API_KEY', variable: 'K' }, policy)).toBe(false);
    expect(secret('true', { place: 'env', variable: 'FEATURE_X' }, policy)).toBe(true);
    expect(secret('/usr/bin/python3', { place: 'program', variable: 'PYTHON' }, policy)).toBe(true);
  });

  test('add wins over ignore when both match', () => {
    const policy = new SecretPolicy({ add: ['API_*'], ignore: ['*_KEY'] });
    expect(secret(plain, { place: 'env', variable: 'API_KEY' }, policy)).toBe(true);
  });
});

test('known secrets: ordinary values of the config stay readable, credentials do not, and added variables are hidden unused', () => {
  const env = {
    DISABLE_THOUGHT_LOGGING: 'true',
    PYTHON: '/usr/bin/python3',
    MAX_TOKENS: '4096',
    CANARY: 'qwertyuiopasdfgh',
    TOKEN: 'tok-31415926',
    UNUSED_SECRET: 'never-in-the-config',
  };
  const options = {
    envFile: false as const,
    secrets: { add: ['UNUSED_SECRET'] },
    clients: {
      think: {
        command: '${PYTHON}',
        args: ['${PYTHON}', '--max', '${MAX_TOKENS}'],
        env: { DISABLE_THOUGHT_LOGGING: '${DISABLE_THOUGHT_LOGGING}', X: '${CANARY}' },
      },
      web: { url: 'http://h/mcp?debug=true', headers: { Authorization: 'Bearer ${TOKEN}' } },
    },
  };
  assertMcpOptions(options);
  const redactor = knownSecrets(options, '/nowhere', env);
  expect(redactor.redact('true /usr/bin/python3 4096 qwertyuiopasdfgh tok-31415926 never-in-the-config')).toBe(
    `true /usr/bin/python3 4096 ${REDACTED} ${REDACTED} ${REDACTED}`,
  );
});

describe('validation', () => {
  const problems = (secrets: unknown) => {
    try {
      assertMcpOptions({ secrets });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  test('lists of names, with * wildcards', () => {
    expect(problems({ add: ['API_*', 'TOKEN'], ignore: ['NODE_ENV'] })).toBe('');
  });

  test('every problem, with its path, and never the content of a misplaced value', () => {
    const message = problems({ add: 'TOKEN', ignore: ['ok', 'sk-live-abc123', 7], hide: [] });
    expect(message).toContain('testEnvironmentOptions.mcp.secrets.hide: unknown key; expected one of add, ignore');
    expect(message).toContain(
      'testEnvironmentOptions.mcp.secrets.add: expected an array of environment variable names, got string "TOKEN"',
    );
    expect(message).toContain(
      'testEnvironmentOptions.mcp.secrets.ignore[1]: expected an environment variable name (letters, digits, _ and *), got a string (not shown)',
    );
    expect(message).toContain('testEnvironmentOptions.mcp.secrets.ignore[2]: expected an environment variable name');
    expect(message).not.toContain('sk-live-abc123');
  });

  test('a name in both lists', () => {
    expect(problems({ add: ['MODEL'], ignore: ['MODEL'] })).toContain(
      'testEnvironmentOptions.mcp.secrets.ignore: "MODEL" is also in testEnvironmentOptions.mcp.secrets.add; list it in one of them',
    );
    expect(problems(['TOKEN'])).toContain('testEnvironmentOptions.mcp.secrets: expected { add?, ignore? }');
  });
});
