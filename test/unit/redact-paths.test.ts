import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { REDACTED, Redactor, describeUrl } from '../../src/util/redact';
import { summarize, WireRecorder } from '../../src/session/trace';
import { TailBuffer } from '../../src/process/tail-buffer';
import { ScrubbedLog, tailOfFile } from '../../src/servers/log';
import { Interpolation } from '../../src/config/interpolate';
import { knownSecrets } from '../../src/config/known-secrets';
import { resolvePlan } from '../../src/config/plan';

/** Redaction on the raw value, before every cut, escape and format: each path that prints one. */

const SECRET = 'zqxwvutsrqponmlkjihg';

describe('Redactor: every spelling', () => {
  test('a value with a quote and a backslash, JSON-escaped once or twice, and percent-encoded', () => {
    const value = 'ab"cd\\ef gh/ij';
    const r = new Redactor().add(value);
    const once = JSON.stringify({ v: value });
    expect(r.redact(once)).toBe(`{"v":"${REDACTED}"}`);
    expect(r.redact(JSON.stringify({ text: once }))).toBe(`{"text":"{\\"v\\":\\"${REDACTED}\\"}"}`);
    expect(r.redact(`?k=${encodeURIComponent(value)}`)).toBe(`?k=${REDACTED}`);
    expect(r.redact(`/${encodeURI(value)}`)).toBe(`/${REDACTED}`);
  });

  test('redactKnown leaves shapes to the caller', () => {
    expect(new Redactor().add(SECRET).redactKnown(`Bearer abcdefg ${SECRET}`, '[secret]')).toBe('Bearer abcdefg [secret]');
  });

  test('describeUrl hides what the redactor knows, in the path or host, before the URL parser encodes it', () => {
    const r = new Redactor().add(SECRET, 'private-host.test');
    expect(describeUrl(`http://127.0.0.1:8701/${SECRET}/mcp`, r)).toBe(`http://127.0.0.1:8701/${REDACTED}/mcp`);
    expect(describeUrl('http://private-host.test/mcp', r)).toBe(`http://${REDACTED}/mcp`);
  });

  test('describeUrl of a text that is no URL still hides query values and a password', () => {
    expect(describeUrl('http//h:1/mcp?key=abc&x=1')).toBe(`http//h:1/mcp?key=${REDACTED}&x=${REDACTED}`);
    expect(describeUrl('htp://u:pw@h/mcp')).toBe(`htp://u:${REDACTED}@h/mcp`);
  });
});

describe('a `${VAR}` in a URL', () => {
  const env = { KEY: SECRET, PORT: '18701', HOST: 'internal.example', WHOLE: `http://127.0.0.1:1/${SECRET}7/mcp?k=qv-2718` };

  test('in the path is a secret (a key in the path is a common pattern); the host and a bare port are not', () => {
    const vars = new Interpolation(env, new Redactor());
    expect(vars.url('http://${HOST}:${PORT}/${KEY}/mcp', 'u')).toBe(`http://internal.example:18701/${SECRET}/mcp`);
    expect(vars.redactor.redact(`http://internal.example:18701/${SECRET}/mcp`)).toBe(`http://internal.example:18701/${REDACTED}/mcp`);
  });

  test("in the user part is a secret; in the host, only when the variable's name says so", () => {
    const vars = new Interpolation({ ...env, USER_NAME: 'alice-the-admin', API_KEY_HOST: 'k3y-host.example' }, new Redactor());
    vars.url('http://${USER_NAME}@${API_KEY_HOST}/mcp', 'u');
    expect(vars.redactor.redact('alice-the-admin k3y-host.example')).toBe(`${REDACTED} ${REDACTED}`);
  });

  test('holding a whole URL hides its token-like path segments and query values, not the rest', () => {
    const vars = new Interpolation(env, new Redactor());
    vars.url('${WHOLE}', 'u');
    expect(vars.redactor.redact(env.WHOLE)).toBe(`http://127.0.0.1:1/${REDACTED}/mcp?k=${REDACTED}`);
  });

  test('an invalid URL is shown as written, `${VAR}` unexpanded, under "invalid configuration", beside a missing variable', () => {
    let message = '';
    try {
      resolvePlan(
        { envFile: false, clients: { a: { url: 'http//127.0.0.1/mcp?key=${KEY}' }, b: { url: 'http://h/${NOT_SET}/mcp' } } },
        { rootDir: '/r', servers: {}, env: { KEY: SECRET } },
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(SECRET);
    expect(message).toMatch(/^jest-mcp: missing environment variables:\n {2}- \S+clients\.b\.url uses \$\{NOT_SET\}/);
    expect(message).toContain(
      `jest-mcp: invalid configuration:\n  - testEnvironmentOptions.mcp.clients.a.url: "http//127.0.0.1/mcp?key=${REDACTED}" is not a valid URL`,
    );
  });
});

test('knownSecrets: every secret of the config, clients and servers, whichever a file uses; never throws', () => {
  const env = {
    A: 'aaaa-header',
    B: 'bbbb-arg',
    C: 'cccc-env',
    D: 'dddd-path',
    E: 'eeee-cc',
    F: 'ffff-srvarg',
    G: 'gggg-srvenv',
    H: 'hhhh-ready',
  };
  const r = knownSecrets(
    {
      envFile: 'no-such.env',
      clients: {
        h: {
          url: 'http://x/${D}/mcp',
          headers: { 'X-Api-Key': '${A}' },
          auth: { clientCredentials: { clientId: 'c', clientSecret: '${E}' } },
        },
        s: { command: 'node', args: ['--t=${B}', '${NOT_SET}'], env: { X: '${C}' } },
      },
      servers: {
        srv: { command: 'node', args: ['--p=${PORT}', '${F}'], env: { Y: '${G}', P: '${PORT}' }, readyHeaders: { Authorization: '${H}' } },
      },
    },
    '/nowhere',
    env,
  );
  expect(r.redact(Object.values(env).join(' '))).toBe(Array(8).fill(REDACTED).join(' '));
});

describe('the wire trace', () => {
  test('a secret across the 600-character cut leaves nothing of itself', () => {
    const r = new Redactor().add(SECRET);
    const message = { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: `${'x'.repeat(560)}${SECRET}` }] } };
    const line = summarize(message, r);
    expect(line).not.toContain(SECRET.slice(0, 4));
    expect(line.length).toBeLessThan(700);
  });

  test('a secret across the cut of a long string, and in its JSON-escaped spelling', () => {
    const quoted = 'qq"\\qqqqqqq';
    const r = new Redactor().add(SECRET, quoted);
    const line = summarize({ params: { a: `${'y'.repeat(995)}${SECRET}`, b: `say ${quoted}` } }, r);
    expect(line).not.toMatch(/zqxw|qq"|qq\\"/);
  });

  test('many secrets before the cut (redaction shortens the head): the head is encoded further, nothing of a secret shows', () => {
    const others = Array.from({ length: 60 }, (_, i) => `${'s'.repeat(36)}${String(i).padStart(4, '0')}`);
    const r = new Redactor().add(SECRET, ...others);
    const line = summarize({ text: `${others.join(' ')} ${SECRET} ${'w'.repeat(5000)}` }, r);
    expect(line).toContain(REDACTED);
    expect(line).not.toMatch(/sss|zqxw/);
    expect(line.endsWith('… (cut)')).toBe(true);
  });

  test('keeps a bounded summary, not the messages: 200 messages of 1 MB keep well under 100 KB', () => {
    const recorder = new WireRecorder(new Redactor());
    const big = 'z'.repeat(1_000_000);
    for (let i = 0; i < 200; i++) recorder.record('←', { jsonrpc: '2.0', method: 'notifications/message', params: { data: big } });
    const kept = (recorder as unknown as { entries: Array<{ text: string }> }).entries;
    const chars = kept.reduce((n, e) => n + e.text.length, 0);
    expect(chars).toBeLessThan(40_000);
    expect(JSON.stringify(kept)).not.toContain('z'.repeat(2000));
    expect(recorder.format(0)).toContain('notifications/message');
  });
});

describe('stderr lines', () => {
  test('a secret at column 492 of a 500-character line is redacted before the line is cut', () => {
    const tail = new TailBuffer(30, 500, () => 1, new Redactor().add(SECRET));
    tail.push(`${'p'.repeat(491)}${SECRET}${'q'.repeat(100)}\n`);
    tail.push(`${'p'.repeat(495)}${SECRET.slice(0, 3)}`);
    // Redacted first, then cut: the cut falls inside the placeholder, not inside the secret.
    expect(tail.since(0)).toBe(`${'p'.repeat(491)}${REDACTED.slice(0, 9)}…`);
    expect(tail.text()).not.toContain(SECRET.slice(0, 8));
  });

  test('a secret split across two chunks is still found', () => {
    const tail = new TailBuffer(30, 500, () => 1, new Redactor().add(SECRET));
    tail.push(`token ${SECRET.slice(0, 7)}`);
    tail.push(`${SECRET.slice(7)} end\n`);
    expect(tail.text()).toBe(`token ${REDACTED} end`);
  });
});

describe('server log files', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-log-')), 'logs', 'srv.log');

  test('lines from two streams, a secret split across chunks, a last line without newline: all redacted, flushed at the end', async () => {
    const log = new ScrubbedLog(file, new Redactor().add(SECRET));
    const out = new PassThrough();
    const err = new PassThrough();
    log.attach(out);
    log.attach(err);
    out.write(`starting with ${SECRET.slice(0, 5)}`);
    err.write(`err: ${SECRET}\n`);
    out.write(`${SECRET.slice(5)}\nlast words ${SECRET.slice(0, 10)}`);
    out.end(`${SECRET.slice(10)}`);
    err.end();
    await log.flushed(2000);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n').sort()).toEqual([`err: ${REDACTED}`, `last words ${REDACTED}`, `starting with ${REDACTED}`].sort());
    expect(tailOfFile(file, 30, 16_384, new Redactor())).toContain(`last words ${REDACTED}`);
  });
});
