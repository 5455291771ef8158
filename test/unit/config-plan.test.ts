import { targetOf } from '../../src/coverage/recorder';
import * as path from 'node:path';
import { assertProtocolsSupported, parseClientPragma, resolvePlan, type PlanContext } from '../../src/config/plan';
import type { HttpClientSpec, StdioClientSpec } from '../../src/config/specs';
import type { McpOptions } from '../../src/config/types';
import { REDACTED } from '../../src/util/redact';

/** The plan for one test file: selection, order, defaults, servers, redaction. Pure: no server. */

const ROOT = path.resolve('/project');
const ctx = (extra: Partial<PlanContext> = {}): PlanContext => ({ rootDir: ROOT, env: {}, servers: {}, ...extra });
const three: McpOptions = {
  envFile: false,
  clients: { a: { command: 'node' }, b: { url: 'http://127.0.0.1:1/mcp' }, c: { command: 'python', cwd: 'srv' } },
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

test('@mcp-clients picks clients, opened in declaration order, not pragma order', () => {
  expect(parseClientPragma('c, a  a')).toEqual(['c', 'a']);
  expect(parseClientPragma(['c', 'b,a'])).toEqual(['c', 'b', 'a']);
  expect(parseClientPragma(undefined)).toBeUndefined();
  expect(resolvePlan(three, ctx({ selected: ['c', 'a'] })).clients.map((c) => c.name)).toEqual(['a', 'c']);
  expect(resolvePlan(three, ctx()).clients.map((c) => c.name)).toEqual(['a', 'b', 'c']);
});

test('@mcp-clients naming an unknown client', () => {
  expect(messageOf(() => resolvePlan(three, ctx({ selected: ['nope', 'a', 'zip'] })))).toBe(
    'jest-mcp: @mcp-clients names "nope", "zip", which are not configured. Configured clients: a, b, c (testEnvironmentOptions.mcp.clients).',
  );
  expect(messageOf(() => resolvePlan({}, ctx({ selected: ['x'] })))).toBe(
    'jest-mcp: @mcp-clients names "x", which is not configured. Configured clients: (none) (testEnvironmentOptions.mcp.clients).',
  );
});

test('@mcp-clients naming an unknown client of 150,000: a bounded message', () => {
  const clients = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`client-${i}`, { command: 'node' }]));
  const message = messageOf(() => resolvePlan({ envFile: false, clients }, ctx({ selected: ['client-7o'] })));
  expect(message).toBe(
    'jest-mcp: @mcp-clients names "client-7o", which is not configured. ' +
      `Configured clients: ${Array.from({ length: 20 }, (_, i) => `client-${i}`).join(', ')}, … and 149980 more (testEnvironmentOptions.mcp.clients).`,
  );
  expect(messageOf(() => resolvePlan(three, ctx({ selected: ['bb'] })))).toContain(
    'which is not configured. Did you mean "b"? Configured clients: a, b, c',
  );
});

test('defaults, timeouts in milliseconds (client over project over default), traces and snapshot', () => {
  const plan = resolvePlan(
    {
      ...three,
      timeouts: { close: 2 },
      clients: { a: { command: 'node', timeouts: { connect: 1.5 }, session: 'test' } },
      traces: false,
      snapshot: false,
    },
    ctx(),
  );
  const a = plan.clients[0] as StdioClientSpec;
  expect(a).toMatchObject({
    kind: 'stdio',
    where: 'testEnvironmentOptions.mcp.clients.a',
    timeouts: { connect: 1500, close: 2000 },
    session: 'test',
  });
  expect(a).toMatchObject({ args: [], env: {}, cwd: ROOT, stderr: 'capture' });
  expect(plan.traces).toBe(false);
  expect(plan.snapshot).toBe(false);
  const defaults = resolvePlan({ envFile: false, snapshot: { keys: ['id'] } }, ctx());
  expect(defaults).toMatchObject({ clients: [], traces: true, snapshot: { keys: ['id'] } });
  expect(resolvePlan({}, ctx()).snapshot).toEqual({});
  expect((resolvePlan(three, ctx()).clients[1] as HttpClientSpec).timeouts).toEqual({ connect: 10_000, close: 5_000 });
});

test('interpolated values are in the spec and hidden by the redactor', () => {
  const env = { NOTES_TOKEN: 'tok-31415926', NOTES_HOST: 'notes.test', PASS: 'p4ss-word' };
  const plan = resolvePlan(
    {
      envFile: false,
      clients: {
        http: {
          url: 'http://user:${PASS}@${NOTES_HOST}/mcp?key=qv-2718',
          headers: { Authorization: 'Bearer ${NOTES_TOKEN}', 'X-Tenant': 'notes' },
        },
        cc: { url: 'http://${NOTES_HOST}/mcp', auth: { clientCredentials: { clientId: 'my-client', clientSecret: 'literal-secret' } } },
      },
    },
    ctx({ env }),
  );
  const http = plan.clients[0] as HttpClientSpec;
  expect(http.url).toBe('http://user:p4ss-word@notes.test/mcp?key=qv-2718');
  expect(http.headers).toEqual({ Authorization: 'Bearer tok-31415926', 'X-Tenant': 'notes' });
  expect((plan.clients[1] as HttpClientSpec).auth).toEqual({
    clientCredentials: { clientId: 'my-client', clientSecret: 'literal-secret', scope: undefined, issuer: undefined },
  });
  // The password, the query value, the header's token and the client secret; not the host, nor the client id.
  expect(plan.redactor.redact('tok-31415926 p4ss-word qv-2718 literal-secret notes.test my-client')).toBe(
    `${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} notes.test my-client`,
  );
});

test('missing variables across clients: one error listing all, none of their values', () => {
  const message = messageOf(() =>
    resolvePlan(
      {
        envFile: false,
        clients: {
          a: { command: '${NO_CMD}', args: ['--t=${NO_ARG}'] },
          b: { url: 'http://h/mcp', headers: { Authorization: '${NO_TOKEN}' } },
        },
      },
      ctx({ env: { OTHER: 'x' } }),
    ),
  );
  expect(message).toBe(
    'jest-mcp: missing environment variables:\n' +
      '  - testEnvironmentOptions.mcp.clients.a.args[0] uses ${NO_ARG}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.clients.a.command uses ${NO_CMD}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.clients.b.headers.Authorization uses ${NO_TOKEN}, which is not set\n' +
      `Set them in the environment or a .env file in ${ROOT}, or give a default with \${NAME:-default}.`,
  );
});

test('an invalid URL is a configuration error, its password hidden', () => {
  expect(messageOf(() => resolvePlan({ envFile: false, clients: { a: { url: 'not a url' } } }, ctx()))).toBe(
    'jest-mcp: invalid configuration:\n  - testEnvironmentOptions.mcp.clients.a.url: "not a url" is not a valid URL',
  );
});

test("a client that reaches a run's server by its URL is that server's client (coverage counts it for the server)", () => {
  const servers = { notes: { url: 'http://127.0.0.1:4321/mcp', transport: 'streamable-http' as const, log: '/logs/notes.log' } };
  const plan = resolvePlan(
    { envFile: false, clients: { inline: { url: 'http://127.0.0.1:4321/mcp' }, other: { url: 'http://127.0.0.1:4321/elsewhere' } } },
    ctx({ servers }),
  );
  expect(plan.clients[0]).toMatchObject({ server: { name: 'notes', where: 'testEnvironmentOptions.mcp.servers.notes' } });
  expect(targetOf(plan.clients[0])).toEqual({ key: 'servers.notes', kind: 'server' });
  expect(plan.clients[1]).not.toHaveProperty('server');
  expect(targetOf(plan.clients[1])).toEqual({ key: 'other', kind: 'client' });
});

test('a client of a server started for the run connects where the handoff says', () => {
  const options: McpOptions = {
    envFile: false,
    servers: { notes: { command: 'node' } },
    clients: { n: { server: 'notes', headers: { 'X-A': 'b' } } },
  };
  const plan = resolvePlan(
    options,
    ctx({ servers: { notes: { url: 'http://127.0.0.1:4321/sse', transport: 'sse', log: '/logs/notes.log' } } }),
  );
  expect(plan.clients[0]).toMatchObject({
    kind: 'sse',
    url: 'http://127.0.0.1:4321/sse',
    headers: { 'X-A': 'b' },
    server: { name: 'notes', where: 'testEnvironmentOptions.mcp.servers.notes', log: '/logs/notes.log' },
  });
  expect(messageOf(() => resolvePlan(options, ctx()))).toMatch(
    /^jest-mcp: testEnvironmentOptions\.mcp\.clients\.n uses server "notes", which is not running: jest-mcp's global setup did not start it \(configured servers: notes\)\. /,
  );
});

describe('protocol', () => {
  const options = {
    protocol: 'auto' as const,
    clients: { a: { url: 'http://h/mcp' }, b: { url: 'http://h/mcp', protocol: 'legacy' as const } },
  };

  test("a client's own protocol wins over mcp.protocol", () => {
    const plan = resolvePlan(options, { rootDir: '/tmp', env: {}, servers: {} });
    expect(plan.clients.map((c) => [c.name, c.protocol])).toEqual([
      ['a', 'auto'],
      ['b', 'legacy'],
    ]);
  });

  test('SDK 1.x refuses anything but legacy, naming each client and what to install', () => {
    const plan = resolvePlan(options, { rootDir: '/tmp', env: {}, servers: {} });
    expect(() => assertProtocolsSupported(plan.clients, 'v2')).not.toThrow();
    expect(() => assertProtocolsSupported(plan.clients.slice(1), 'v1')).not.toThrow();
    expect(() => assertProtocolsSupported(plan.clients, 'v1')).toThrow(
      /testEnvironmentOptions\.mcp\.protocol is "auto" \(client a\), but the tests use the MCP SDK 1\.x[\s\S]*npm install --save-dev @modelcontextprotocol\/client@\^2/,
    );
    const own = resolvePlan(
      { clients: { c: { url: 'http://h/mcp', protocol: '2026-07-28' as const } } },
      { rootDir: '/tmp', env: {}, servers: {} },
    );
    expect(() => assertProtocolsSupported(own.clients, 'v1')).toThrow(
      /^jest-mcp: testEnvironmentOptions\.mcp\.clients\.c\.protocol is "2026-07-28", but/,
    );
  });

  test('a protocol the matrix set blames the matrix, not a key the user never wrote', () => {
    const matrixed = { ...options, protocol: '2026-07-28' as const };
    const plan = resolvePlan(matrixed, { rootDir: '/tmp', env: {}, servers: {}, matrix: '2026-07-28' });
    let message = '';
    try {
      assertProtocolsSupported(plan.clients, 'v1');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^jest-mcp: withProtocolMatrix runs this project on protocol "2026-07-28" \(it sets testEnvironmentOptions\.mcp\.protocol; clients a\)/,
    );
    expect(message).not.toMatch(/clients\.a\.protocol/);
    expect(message).toMatch(/keep only 'legacy' in withProtocolMatrix's list/);
  });
});
