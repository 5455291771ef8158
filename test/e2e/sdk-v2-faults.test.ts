import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { eventsOf, node, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, onlyClients } from '../helpers/test-files';

/**
 * The faults of the 1.x path (core-failures, server-dies, faults, core-lifecycle, core-config),
 * with SDK 2.x clients (`mcp.sdk: 'v2'`) in both protocol eras where the era changes what goes
 * over the wire: a server that accepts but never answers `initialize` / `server/discover` (HTTP
 * and stdio) fails its file within `timeouts.connect`; a stdio server that dies mid-test fails
 * that test and the later calls naming the client, the exit code and the stderr tail; a session
 * DELETE that hangs (2025 era, sessionful server) and a stdio server that ignores stdin EOF and
 * SIGTERM cost no more than `timeouts.close`; a `${VAR}` that is not set is the same config error
 * as on 1.x; a per-call `{ timeout }` rejects with the test realm's `SdkError` REQUEST_TIMEOUT and
 * the session serves the next call. Two projects, run side by side; the servers are SDK 2.x
 * (v2-faults.js, v2-server.js).
 */
const V2_FAULTS = require.resolve('../servers/v2-faults.js');
const V2_SERVER = require.resolve('../servers/v2-server.js');
const MODERN = '2026-07-28';
const CANARY = `canary-${randomBytes(16).toString('hex')}`;

let faults: ListeningServer;
let v2: ListeningServer;
let project: Project;
let closing: Project;
let events: string;
let run: JestRun;
let closeRun: JestRun;
let closeExitedAt: number;

/** Clients whose server accepts and never answers, each failing a file of its own. */
const SILENT = ['silent_http_legacy', 'silent_http_auto', 'silent_http_modern', 'silent_stdio_legacy', 'silent_stdio_modern'] as const;
type Silent = (typeof SILENT)[number];
/** What each silent server was sent first: the 2025 handshake, or the 2026-07-28 probe. */
const OPENING: Record<Silent, string> = {
  silent_http_legacy: 'initialize',
  silent_http_auto: 'server/discover',
  silent_http_modern: 'server/discover',
  silent_stdio_legacy: 'initialize',
  silent_stdio_modern: 'server/discover',
};
const ERAS = ['legacy', 'modern'] as const;
const SLOW = ['slow_http_legacy', 'slow_http_modern', 'slow_stdio_legacy', 'slow_stdio_modern'] as const;

/** The line of `file`'s content on which `text` first appears, 1-based. */
const lineOf = (content: string, text: string) => content.split('\n').findIndex((line) => line.includes(text)) + 1;
const crashFile = (era: string) => `/** @mcp-clients crash_${era}, steady */
const { SdkError } = require('@modelcontextprotocol/client');
test('before the crash', async () => {
  expect(await mcpClients.crash_${era}.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');
});
test('the crash', async () => {
  const error = await mcpClients.crash_${era}.callTool({ name: 'crash', arguments: {} }).catch((e) => e);
  expect(error).toBeInstanceOf(SdkError);
  expect(Object.getPrototypeOf(error)).toBe(SdkError.prototype);
  expect(error.code).toBe('CONNECTION_CLOSED');
  throw error;
});
test('after the crash', async () => {
  await mcpClients.crash_${era}.callTool({ name: 'ok', arguments: {} });
});
test('other clients still work', async () => {
  expect(await mcpClients.steady.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');
});
`;

beforeAll(async () => {
  project = createProject({});
  closing = createProject({});
  events = path.join(project.dir, 'events.log');
  fs.writeFileSync(events, '');
  const m = project.marker;
  faults = await startListening(V2_FAULTS, ['http', '--events', events, m]);
  v2 = await startListening(V2_SERVER, ['http', '--events', path.join(project.dir, 'events-v2.log'), m]);
  const http = (p: string, who: string, protocol: string, extra: object = {}) => ({
    url: `http://127.0.0.1:${faults.port}${p}`,
    headers: { 'X-Client': who },
    protocol,
    ...extra,
  });
  const stdio = (tag: string, protocol: string, marker: string, ...flags: string[]) => ({
    ...node(V2_FAULTS, 'stdio', tag, '--events', events, ...flags, marker),
    protocol,
  });
  const connect2 = { timeouts: { connect: 2 } };

  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        sdk: 'v2',
        clients: {
          silent_http_legacy: http('/silent/mcp', 'silent_http_legacy', 'legacy', connect2),
          silent_http_auto: http('/silent/mcp', 'silent_http_auto', 'auto', connect2),
          silent_http_modern: http('/silent/mcp', 'silent_http_modern', MODERN, connect2),
          silent_stdio_legacy: { ...stdio('silent_stdio_legacy', 'legacy', m, '--silent'), ...connect2 },
          silent_stdio_modern: { ...stdio('silent_stdio_modern', MODERN, m, '--silent'), ...connect2 },
          crash_legacy: stdio('crash_legacy', 'legacy', m),
          crash_modern: stdio('crash_modern', MODERN, m),
          steady: stdio('steady', 'auto', m),
          slow_http_legacy: http('/mcp', 'slow_http_legacy', 'legacy'),
          slow_http_modern: { url: `http://127.0.0.1:${v2.port}/mcp`, protocol: MODERN },
          slow_stdio_legacy: stdio('slow_stdio_legacy', 'legacy', m),
          slow_stdio_modern: stdio('slow_stdio_modern', MODERN, m),
          unset_http: http('/mcp', 'unset_http', MODERN, {
            headers: { Authorization: 'Bearer ${V2F_UNSET_TOKEN}', 'X-Canary': '${V2F_CANARY}' },
          }),
          unset_stdio: { ...stdio('unset_stdio', 'legacy', m), env: { DB_URL: '${V2F_UNSET_DB}', SECRET: '${V2F_CANARY}' } },
        },
      },
    },
  });
  for (const c of SILENT) project.write(`${c}.test.js`, onlyClients(c) + NEVER_RUNS);
  for (const era of ERAS) project.write(`crash-${era}.test.js`, crashFile(era));
  project.write(
    'fine.test.js',
    onlyClients('steady') + `test('unaffected', async () => { await mcpClients.steady.callTool({ name: 'ok', arguments: {} }); });\n`,
  );
  project.write(
    'timeout.test.js',
    onlyClients(...SLOW) +
      `const { SdkError, SdkErrorCode } = require('@modelcontextprotocol/client');
      const clients = ${JSON.stringify(SLOW)};
      test.each(clients)('%s: a call past its own timeout rejects with SdkError REQUEST_TIMEOUT', async (client) => {
        const started = Date.now();
        const call = mcpClients[client].callTool({ name: 'slow', arguments: { ms: 4000 } }, { timeout: 300 });
        await expect(call).rejects.toThrow(SdkError);
        const error = await call.catch((e) => e);
        expect(error.code).toBe(SdkErrorCode.RequestTimeout);
        expect(error.code).toBe('REQUEST_TIMEOUT');
        // The class itself, not only its brand (SdkError's instanceof reads a brand): made in this realm.
        expect(Object.getPrototypeOf(error)).toBe(SdkError.prototype);
        expect(error).toBeInstanceOf(Error);
        expect(Date.now() - started).toBeLessThan(3000);
      });
      test.each(clients)('%s: the session serves the next call', async (client) => {
        expect(await mcpClients[client].callTool({ name: 'slow', arguments: { ms: 10 } })).toHaveTextContent('slept 10');
      });\n`,
  );
  project.write('unset-http.test.js', onlyClients('unset_http') + NEVER_RUNS);
  project.write('unset-stdio.test.js', onlyClients('unset_stdio') + NEVER_RUNS);

  // Closing: a session DELETE that is never answered, and stdio servers that ignore EOF and SIGTERM.
  const cm = closing.marker;
  const stubborn = (era: string, protocol: string) => stdio(`stubborn_${era}`, protocol, cm, '--ignore-eof', '--ignore-sigterm');
  closing.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        sdk: 'v2',
        timeouts: { close: 1 },
        clients: {
          // The header value is not the client's name: header values are redacted wherever they appear.
          hang: http('/hang-delete/mcp', 'hanging-server', 'legacy'),
          gone: http('/gone-delete/mcp', 'forgetful-server', 'legacy'),
          stubborn_legacy: stubborn('legacy', 'legacy'),
          stubborn_modern: stubborn('modern', MODERN),
        },
      },
    },
  });
  const timed = (file: string, clients: string[], body: string) =>
    closing.write(
      file,
      onlyClients(...clients) +
        `const fs = require('node:fs');
        afterAll(() => fs.writeFileSync('after-all-${file}.txt', String(Date.now())));
        test('they answer', async () => {
          ${body}
        });\n`,
    );
  timed('hang.test.js', ['hang'], `expect(await mcpClients.hang.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');`);
  timed('gone.test.js', ['gone'], `expect(await mcpClients.gone.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');`);
  timed(
    'stubborn.test.js',
    ['stubborn_legacy', 'stubborn_modern'],
    `expect(mcpClients.stubborn_legacy.getProtocolEra()).toBe('legacy');
          expect(mcpClients.stubborn_modern.getProtocolEra()).toBe('modern');
          for (const c of [mcpClients.stubborn_legacy, mcpClients.stubborn_modern]) {
            expect(await c.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');
          }`,
  );

  [run, closeRun] = await Promise.all([
    // --verbose: every file's tests by name, to see which ones passed.
    runJest(project.dir, {
      args: ['--maxWorkers=2', '--verbose'],
      env: { V2F_CANARY: CANARY, V2F_UNSET_TOKEN: undefined, V2F_UNSET_DB: undefined },
    }),
    runJest(closing.dir, { args: ['--maxWorkers=2'] }).then((r) => {
      closeExitedAt = Date.now();
      return r;
    }),
  ]);
}, 150_000);

afterAll(async () => {
  await faults?.stop();
  await v2?.stop();
  if (!process.env.JEST_MCP_KEEP) {
    project?.remove();
    closing?.remove();
  }
});

const section = (file: string, of: JestRun = run) => outputOfFile(of, file);

/** The fixture servers' events, "<event> <who> [detail]", without their timestamps. */
const serverEvents = () => eventsOf(events);

/** [event, timestamp] of the lifecycle of one stdio server, in order. */
function lifecycleOf(tag: string): Array<[string, number]> {
  return fs
    .readFileSync(events, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))
    .filter(([event, who]) => who === tag && ['start', 'stdin-close', 'sigterm', 'exit'].includes(event))
    .map((parts) => [parts[0], Number(parts[parts.length - 1])]);
}

describe('a server that accepts but never answers: the file fails within timeouts.connect', () => {
  test.each(SILENT)('%s', (c) => {
    const text = section(`${c}.test.js`);
    expect(text).toMatch(/^FAIL/);
    expect(text.match(/could not open MCP client/g)).toHaveLength(1);
    const found = new RegExp(`could not open MCP client "${c}" \\((.*?)\\) after (\\d+(?:\\.\\d+)?) s: (.*)`).exec(text);
    if (!found) throw new Error(`no setup error for ${c} in:\n${text}`);
    const [, endpoint, seconds, cause] = found;
    expect(endpoint).toMatch(
      c.includes('http') ? /^streamable-http http:\/\/127\.0\.0\.1:\d+\/silent\/mcp$/ : /^stdio: \S+ \S+v2-faults\.js stdio /,
    );
    // The step names what was sent: "connect + initialize" (legacy) or "connect + server/discover" (2026-07-28, auto).
    expect(cause).toMatch(/^no answer: .* did not finish within 2 s\./);
    expect(cause).toContain(`connect + ${OPENING[c]}`);
    expect(text).toMatch(/What to do: Check that the server is up and answers MCP, or raise timeouts\.connect/);
    expect(Number(seconds)).toBeGreaterThanOrEqual(2);
    expect(Number(seconds)).toBeLessThan(4);
  });

  test.each(SILENT)('%s: the server was sent the opening of its era, and never answered it', (c) => {
    expect(serverEvents().filter((line) => line.startsWith(`ignored ${c} `))[0]).toBe(`ignored ${c} ${OPENING[c]}`);
  });

  test.each(['silent_stdio_legacy', 'silent_stdio_modern'])('%s: the server process was stopped the MCP way, stdin first', (c) => {
    expect(lifecycleOf(c).map(([event]) => event)).toEqual(['start', 'stdin-close', 'exit']);
    // It ends when its stdin closes: no signal needed.
    expect(section(`${c}.test.js`)).toMatch(/The server process exited with code 0\./);
    expectNoLeftovers({ marker: `stdio ${c} ` });
  });

  test('no test of a failing file ran', () => {
    expect(run.output).not.toMatch(/should not run/);
  });
});

describe.each(ERAS)('a stdio server that dies in the middle of a test (%s era)', (era) => {
  const file = `crash-${era}.test.js`;

  test('the crashing test and the later call fail, the other tests pass', () => {
    const text = section(file);
    expect(text).toMatch(/^FAIL/);
    expect(text).toMatch(/✓ before the crash/);
    expect(text).toMatch(/✕ the crash/);
    expect(text).toMatch(/✕ after the crash/);
    expect(text).toMatch(/✓ other clients still work/);
  });

  test('the crash: SdkError CONNECTION_CLOSED naming the client, the exit code and the stderr tail', () => {
    expect(section(file)).toMatch(
      new RegExp(
        `● the crash[\\s\\S]*Connection closed \\(mcpClients\\.crash_${era} lost its connection to the server; calls after this fail the same way\\)\\s+` +
          `The server process exited with code 3\\.[\\s\\S]*fatal: out of cheese \\(crash_${era}\\)`,
      ),
    );
    // The stack leads back to the test's own call.
    expect(section(file)).toMatch(
      new RegExp(`● the crash[^●]*\\n\\s+at .*\\(${file.replace('.', '\\.')}:${lineOf(crashFile(era), "name: 'crash'")}:\\d+\\)`),
    );
  });

  test('a later call fails the same way', () => {
    expect(section(file)).toMatch(new RegExp(`● after the crash[\\s\\S]*Not connected \\(mcpClients\\.crash_${era} lost its connection`));
  });

  test('teardown completes without a close error; the server exited once', () => {
    expect(section(file)).not.toMatch(/did not close cleanly/);
    expect(lifecycleOf(`crash_${era}`).map(([event]) => event)).toEqual(['start', 'exit']);
  });
});

test('the file that does not use the crashing server passes', () => {
  expect(section('fine.test.js')).toMatch(/^PASS/);
});

describe('a call past its own { timeout }', () => {
  test("rejects with the test realm's SdkError REQUEST_TIMEOUT, and the session serves the next call", () => {
    const text = section('timeout.test.js');
    expect(text).toMatch(/^PASS/);
    for (const c of SLOW) expect(text).toMatch(new RegExp(`✓ ${c}: the session serves the next call`));
  });

  test('the servers heard the timed-out calls, and their cancellation', () => {
    for (const c of ['slow_http_legacy', 'slow_stdio_legacy', 'slow_stdio_modern']) {
      expect(serverEvents()).toEqual(expect.arrayContaining([`slow ${c} 4000`, `cancelled ${c} 4000`]));
    }
    expect(project.lines('events-v2.log').filter((line) => line.startsWith('call anon slow modern'))).toHaveLength(2);
  });
});

describe('a ${VAR} that is not set: the config error of 1.x', () => {
  test.each([
    ['unset-http.test.js', 'unset_http\\.headers\\.Authorization', 'V2F_UNSET_TOKEN'],
    ['unset-stdio.test.js', 'unset_stdio\\.env\\.DB_URL', 'V2F_UNSET_DB'],
  ])('%s names the key and the variable', (file, key, variable) => {
    const text = section(file);
    expect(text).toMatch(
      new RegExp(
        `^FAIL[\\s\\S]*missing environment variables:\\s+- testEnvironmentOptions\\.mcp\\.clients\\.${key} uses \\$\\{${variable}\\}, which is not set`,
      ),
    );
    expect(text).toMatch(/Set them in the environment or .*\.env/);
    expect(text).not.toMatch(/could not open MCP client/);
  });

  test('no value is printed, and no server was contacted', () => {
    expect(run.output).not.toContain(CANARY);
    expect(serverEvents().filter((line) => /unset_(http|stdio)/.test(line))).toEqual([]);
  });
});

describe('a session DELETE that hangs and stdio servers that ignore stdin EOF and SIGTERM: bounded by timeouts.close', () => {
  test('each file ends within about timeouts.close per client', () => {
    const afterAlls = ['hang.test.js', 'gone.test.js', 'stubborn.test.js'].map((f) =>
      Number(fs.readFileSync(path.join(closing.dir, `after-all-${f}.txt`), 'utf8')),
    );
    // Four clients, 1 s each, plus Jest's own end of run: nowhere near "forever".
    expect(closeExitedAt - Math.max(...afterAlls)).toBeLessThan(4 * 1000 + 4000);
  });

  test('the hanging DELETE fails its file, naming the client and the step, once', () => {
    const text = section('hang.test.js', closeRun);
    expect(text).toMatch(/^FAIL/);
    expect(serverEvents()).toContain('delete hanging-server');
    expect(text).toMatch(
      /client "hang" \(streamable-http http:\/\/127\.0\.0\.1:\d+\/hang-delete\/mcp\): .*ending the session \(HTTP DELETE\) did not finish within the close timeout of 1 s; the connection was dropped/,
    );
    expect(closeRun.output).not.toMatch(/AbortError|This operation was aborted/);
  });

  test('a session DELETE answered 404 (the server already forgot it) is no error: the session is gone either way', () => {
    expect(serverEvents()).toContain('delete forgetful-server');
    expect(section('gone.test.js', closeRun)).toMatch(/^PASS/);
    expect(closeRun.output).not.toMatch(/client "gone"/);
  });

  test.each(ERAS)('the stubborn %s-era server got stdin EOF, then SIGTERM, then was killed, with no error', (era) => {
    const seen = lifecycleOf(`stubborn_${era}`);
    expect(seen.map(([event]) => event)).toEqual(['start', 'stdin-close', 'sigterm']);
    expect(seen[2][1] - seen[1][1]).toBeLessThan(1000);
    expect(section('stubborn.test.js', closeRun)).toMatch(/^PASS/);
    expect(closeRun.output).not.toMatch(/client "stubborn_/);
  });

  test('the run', () => {
    expect(closeRun.output).toMatch(/Test Suites:\s+1 failed, 2 passed, 3 total/);
    expect(closeRun.code).toBe(1);
  });
});

test('Jest exits by itself and leaves no server behind', () => {
  expect(run.code).toBe(1);
  expectCleanExit(run);
  expectCleanExit(closeRun);
  expectNoLeftovers(project, { except: [faults.server, v2.server] });
  expectNoLeftovers(closing);
});
