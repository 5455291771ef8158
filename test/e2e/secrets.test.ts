import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { OAUTH_SERVER, type ListeningServer, freePort, startListening } from '../helpers/fixtures';
import { type LoginServer, startLoginServer } from '../helpers/signin';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, packTarball, packWorkspace, readReport, run, oldestSdk } from '../helpers/pack';

/**
 * The secrets canary, from the packed tarball in fresh projects: a distinct random token goes
 * through every way a credential reaches jest-mcp (client headers, Authorization and X-Api-Key;
 * a stdio client's args and env, one token with a quote and a backslash; a URL's path and query;
 * an OAuth client secret; a run-wide server's args, env and readiness headers; a URL with a typo;
 * a URL that answers 404), a careless server echoes them back in results, on stderr, in its crash
 * output and in its log, and the tests fail on diffs, matchers, thrown errors, a failing
 * beforeAll and snapshots (`--ci`). Not one token, nor its first characters, nor its escaped
 * spellings, may appear in Jest's output (`--verbose`), the `--json` report, the snapshot files
 * or the server logs. Set JEST_MCP_KEEP=1 to keep the temp projects.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-secrets-${randomUUID().slice(0, 8)}`;
const OLDEST_SDK = oldestSdk();

interface Variant {
  name: string;
  deps: string[];
  /** `mcp.sdk`, when both generations are installed (the fixture server is on 1.x). */
  sdk?: 'v2';
}

// Three projects cover both Jest majors and the three SDKs; installs share the npm cache.
const VARIANTS: Variant[] = [
  { name: 'jest30-sdk1', deps: ['jest@30', '@modelcontextprotocol/sdk@1'] },
  { name: 'jest29-sdk-oldest', deps: ['jest@29.7', 'jest-environment-node@29.7', `@modelcontextprotocol/sdk@${OLDEST_SDK}`] },
  { name: 'jest30-client2', deps: ['jest@30', '@modelcontextprotocol/client@2', '@modelcontextprotocol/sdk@1'], sdk: 'v2' },
];

/** 20 random lowercase letters: no shape rule (digits, Bearer) can catch it, only knowing the value. */
function token(label: string): string {
  const letters = [...randomBytes(18)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${label.slice(0, 2)}${letters}`;
}

const TOKENS = {
  AUTH_TOKEN: token('au'),
  API_KEY: token('ak'),
  URL_PATH: token('up'),
  URL_QUERY: token('uq'),
  STDIO_ARG: token('sa'),
  STDIO_ENV: token('se'),
  // A quote and a backslash: JSON escapes them, so a redactor that looks only for the raw value misses it.
  QUOTED: `${token('qu')}"\\${token('qv')}`,
  SRV_ARG: token('va'),
  SRV_ENV: token('ve'),
  READY: token('rd'),
  NOTFOUND_PATH: token('nf'),
  MALFORMED: token('ml'),
  CC_SECRET: token('cc'),
  // The sign-in's password is "alice-<SIGNIN_SALT>" (what the login fixture wants); a wrong one too.
  SIGNIN_SALT: token('sg'),
  SIGNIN_WRONG: token('sw'),
  REDIRECT_KEY: token('rk'),
  REDIRECT_AUTH: token('ra'),
};

const config = (variant: Variant) => `module.exports = {
  preset: 'jest-mcp',
  testEnvironmentOptions: {
    mcp: {
      ${variant.sdk ? `sdk: '${variant.sdk}',` : ''}
      servers: {
        echo: {
          command: 'node',
          args: ['servers/secrets-echo.js', 'http', '--port', '\${PORT}', '--token=\${SRV_ARG}', '${TAG}'],
          env: { CANARY_SERVER: '\${SRV_ENV}' },
          port: Number(process.env.SRV_PORT),
          readyHeaders: { Authorization: 'Bearer \${READY}' },
        },
      },
      clients: {
        srv: { server: 'echo', headers: { Authorization: 'Bearer \${AUTH_TOKEN}', 'X-Api-Key': '\${API_KEY}' } },
        urlpath: { url: 'http://127.0.0.1:\${SRV_PORT}/\${URL_PATH}/mcp?key=\${URL_QUERY}' },
        sio: {
          command: 'node',
          args: ['servers/secrets-echo.js', 'stdio', '--token=\${STDIO_ARG}', '${TAG}'],
          env: { CANARY_STDIO: '\${STDIO_ENV}', CANARY_QUOTED: '\${QUOTED}' },
        },
        notfound: { url: 'http://127.0.0.1:\${SRV_PORT}/\${NOTFOUND_PATH}/nope' },
        broken: { url: 'http//127.0.0.1:\${SRV_PORT}/mcp?key=\${MALFORMED}' },
        machine: {
          url: 'http://127.0.0.1:\${OAUTH_PORT}/mcp',
          auth: { clientCredentials: { clientId: 'test-client', clientSecret: '\${CC_SECRET}', issuer: 'http://127.0.0.1:\${OAUTH_PORT}/' } },
        },
        user: {
          url: 'http://127.0.0.1:\${LOGIN_PORT}/mcp',
          auth: { authorizationCode: { login: { username: 'alice', password: 'alice-\${SIGNIN_SALT}' } } },
        },
        wrongpw: {
          url: 'http://127.0.0.1:\${LOGIN_PORT}/mcp',
          auth: { authorizationCode: { login: { username: 'alice', password: '\${SIGNIN_WRONG}' } } },
        },
        redirect: { url: 'http://127.0.0.1:\${REDIRECT_PORT}/mcp', headers: { 'X-Api-Key': '\${REDIRECT_KEY}', Authorization: 'Bearer \${REDIRECT_AUTH}' } },
      },
    },
  },
};
`;

const FILES: Record<string, string> = {
  'servers/secrets-echo.js': fs.readFileSync(require.resolve('../servers/secrets-echo.js'), 'utf8'),
  'test/echo.test.js': `/** @mcp-clients srv, urlpath, sio */
const text = (r) => r.content.map((c) => c.text).join(' ');
const given = (client) => mcpClients[client].callTool({ name: 'given', arguments: {} });

test('toEqual on echoed headers', async () => {
  expect(await given('srv')).toEqual({ content: [{ type: 'text', text: 'nothing' }] });
});

test('toHaveTextContent on what a URL client was given', async () => {
  expect(await given('urlpath')).toHaveTextContent('nothing');
});

test('toBe on a stdio server\\'s args and env', async () => {
  expect(text(await given('sio'))).toBe('nothing');
});

test('an error thrown with the echoed text', async () => {
  throw new Error('the server said ' + text(await given('srv')));
});

test('a result longer than a trace line', async () => {
  expect(await mcpClients.srv.callTool({ name: 'long', arguments: {} })).toBeToolError();
});

test('stderr in the trace', async () => {
  expect(await mcpClients.sio.callTool({ name: 'shout', arguments: {} })).toHaveTextContent('nothing');
});

test('snapshots', async () => {
  const result = await given('srv');
  expect(result).toMatchSnapshot();
  expect(text(result)).toMatchSnapshot();
});

test('a snapshot --ci does not write', async () => {
  expect({ nested: [text(await given('sio'))] }).toMatchSnapshot();
});

describe('a beforeAll that fails', () => {
  beforeAll(async () => {
    throw new Error('before all: ' + text(await given('sio')));
  });
  test('never runs', () => {});
});

test('the server crashes, its last words on stderr', async () => {
  await mcpClients.sio.callTool({ name: 'crash', arguments: {} });
});
`,
  'test/__snapshots__/echo.test.js.snap': `// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing

exports[\`snapshots 1\`] = \`"an old snapshot"\`;

exports[\`snapshots 2\`] = \`"an old snapshot"\`;
`,
  'test/notfound.test.js': `/** @mcp-clients notfound */
test('never runs', () => {});
`,
  'test/malformed.test.js': `/** @mcp-clients broken */
test('never runs', () => {});
`,
  'test/oauth.test.js': `/** @mcp-clients machine */
test('an OAuth client', async () => {
  expect(await mcpClients.machine.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('nobody');
});
`,
  'test/signin.test.js': `/** @mcp-clients user */
test('a user signed in with the authorization code grant', async () => {
  expect(await mcpClients.user.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('nobody');
});
`,
  'test/signin-wrong.test.js': `/** @mcp-clients wrongpw */
test('never runs', () => {});
`,
  'test/redirect.test.js': `/** @mcp-clients redirect */
test('never runs', () => {});
`,
};

/** A listener that answers 307 to another origin, and one there that records what it receives. */
async function redirectPair(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const recorder = http.createServer((req, res) => {
    received.push(JSON.stringify(req.headers));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const other = (recorder.address() as AddressInfo).port;
  const redirector = http.createServer((req, res) => res.writeHead(307, { location: `http://127.0.0.1:${other}/mcp` }).end());
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  const close = (s: http.Server) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())));
  return {
    port: (redirector.address() as AddressInfo).port,
    received,
    close: () => Promise.all([close(recorder), close(redirector)]).then(() => {}),
  };
}

/** Every spelling of a token that would give it away: whole, JSON-escaped, percent-encoded, its first 10 characters. */
function giveaways(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [...new Set([value, json, JSON.stringify(json).slice(1, -1), encodeURIComponent(value), value.slice(0, 10)])];
}

/** `{ TOKEN: ['where: spelling', …] }` for every token found in `texts`. */
function leaks(texts: Record<string, string>, tokens: Record<string, string>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(tokens)) {
    for (const [where, text] of Object.entries(texts)) {
      for (const spelling of giveaways(value)) if (text.includes(spelling)) (found[name] ??= []).push(`${where}: ${spelling}`);
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const projects = new Map<string, string>();
let oauth: ListeningServer;
let login: LoginServer;
let redirect: Awaited<ReturnType<typeof redirectPair>>;

beforeAll(async () => {
  oauth = await startListening(OAUTH_SERVER, ['0', 'test-client', TOKENS.CC_SECRET, TAG], 'pipe');
  login = await startLoginServer(TAG, [], TOKENS.SIGNIN_SALT);
  redirect = await redirectPair();
  const tarball = await packTarball(WORKSPACE.tmp);
  await Promise.all(
    VARIANTS.map(async (variant) => {
      const { dir } = await installFresh(WORKSPACE.tmp, variant.name, tarball, variant.deps, {
        ...FILES,
        'jest.config.js': config(variant),
      });
      projects.set(variant.name, dir);
    }),
  );
}, 420_000);

afterAll(async () => {
  await oauth?.stop();
  await login?.stop();
  await redirect?.close();
  WORKSPACE.remove();
});

describe.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (name) => {
  let jest: JestRun;
  let dir: string;
  let texts: Record<string, string>;

  beforeAll(async () => {
    // Never Jest in some other directory (this repo's own suite) when the install failed.
    const project = projects.get(name);
    if (!project) throw new Error(`the project ${name} was not installed`);
    dir = project;
    // Each project's own redirect, not the ones before it.
    redirect.received.length = 0;
    const env = {
      ...TOKENS,
      SRV_PORT: String(await freePort()),
      OAUTH_PORT: String(oauth.port),
      LOGIN_PORT: String(login.port),
      REDIRECT_PORT: String(redirect.port),
    };
    jest = await run('npx', ['jest', '--ci', '--verbose', '--json', '--outputFile=report.json'], dir, 150_000, env);
    texts = { stdout: jest.stdout, stderr: jest.stderr, 'report.json': fs.readFileSync(path.join(dir, 'report.json'), 'utf8') };
    for (const file of [...filesUnder(path.join(dir, 'test/__snapshots__')), ...filesUnder(path.join(dir, '.jest-mcp'))]) {
      texts[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
    }
  }, 160_000);

  test('every path was taken: the tests failed where they should, the servers logged and echoed', () => {
    const report = readReport(path.join(dir, 'report.json'));
    expect(report.tests).toEqual(
      expect.arrayContaining([
        'failed: toEqual on echoed headers',
        'failed: toHaveTextContent on what a URL client was given',
        "failed: toBe on a stdio server's args and env",
        'failed: an error thrown with the echoed text',
        'failed: a result longer than a trace line',
        'failed: stderr in the trace',
        'failed: snapshots',
        'failed: a snapshot --ci does not write',
        'failed: never runs',
        'failed: the server crashes, its last words on stderr',
        'failed: an OAuth client',
        'failed: a user signed in with the authorization code grant',
      ]),
    );
    const all = report.failures.join('\n');
    // What the tokens became, in each kind of output.
    expect(all).toMatch(/Received: "args=--token=\[redacted\]/);
    expect(all).toMatch(/mcpClients\.sio \(stdio: node servers\/secrets-echo\.js stdio --token=\[redacted\] /);
    expect(all).toMatch(/server stderr during this test:[\s\S]*shout: args=--token=\[redacted\]/);
    expect(all).toMatch(/fatal: cannot go on with args=--token=\[redacted\]/);
    expect(all).toMatch(/"notfound" \(streamable-http http:\/\/127\.0\.0\.1:\d+\/\[redacted\]\/nope\).*404 Not Found/);
    expect(all).toMatch(/mcpClients\.urlpath \(streamable-http http:\/\/127\.0\.0\.1:\d+\/\[redacted\]\/mcp\?key=\[redacted\]\)/);
    expect(all).toContain('"http//127.0.0.1:${SRV_PORT}/mcp?key=[redacted]" is not a valid URL');
    // The readiness handshake's headers, then the client's.
    expect(texts['.jest-mcp/logs/echo.log']).toMatch(/request POST \/mcp authorization=\[redacted\] x-api-key=undefined/);
    expect(texts['.jest-mcp/logs/echo.log']).toMatch(/request POST \/mcp authorization=\[redacted\] x-api-key=\[redacted\]/);
    expect(texts['test/__snapshots__/echo.test.js.snap']).toContain('an old snapshot');
    expect(all).toMatch(/user alice; token \d+/);
    expect(all).toMatch(/could not sign in "wrongpw" .*they were not accepted/);
    expect(jest.code).toBe(1);
    // On SDK 1.24 a request pending when its stdio server crashed kept a 60 s timer, and Jest 29.7
    // "did not exit one second after the test run": jest-mcp clears those timers on close.
    expectCleanExit(jest);
    expectNoLeftovers({ marker: TAG, dir }, { except: [oauth.server, login.server] });
  });

  test('no token in any output, report, snapshot or log (whole, escaped, or its first characters)', () => {
    // The redirect's tokens have their own test below.
    const tokens = Object.fromEntries(Object.entries(TOKENS).filter(([name]) => !name.startsWith('REDIRECT_')));
    expect(leaks(texts, tokens)).toEqual({});
  });

  test('no authorization code, access or refresh token the sign-in got, anywhere', () => {
    const issued = login.secrets();
    expect(issued.length).toBeGreaterThanOrEqual(3);
    expect(leaks(texts, Object.fromEntries(issued.map((secret, i) => [`issued #${i}`, secret])))).toEqual({});
  });

  // jest-mcp's own fetch pins the redirect policy (the `redirects` work): SDK 1.24 alone sent X-Api-Key along.
  test('a cross-origin redirect carries no credential to the other origin', () => {
    expect(leaks({ 'headers received by the other origin': redirect.received.join('\n') }, TOKENS)).toEqual({});
  });
});
