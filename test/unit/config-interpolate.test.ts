import { Interpolation } from '../../src/config/interpolate';
import { McpConfigError } from '../../src/util/errors';
import { REDACTED, Redactor } from '../../src/util/redact';

/** `${VAR}` interpolation, the one missing-variables error, and what it hands the redactor. */

const env = { TOKEN: 'tok-9f8e7d6c', HOSTNAME: 'api.example.test', EMPTY: '' };
const fresh = (visible: string[] = []) => new Interpolation(env, new Redactor(), visible);

test('${NAME}, ${NAME:-default} and $${', () => {
  const vars = fresh();
  expect(vars.text('https://${HOSTNAME}/mcp', 'url')).toBe('https://api.example.test/mcp');
  expect(vars.text('${UNSET_VAR_X:-fallback}/${EMPTY:-also}', 'x')).toBe('fallback/also');
  expect(vars.text('${HOSTNAME:-ignored}', 'x')).toBe('api.example.test');
  expect(vars.text('$${HOSTNAME} and $${NOT_A_VAR}', 'x')).toBe('${HOSTNAME} and ${NOT_A_VAR}');
  expect(() => vars.finish('/root', undefined)).not.toThrow();
});

test('every missing variable is listed in one error', () => {
  const vars = fresh();
  vars.record({ Authorization: 'Bearer ${MISSING_ONE}' }, 'testEnvironmentOptions.mcp.clients.a.headers', 'header');
  vars.text('${MISSING_TWO}/${EMPTY}', 'testEnvironmentOptions.mcp.clients.b.command');
  let error: unknown;
  try {
    vars.finish('/project', undefined);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(McpConfigError);
  expect((error as Error).message).toBe(
    'jest-mcp: missing environment variables:\n' +
      '  - testEnvironmentOptions.mcp.clients.a.headers.Authorization uses ${MISSING_ONE}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.clients.b.command uses ${MISSING_TWO}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.clients.b.command uses ${EMPTY}, which is not set\n' +
      'Set them in the environment or a .env file in /project, or give a default with ${NAME:-default}.',
  );
});

test('the error names the env file when there is one', () => {
  const vars = fresh();
  vars.text('${MISSING_ONE}', 'w');
  expect(() => vars.finish('/project', { path: '/project/ci.env', variables: {} })).toThrow(
    'Set them in the environment or /project/ci.env, or give a default with ${NAME:-default}.',
  );
});

test('a missing variable is reported before a value it made invalid', () => {
  const vars = fresh();
  vars.text('${MISSING_ONE}', 'a.url');
  vars.reject('a.url', '"${MISSING_ONE}" is not a valid URL');
  expect(() => vars.finish('/p', undefined)).toThrow(
    /^jest-mcp: missing environment variables:\n {2}- a\.url uses \$\{MISSING_ONE\}, which is not set\n/,
  );
  const clean = fresh();
  clean.reject('a.url', '"nope" is not a valid URL');
  expect(() => clean.finish('/p', undefined)).toThrow(
    new McpConfigError('jest-mcp: invalid configuration:\n  - a.url: "nope" is not a valid URL'),
  );
});

test('arg() hands a credential from the environment to the redactor; text() does not', () => {
  const vars = fresh();
  vars.text('https://${HOSTNAME}/mcp', 'url');
  expect(vars.arg('--token=${TOKEN}', 'args[0]')).toBe('--token=tok-9f8e7d6c');
  expect(vars.redactor.redact('api.example.test got tok-9f8e7d6c')).toBe(`api.example.test got ${REDACTED}`);
});

test('records: variables hidden (a header carries credentials), literals when their name or shape says secret', () => {
  const vars = fresh();
  const headers = vars.record(
    { 'X-Tenant': 'notes', 'X-Api-Key': 'plain-key', 'X-Forwarded': '${TOKEN}', 'X-Id': 'a1b2c3d4e5f6g7h8i9' },
    'headers',
    'header',
  );
  expect(headers).toEqual({ 'X-Tenant': 'notes', 'X-Api-Key': 'plain-key', 'X-Forwarded': 'tok-9f8e7d6c', 'X-Id': 'a1b2c3d4e5f6g7h8i9' });
  expect(vars.redactor.redact('notes plain-key tok-9f8e7d6c a1b2c3d4e5f6g7h8i9')).toBe(`notes ${REDACTED} ${REDACTED} ${REDACTED}`);
});

test('visible values stay readable even from the environment; a literal can be ruled out', () => {
  const vars = new Interpolation({ PORT: '41234', SECRET_X: 'hunter2-x' }, new Redactor(), ['41234']);
  const out = vars.record({ SESSION_PORT: '${PORT}', SESSION_KEY: '${SECRET_X}' }, 'env', 'env', (raw) => !raw.includes('${PORT}'));
  expect(out).toEqual({ SESSION_PORT: '41234', SESSION_KEY: 'hunter2-x' });
  expect(vars.redactor.redact('port 41234 key hunter2-x')).toBe(`port 41234 key ${REDACTED}`);
});
