import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile, setupErrorOf } from '../helpers/checks';
import { EVERYTHING, eventsOf, freePort, type ListeningServer, startListening } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * The MCP SDK 2.x (`@modelcontextprotocol/client`) through jest-mcp: a client per protocol era
 * (`legacy`, `auto`, a pinned `2026-07-28`) over HTTP and stdio against a 2.x server that
 * serves both, with the server's own events saying which era each client really used; `auto`
 * falling back to legacy against a 1.x server (server-everything); elicitation and roots answered
 * from config in the modern era (HTTP, multi-round-trip) and the legacy era (stdio, server
 * requests); protocol errors as the test realm's own `ProtocolError`; and clients that cannot be
 * opened failing only their file, saying which client and why, within bounds.
 *
 * Two projects: one selects 2.x with `mcp.sdk: 'v2'`, the other only declares
 * `@modelcontextprotocol/client` in its package.json.
 */
const V2 = require.resolve('../servers/v2-server.js');
const NODE = JSON.stringify(process.execPath);

/** One bearer token per HTTP client, so the server's events say which client each request was. */
const USERS = ['ada', 'bob', 'carol', 'dave', 'eve', 'frank', 'gus'] as const;
const token = (user: string) => `tok-${user}-7f3a`;

let server: ListeningServer;
let closedPort: number;
let project: Project;
let detected: Project;
let events: string;
let run: JestRun;
let detectedRun: JestRun;

const FAULTS = [
  'refused_legacy',
  'refused_auto',
  'unauth_none',
  'unauth_wrong',
  'unauth_legacy',
  'notfound_pin',
  'exits',
  'pin_everything',
] as const;
type Fault = (typeof FAULTS)[number];

beforeAll(async () => {
  project = createProject({});
  detected = createProject({});
  events = path.join(project.dir, 'events.log');
  fs.writeFileSync(events, '');
  closedPort = await freePort();
  const m = project.marker;
  server = await startListening(V2, ['http', '--events', events, ...USERS.flatMap((u) => ['--user', `${u}=${token(u)}`]), m]);
  const url = `http://127.0.0.1:${server.port}/mcp`;
  const http = (user: string, protocol?: string, extra = '') =>
    `{ url: '${url}', headers: { Authorization: 'Bearer ${token(user)}' }${protocol ? `, protocol: '${protocol}'` : ''}${extra} }`;
  const stdio = (tag: string, protocol: string, extra = '', ...flags: string[]) =>
    `{ command: ${NODE}, args: ${JSON.stringify([V2, 'stdio', '--events', events, '--tag', tag, ...flags, m])}, protocol: '${protocol}'${extra} }`;
  const answers = `, elicitation: { response: { action: 'accept', content: { name: 'Ada Lovelace' } } }, roots: [{ uri: 'file:///tmp/v2-root', name: 'root' }]`;
  const faults: Record<Fault, string> = {
    refused_legacy: `{ url: 'http://127.0.0.1:${closedPort}/mcp', protocol: 'legacy' }`,
    refused_auto: `{ url: 'http://127.0.0.1:${closedPort}/mcp', protocol: 'auto' }`,
    unauth_none: `{ url: '${url}', protocol: 'auto' }`,
    unauth_wrong: `{ url: '${url}', headers: { Authorization: 'Bearer not-a-token' }, protocol: '2026-07-28' }`,
    unauth_legacy: `{ url: '${url}', protocol: 'legacy' }`,
    notfound_pin: `{ url: 'http://127.0.0.1:${server.port}/nope/mcp', protocol: '2026-07-28' }`,
    exits: stdio('exits', 'auto', '', '--exit-at-start', '3'),
    pin_everything: `{ command: ${NODE}, args: ${JSON.stringify([EVERYTHING, 'stdio', `${m}-pin`])}, protocol: '2026-07-28' }`,
  };
  project.write(
    'jest.config.js',
    `module.exports = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { sdk: 'v2', protocol: 'auto', clients: {
      http_legacy: ${http('ada', 'legacy')},
      http_auto: ${http('bob', 'auto')},
      http_pin: ${http('carol', '2026-07-28')},
      http_default: ${http('dave')},
      http_ask: ${http('eve', '2026-07-28', answers)},
      stdio_legacy: ${stdio('stdio_legacy', 'legacy')},
      stdio_auto: ${stdio('stdio_auto', 'auto')},
      stdio_pin: ${stdio('stdio_pin', '2026-07-28')},
      stdio_ask: ${stdio('stdio_ask', 'legacy', answers)},
      stdio_errors: ${stdio('stdio_errors', 'legacy')},
      every_auto: { command: ${NODE}, args: ${JSON.stringify([EVERYTHING, 'stdio', `${m}-every`])}, protocol: 'auto' },
      pre_pin: ${stdio('pre_pin', 'legacy')},
      pre_refused: ${http('gus', 'auto')},
      ${FAULTS.map((f) => `${f}: ${faults[f]},`).join('\n      ')}
    } } } };`,
  );

  const text = (client: string, tool: string, args = '{}') =>
    `(await mcpClients.${client}.callTool({ name: '${tool}', arguments: ${args} })).content[0].text`;
  const eraFile = (clients: Array<[client: string, era: string, who: string]>) =>
    `/** @mcp-clients ${clients.map(([c]) => c).join(', ')} */
    const cases = ${JSON.stringify(clients)};
    test.each(cases)('%s: echo with structured content', async (client) => {
      const result = await mcpClients[client].callTool({ name: 'echo', arguments: { text: 'hi from ' + client } });
      expect(result.structuredContent).toEqual({ echoed: 'hi from ' + client });
      expect(result.content).toEqual([{ type: 'text', text: 'hi from ' + client }]);
    });
    test.each(cases)('%s: the server saw era %s, user %s', async (client, era, who) => {
      expect((await mcpClients[client].callTool({ name: 'era', arguments: {} })).content[0].text).toBe(era);
      expect((await mcpClients[client].callTool({ name: 'whoami', arguments: {} })).content[0].text).toBe(who);
    });
    test.each(cases)('%s: the client reports era %s', async (client, era) => {
      expect(mcpClients[client].getProtocolEra()).toBe(era);
    });
    test.each(cases)('%s: tools, a resource template and a prompt', async (client) => {
      const c = mcpClients[client];
      expect((await c.listTools()).tools.map((t) => t.name).sort()).toEqual(['ask', 'ask-defaults', 'echo', 'era', 'roots', 'slow', 'whoami']);
      expect((await c.readResource({ uri: 'note://n1' })).contents).toMatchObject([{ uri: 'note://n1', text: 'first note' }]);
      expect((await c.getPrompt({ name: 'greet', arguments: { name: 'Bo' } })).messages[0].content.text).toBe('Hello Bo');
      expect((await c.callTool({ name: 'slow', arguments: { ms: 20 } })).content[0].text).toBe('slept 20');
    });`;
  project.write(
    'eras-http.test.js',
    eraFile([
      ['http_legacy', 'legacy', 'ada'],
      ['http_auto', 'modern', 'bob'],
      ['http_pin', 'modern', 'carol'],
      ['http_default', 'modern', 'dave'],
    ]),
  );
  project.write(
    'eras-stdio.test.js',
    eraFile([
      ['stdio_legacy', 'legacy', 'stdio_legacy'],
      ['stdio_auto', 'modern', 'stdio_auto'],
      ['stdio_pin', 'modern', 'stdio_pin'],
    ]),
  );
  project.write(
    'everything.test.js',
    `/** @mcp-clients every_auto */
    test('auto against a 1.x server falls back to the legacy era and works', async () => {
      expect(mcpClients.every_auto.getProtocolEra()).toBe('legacy');
      expect((await mcpClients.every_auto.listTools()).tools.map((t) => t.name)).toContain('echo');
      expect(${text('every_auto', 'echo', "{ message: 'hello' }")}).toBe('Echo: hello');
    });`,
  );
  project.write(
    'requests.test.js',
    `/** @mcp-clients http_ask, stdio_ask */
    test.each([['http_ask', 'modern'], ['stdio_ask', 'legacy']])('%s (%s): elicitation answered from config', async (client, era) => {
      expect((await mcpClients[client].callTool({ name: 'era', arguments: {} })).content[0].text).toBe(era);
      const answer = JSON.parse((await mcpClients[client].callTool({ name: 'ask', arguments: {} })).content[0].text);
      expect(answer).toEqual({ action: 'accept', content: { name: 'Ada Lovelace' } });
      // In either era the server's request is in \`received\` (2026-07-28: an input_required round).
      const request = await mcpClients[client].received.waitForRequest('elicitation/create');
      expect(request.params).toHaveProperty('message');
    });
    test.each([['http_ask', 'modern'], ['stdio_ask', 'legacy']])('%s (%s): roots answered from config', async (client) => {
      const roots = JSON.parse((await mcpClients[client].callTool({ name: 'roots', arguments: {} })).content[0].text);
      expect(roots).toEqual(['file:///tmp/v2-root']);
      expect(mcpClients[client].received.requests.map((r) => r.method)).toContain('roots/list');
    });`,
  );
  project.write(
    'errors.test.js',
    `/** @mcp-clients http_pin, stdio_errors */
    const { ProtocolError } = require('@modelcontextprotocol/client');
    test.each(['http_pin', 'stdio_errors'])('%s: an unknown tool rejects with the test realm\\'s ProtocolError', async (client) => {
      const p = mcpClients[client].callTool({ name: 'nope', arguments: {} });
      await expect(p).rejects.toThrow(ProtocolError);
      const error = await p.catch((e) => e);
      expect(error.code).toBe(-32602);
      expect(error.message).toMatch(/Tool nope not found/);
      expect(ProtocolError.isInstance(error)).toBe(true);
    });
    test.each(['http_pin', 'stdio_errors'])('%s: an unknown resource rejects with -32602', async (client) => {
      const p = mcpClients[client].readResource({ uri: 'note://missing' });
      await expect(p).rejects.toThrow(ProtocolError);
      expect((await p.catch((e) => e)).code).toBe(-32602);
    });`,
  );
  const firstOf: Partial<Record<Fault, string>> = { pin_everything: 'pre_pin', refused_auto: 'pre_refused' };
  for (const f of FAULTS) {
    const clients = firstOf[f] ? `${firstOf[f]}, ${f}` : f;
    project.write(`${f}.test.js`, `/** @mcp-clients ${clients} */\ntest('never runs', () => { throw new Error('should not run'); });`);
  }

  // Found from package.json: only @modelcontextprotocol/client declared, no mcp.sdk.
  detected.write(
    'package.json',
    JSON.stringify({ name: 'v2-only', private: true, devDependencies: { '@modelcontextprotocol/client': '^2.4.0' } }),
  );
  detected.write(
    'jest.config.js',
    `module.exports = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { clients: {
      modern: ${http('frank', '2026-07-28')},
    } } } };`,
  );
  detected.write(
    'detected.test.js',
    `const { ProtocolError } = require('@modelcontextprotocol/client');
    test('a 2.x client, found from package.json, speaks 2026-07-28', async () => {
      expect(mcpClients.modern.getProtocolEra()).toBe('modern');
      expect((await mcpClients.modern.callTool({ name: 'era', arguments: {} })).content[0].text).toBe('modern');
      await expect(mcpClients.modern.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(ProtocolError);
    });`,
  );
  [run, detectedRun] = await Promise.all([runJest(project.dir, { args: ['--maxWorkers=2'] }), runJest(detected.dir, { args: ['-i'] })]);
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
  detected?.remove();
});

const section = (file: string, of: JestRun = run) => outputOfFile(of, file);
const setupError = (f: Fault) => setupErrorOf(run, f);

/** The fixture servers' events, "<event> <who> [detail]", without their timestamps. */
const serverEvents = () => eventsOf(events);

/** The eras of the requests one HTTP user or stdio tag made: "request <who> <era> <rpc> …". */
function requestsOf(who: string): Array<{ era: string; rpc: string }> {
  return serverEvents()
    .map((line) => line.split(' '))
    .filter(([event, by]) => event === 'request' && by === who)
    .map(([, , era, rpc]) => ({ era, rpc }));
}

describe('a client per era, over HTTP and stdio', () => {
  test('the files pass', () => {
    for (const file of ['eras-http', 'eras-stdio', 'everything', 'requests', 'errors']) expect(section(`${file}.test.js`)).toMatch(/^PASS/);
  });

  test.each([
    ['ada', 'legacy', 'initialize'],
    ['bob', 'modern', 'server/discover'],
    ['carol', 'modern', 'server/discover'],
    ['dave', 'modern', 'server/discover'],
    ['stdio_legacy', 'legacy', 'initialize'],
    ['stdio_auto', 'modern', 'server/discover'],
    ['stdio_pin', 'modern', 'server/discover'],
  ])('%s: every request the server saw was in the %s era, opened with %s', (who, era, opening) => {
    const requests = requestsOf(who);
    expect(requests.length).toBeGreaterThan(3);
    expect(requests[0].rpc).toBe(opening);
    expect(requests.filter((r) => r.era !== era)).toEqual([]);
    expect(requests.map((r) => r.rpc)).toContain('tools/call');
  });

  test('tool handlers ran in the era the client negotiated', () => {
    const seen = serverEvents();
    expect(seen).toEqual(
      expect.arrayContaining([
        'call ada echo legacy',
        'call bob echo modern',
        'call carol echo modern',
        'call dave echo modern',
        'call stdio_legacy echo legacy',
        'call stdio_auto echo modern',
        'call stdio_pin echo modern',
      ]),
    );
  });

  test('one server process per stdio client, stopped at the end of its file', () => {
    const seen = serverEvents();
    for (const tag of ['stdio_legacy', 'stdio_auto', 'stdio_pin', 'stdio_ask']) {
      expect(seen.filter((line) => line.startsWith(`start ${tag} `))).toHaveLength(1);
      expect(seen.filter((line) => line.startsWith(`exit ${tag} `))).toHaveLength(1);
    }
  });
});

describe('elicitation and roots answered from config', () => {
  test('in the modern era over HTTP, as input_required rounds', () => {
    const seen = serverEvents();
    expect(seen).toEqual(expect.arrayContaining(['call eve ask modern input-required', 'call eve ask modern answered']));
    expect(seen).toEqual(expect.arrayContaining(['call eve roots modern input-required', 'call eve roots modern answered']));
    expect(requestsOf('eve').filter((r) => r.era !== 'modern')).toEqual([]);
  });

  test('in the legacy era over stdio, as server requests', () => {
    const seen = serverEvents();
    expect(seen).toEqual(expect.arrayContaining(['call stdio_ask ask legacy elicit', 'call stdio_ask roots legacy list']));
    expect(requestsOf('stdio_ask').filter((r) => r.era !== 'legacy')).toEqual([]);
  });
});

describe('a client that cannot be opened fails only its file, saying why', () => {
  const URL_RE = 'http://127\\.0\\.0\\.1:\\d+';

  test.each(['refused_legacy', 'refused_auto'] as const)('%s: connection refused', (f) => {
    const { text, seconds } = setupError(f);
    expect(text).toContain(`"${f}" (streamable-http http://127.0.0.1:${closedPort}/mcp)`);
    expect(text).toMatch(/: connection refused: nothing is listening at that address\.\s+What to do: Start the server before Jest/);
    expect(seconds).toBeLessThan(5);
  });

  test.each(['unauth_none', 'unauth_wrong', 'unauth_legacy'] as const)('%s: HTTP 401', (f) => {
    const { text, seconds } = setupError(f);
    expect(text).toMatch(new RegExp(`"${f}" \\(streamable-http ${URL_RE}/mcp\\) after .* s: HTTP 401 Unauthorized\\.`));
    expect(text).toMatch(/What to do: the server rejected the credentials/);
    expect(text).not.toContain('not-a-token');
    expect(seconds).toBeLessThan(5);
  });

  test('HTTP 404, pinned to 2026-07-28', () => {
    const { text, seconds } = setupError('notfound_pin');
    expect(text).toMatch(new RegExp(`"notfound_pin" \\(streamable-http ${URL_RE}/nope/mcp\\) after .* s: HTTP 404 Not Found\\.`));
    expect(seconds).toBeLessThan(5);
  });

  test('a stdio server that exits at start: exit code and stderr tail', () => {
    const { text, seconds } = setupError('exits');
    expect(text).toMatch(/"exits" \(stdio: \S+ \S+v2-server\.js stdio .*\) after .* s: the server process ended/);
    expect(text).toMatch(/The server process exited with code 3\./);
    expect(text).toMatch(/Server stderr \(last lines\):\s+booting exits\s+fatal: V2_DB_URL is not set, cannot start/);
    expect(seconds).toBeLessThan(5);
  });

  test('pinned to 2026-07-28 against a legacy-only server (server-everything)', () => {
    const { text, seconds } = setupError('pin_everything');
    expect(text).toMatch(/"pin_everything" \(stdio: \S+ \S+server-everything\S* stdio/);
    expect(text).toMatch(/could not open MCP client "pin_everything" .* s: .*2026-07-28/);
    expect(text).toMatch(/(did not offer|does not (speak|support|offer)|not supported|only (speaks|supports))/i);
    expect(seconds).toBeLessThan(10);
  });

  test('the clients opened before a failing one were closed', () => {
    const seen = serverEvents();
    expect(seen.filter((line) => /^(start|exit) pre_pin /.test(line)).map((line) => line.split(' ')[0])).toEqual(['start', 'exit']);
    expect(requestsOf('gus')[0]).toEqual({ era: 'modern', rpc: 'server/discover' });
  });

  test('no test of a failing file ran', () => {
    expect(run.output).not.toMatch(/should not run/);
    expect(run.output).toMatch(new RegExp(`Test Suites:\\s+${FAULTS.length} failed, 5 passed, ${FAULTS.length + 5} total`));
    expect(run.code).toBe(1);
  });
});

test('2.x found from package.json: a project that declares only @modelcontextprotocol/client', () => {
  expect(section('detected.test.js', detectedRun)).toMatch(/^PASS/);
  expect(detectedRun.code).toBe(0);
  expect(requestsOf('frank')[0]).toEqual({ era: 'modern', rpc: 'server/discover' });
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectCleanExit(detectedRun);
  expectNoLeftovers(project, { except: [server.server] });
  expectNoLeftovers(detected);
});
