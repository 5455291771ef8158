import { REDACTED, Redactor, describeUrl, isSecretLiteral } from '../../src/util/redact';

describe('Redactor', () => {
  test('hides every known secret wherever it occurs', () => {
    const r = new Redactor().add('s3cr3t-value', 'other-secret');
    expect(r.redact('a=s3cr3t-value b=other-secret again s3cr3t-value')).toBe(`a=${REDACTED} b=${REDACTED} again ${REDACTED}`);
  });

  test('ignores undefined and values too short to be secrets, so ordinary words survive', () => {
    const r = new Redactor().add(undefined, 'abc', '');
    expect(r.redact('abc def')).toBe('abc def');
  });

  test('a four-character value is long enough to be hidden', () => {
    expect(new Redactor().add('abcd').redact('xabcdx')).toBe(`x${REDACTED}x`);
  });

  test('hides a secret that contains another one whole (longest first)', () => {
    // Added shortest first on purpose: the order of add() must not matter.
    const r = new Redactor().add('token', 'token-extended-part');
    expect(r.redact('value: token-extended-part')).toBe(`value: ${REDACTED}`);
  });

  test('treats regular expression characters in a secret literally', () => {
    const r = new Redactor().add('a.b*c(d)');
    expect(r.redact('aXbbc(d) a.b*c(d)')).toBe(`aXbbc(d) ${REDACTED}`);
  });

  test('addAll merges the secrets of another redactor', () => {
    const run = new Redactor().add('run-secret');
    const file = new Redactor().add('file-secret').addAll(run);
    expect(file.redact('run-secret file-secret')).toBe(`${REDACTED} ${REDACTED}`);
    // The merge copies: the source redactor does not learn the other's secrets.
    expect(run.redact('file-secret')).toBe('file-secret');
  });

  test('hides Bearer and Basic credentials of unknown value, any case', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Bearer abc.DEF-123_~+/=')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.redact('authorization: basic dXNlcjpwYXNz')).toBe(`authorization: basic ${REDACTED}`);
    expect(r.redact('BEARER tok1 and Basic tok2')).toBe(`BEARER ${REDACTED} and Basic ${REDACTED}`);
  });

  test('leaves the words Bearer and Basic alone when no credential-like word follows', () => {
    expect(new Redactor().redact('use Bearer or Basic')).toBe('use Bearer or Basic');
  });

  test('hides the password of a URL, keeping user and host', () => {
    expect(new Redactor().redact('GET https://alice:hunter22@example.com:8080/mcp failed')).toBe(
      `GET https://alice:${REDACTED}@example.com:8080/mcp failed`,
    );
  });

  test('leaves a URL without password and a host:port alone', () => {
    const text = 'http://alice@example.com/mcp and http://127.0.0.1:3000/mcp';
    expect(new Redactor().redact(text)).toBe(text);
  });

  test('a known secret that is also a URL password is hidden once, not doubled', () => {
    const r = new Redactor().add('hunter22');
    expect(r.redact('http://alice:hunter22@host/x')).toBe(`http://alice:${REDACTED}@host/x`);
  });
});

describe('isSecretLiteral', () => {
  test.each([
    'Authorization',
    'X-Api-Key',
    'API_TOKEN',
    'DB_PASSWORD',
    'pwd',
    'Cookie',
    'X-Session',
    'CLIENT_SECRET',
    'AWS_CREDENTIALS',
    'Signature',
    'PRIVATE_PEM',
  ])('the name %s makes any value secret', (name) => {
    expect(isSecretLiteral(name, 'x')).toBe(true);
  });

  test('an ordinary name and value are not secret (client names appear in messages)', () => {
    expect(isSecretLiteral('X-Tenant', 'notes')).toBe(false);
    expect(isSecretLiteral('PORT', '3000')).toBe(false);
  });

  test('a long value mixing letters and digits looks like a token', () => {
    expect(isSecretLiteral('X-Thing', 'a1b2c3d4e5f6g7h8')).toBe(true); // 16 characters
    expect(isSecretLiteral('X-Thing', 'a1b2c3d4e5f6g7h')).toBe(false); // 15 characters
  });

  test('long values of only letters or only digits are not token-shaped', () => {
    expect(isSecretLiteral('X-Thing', 'averyveryverylongword')).toBe(false);
    expect(isSecretLiteral('X-Thing', '12345678901234567890')).toBe(false);
  });

  test('a Bearer or Basic value is secret whatever the name', () => {
    expect(isSecretLiteral('X-Forward', 'Bearer abc')).toBe(true);
    expect(isSecretLiteral('X-Forward', 'basic abc')).toBe(true);
  });
});

describe('describeUrl', () => {
  test('keeps origin and path, hides the password and every query value', () => {
    expect(describeUrl('http://alice:pw@example.com:3000/mcp?token=abc&tenant=t1')).toBe(
      `http://alice:${REDACTED}@example.com:3000/mcp?token=${REDACTED}&tenant=${REDACTED}`,
    );
  });

  test('a URL with nothing to hide comes back as the URL parser prints it', () => {
    expect(describeUrl('http://127.0.0.1:3000/mcp')).toBe('http://127.0.0.1:3000/mcp');
    expect(describeUrl('http://Example.COM')).toBe('http://example.com/');
  });

  test('text that is not a URL comes back unchanged', () => {
    expect(describeUrl('not a url')).toBe('not a url');
  });

  // Regression test: the placeholder is put in by replacing every "redacted" in the printed URL, so a URL
  // that itself contains the word (host, path or query key) is misreported.
  test('a URL that contains the word "redacted" is not altered where nothing was hidden', () => {
    expect(describeUrl('http://redacted.example/mcp')).toBe('http://redacted.example/mcp');
  });
});
