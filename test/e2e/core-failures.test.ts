import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers, outputOfFile, setupErrorOf } from '../helpers/checks';
import { CORE_HTTP, CORE_STDIO, freePort, node, startListening, whoamiOf, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, envOptions, onlyClients } from '../helpers/test-files';

/**
 * A client that cannot be opened fails only its file, within the connect timeout, with one error
 * naming the client, the transport, the endpoint and the cause; the clients opened before it are
 * closed (the servers see their DELETE / exit). And secrets: a canary from `.env`, used in
 * headers and in a stdio env value, appears nowhere in Jest's output, whether files pass, fail
 * to open, fail in config, or fail a test with a failure trace. One project, one run.
 */
const TOKEN = `token-${randomBytes(12).toString('hex')}`;
const CANARY = `canary-${randomBytes(16).toString('hex')}`;
/** Written literally (not through ${VAR}) into a wrongly typed `headers`. */
const LITERAL = `literal-${randomBytes(16).toString('hex')}`;

let server: ListeningServer;
let project: Project;
let events: string;
let closedPort: number;
let run: JestRun;

/** Each failing client, with the client opened before it in the same file. */
const CASES = ['refused', 'unauthorized', 'forbidden', 'notfound', 'silent_http', 'missing_cmd', 'exits', 'silent_stdio'] as const;
type Case = (typeof CASES)[number];
const STDIO_CASES: Case[] = ['missing_cmd', 'exits', 'silent_stdio'];

beforeAll(async () => {
  project = createProject({});
  events = path.join(project.dir, 'events.log');
  closedPort = await freePort();
  server = await startListening(CORE_HTTP, ['--events', events, '--user', `tester=${TOKEN}`, project.marker]);
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: 'Bearer ${CORE_TOKEN}' };
  const http = (p: string, who: string) => ({ url: `${base}${p}`, headers: { ...auth, 'X-Client': who } });
  const stdio = (tag: string, ...flags: string[]) => node(CORE_STDIO, tag, events, ...flags, project.marker);
  const failing: Record<Case, object> = {
    refused: { url: `http://127.0.0.1:${closedPort}/mcp` },
    unauthorized: { url: `${base}/mcp`, headers: { Authorization: 'Bearer ${CORE_CANARY}' } },
    forbidden: { url: `${base}/forbidden/mcp`, headers: auth },
    notfound: { url: `${base}/nope/mcp`, headers: auth },
    silent_http: { url: `${base}/silent/mcp`, headers: auth, timeouts: { connect: 2 } },
    missing_cmd: { command: 'core-no-such-command', args: [project.marker] },
    exits: { ...stdio('exits', '--exit-at-start', '3'), env: { CORE_SECRET: '${CORE_CANARY}' } },
    silent_stdio: { ...stdio('silent', '--silent'), timeouts: { connect: 2 } },
  };
  const clients: Record<string, object> = {};
  for (const c of CASES) {
    clients[`pre_${c}`] = STDIO_CASES.includes(c) ? stdio(`pre-${c}`) : http('/mcp', `pre-${c}`);
    clients[c] = failing[c];
  }
  project.write('.env', `CORE_CANARY=${CANARY}\n`);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          ...clients,
          canary_stdio: { ...stdio('canary'), env: { SECRET: '${CORE_CANARY}' } },
          canary_http: { url: `${base}/mcp`, headers: { ...auth, 'X-Canary': '${CORE_CANARY}' } },
          notes: { url: `${base}/forbidden/mcp`, headers: { ...auth, 'X-Tenant': 'notes' } },
        },
      },
    },
  });
  for (const c of CASES) project.write(`${c}.test.js`, onlyClients(`pre_${c}`, c) + NEVER_RUNS);

  // Secrets: files that pass, fail a test (with a failure trace) and fail in config.
  const whoami = whoamiOf('canary_stdio', ['SECRET']);
  project.write(
    'secret-pass.test.js',
    `/** @mcp-clients canary_stdio, canary_http */
    test('the secret reaches the server', async () => {
      expect(${whoami}.env.SECRET.startsWith('canary-')).toBe(true);
      await mcpClients.canary_http.ping();
    });`,
  );
  project.write(
    'secret-trace.test.js',
    `/** @mcp-clients canary_stdio, canary_http */
    test('fails with the secret in its MCP exchange', async () => {
      const secret = ${whoami}.env.SECRET;
      await mcpClients.canary_http.callTool({ name: 'echo', arguments: { message: 'echo ' + secret } });
      expect(secret.length).toBe(-1);
    });`,
  );
  project.write(
    'secret-config.test.js',
    envOptions({ clients: { typo: { url: `${base}/mcp`, headers: 'Bearer ${CORE_CANARY}' } } }) + NEVER_RUNS,
  );
  project.write(
    'secret-literal.test.js',
    envOptions({ clients: { typo: { url: `${base}/mcp`, headers: `Bearer ${LITERAL}` } } }) + NEVER_RUNS,
  );
  project.write('redaction.test.js', onlyClients('notes') + NEVER_RUNS);
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { CORE_TOKEN: TOKEN } });
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
});

const section = (file: string) => outputOfFile(run, file);

const setupError = (c: Case) => setupErrorOf(run, c);

function serverEvents(): string[] {
  return project.lines('events.log').map((line) => line.split(' ').slice(0, 2).join(' '));
}

const URL_RE = 'http://127\\.0\\.0\\.1:\\d+';

describe('a client that cannot be opened fails only its file, saying why', () => {
  test('connection refused', () => {
    const { text, seconds } = setupError('refused');
    expect(text).toContain(`"refused" (streamable-http http://127.0.0.1:${closedPort}/mcp)`);
    expect(text).toMatch(/: connection refused: nothing is listening at that address\.\s+What to do: Start the server before Jest/);
    expect(seconds).toBeLessThan(5);
  });

  test('HTTP 401, without showing the token', () => {
    const { text, seconds } = setupError('unauthorized');
    expect(text).toMatch(new RegExp(`"unauthorized" \\(streamable-http ${URL_RE}/mcp\\) after .* s: HTTP 401 Unauthorized\\.`));
    expect(text).toMatch(/What to do: the server rejected the credentials/);
    expect(seconds).toBeLessThan(5);
  });

  test('HTTP 403', () => {
    const { text, seconds } = setupError('forbidden');
    expect(text).toMatch(new RegExp(`"forbidden" \\(streamable-http ${URL_RE}/forbidden/mcp\\) after .* s: HTTP 403 Forbidden\\.`));
    expect(seconds).toBeLessThan(5);
  });

  test('HTTP 404', () => {
    const { text, seconds } = setupError('notfound');
    expect(text).toMatch(new RegExp(`"notfound" \\(streamable-http ${URL_RE}/nope/mcp\\) after .* s: HTTP 404 Not Found\\.`));
    expect(text).toMatch(/Check the path \(often \/mcp for Streamable HTTP, \/sse for legacy SSE\)/);
    expect(seconds).toBeLessThan(5);
  });

  test('an HTTP server that never answers initialize: the connect timeout', () => {
    const { text, seconds } = setupError('silent_http');
    expect(text).toMatch(
      new RegExp(`"silent_http" \\(streamable-http ${URL_RE}/silent/mcp\\) after .* s: (no answer|the server did not answer initialize)`),
    );
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(4);
    expect(serverEvents()).toContain('ignored tester'); // the request did arrive
  });

  test('stdio command not found', () => {
    const { text, seconds } = setupError('missing_cmd');
    expect(text).toMatch(
      /"missing_cmd" \(stdio: core-no-such-command \S+ \(cwd \S+\)\) after .* s: command not found \(or cwd missing\): core-no-such-command/,
    );
    expect(seconds).toBeLessThan(5);
  });

  test('a stdio server that exits at start: exit code and stderr tail', () => {
    const { text, seconds } = setupError('exits');
    expect(text).toMatch(
      /"exits" \(stdio: \S+ \S+core-stdio\.js exits .*\) after .* s: the server process ended before initialize completed\./,
    );
    expect(text).toMatch(/The server process exited with code 3\./);
    expect(text).toMatch(
      /Server stderr \(last lines\):\s+booting exits\s+fatal: CORE_DB_URL is not set, cannot start \(CORE_SECRET=\[redacted\]\)/,
    );
    expect(seconds).toBeLessThan(5);
  });

  test('a stdio server that never answers initialize: the connect timeout, and it is stopped', () => {
    const { text, seconds } = setupError('silent_stdio');
    expect(text).toMatch(
      /"silent_stdio" \(stdio: .*core-stdio\.js silent .*\) after .* s: (no answer|the server did not answer initialize)/,
    );
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(4);
  });

  test('the client opened before the failing one was closed: DELETE or exit seen by its server', () => {
    const seen = serverEvents();
    for (const c of CASES) {
      if (STDIO_CASES.includes(c)) {
        expect(seen).toEqual(expect.arrayContaining([`start pre-${c}`, `stdin-close pre-${c}`, `exit pre-${c}`]));
      } else {
        expect(seen).toEqual(expect.arrayContaining([`initialized pre-${c}`, `delete pre-${c}`]));
      }
    }
  });

  test('no test of a failing file ran; the others passed', () => {
    expect(run.output).not.toMatch(/should not run/);
    expect(section('secret-pass.test.js')).toMatch(/^PASS/);
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    expect(run.code).toBe(1);
  });
});

// BUG: header values are redacted wherever they appear, as substrings: a short, ordinary header
// value (here a tenant named like the client) hides the client's name in the error.
test('a header value does not hide the name of the client in the error', () => {
  expect(section('redaction.test.js')).toMatch(/could not open MCP client "notes" .*: HTTP 403 Forbidden/);
});

describe('secrets', () => {
  test('a failing test shows its MCP exchange, redacted', () => {
    const text = section('secret-trace.test.js');
    expect(text).toMatch(/MCP exchange during this test/);
    expect(text).toMatch(/"message":"echo \[redacted\]"/);
    expect(text).toMatch(/\\"SECRET\\":\\"\[redacted\]\\"/);
  });

  test('a wrongly typed headers value is a config error that does not show the value', () => {
    expect(section('secret-config.test.js')).toMatch(/testEnvironmentOptions\.mcp\.clients\.typo\.headers: expected an object of strings/);
  });

  test('the canary from .env, in headers and in a stdio env value, appears nowhere', () => {
    expect(run.output).not.toContain(CANARY);
    expect(run.output).not.toContain(TOKEN);
  });

  // A token written in the config itself must not be echoed by the config error (it was, through
  // JSON.stringify of the wrong-typed value, until 51be23f).
  test('a token written literally into a wrongly typed headers value appears nowhere', () => {
    expect(section('secret-literal.test.js')).toMatch(/testEnvironmentOptions\.mcp\.clients\.typo\.headers: expected an object of strings/);
    expect(run.output).not.toContain(LITERAL);
  });
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project, { except: [server.server] });
});
