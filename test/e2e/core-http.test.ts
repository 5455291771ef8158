import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_HTTP, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * HTTP clients against a real server on loopback: Streamable HTTP with a bearer token per user
 * from `${VAR}` headers (each client gets its own identity), legacy SSE, and the realm bridge:
 * results and protocol errors belong to the test's realm (toBeInstanceOf(Object), toStrictEqual,
 * instanceof Error, rejects.toThrow(McpError) with the test's own McpError and its code).
 */
const ALICE = `alice-${randomBytes(12).toString('hex')}`;
const BOB = `bob-${randomBytes(12).toString('hex')}`;

let server: ListeningServer;
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({});
  const events = path.join(project.dir, 'events.log');
  server = await startListening(CORE_HTTP, ['--events', events, '--user', `alice=${ALICE}`, '--user', `bob=${BOB}`, project.marker]);
  const base = `http://127.0.0.1:${server.port}`;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          alice: { url: `${base}/mcp`, headers: { Authorization: 'Bearer ${ALICE_TOKEN}' } },
          bob: { url: `${base}/mcp`, headers: { Authorization: 'Bearer ${BOB_TOKEN}' } },
          legacy: { url: `${base}/sse`, transport: 'sse', headers: { Authorization: 'Bearer ${BOB_TOKEN}' } },
        },
      },
    },
  });
  project.write(
    'identity.test.js',
    `/** @mcp-clients alice, bob */
    const whoami = async (c) => (await c.callTool({ name: 'whoami', arguments: {} })).content[0].text;
    test('each client has its own identity', async () => {
      expect(await whoami(mcpClients.alice)).toBe('alice');
      expect(await whoami(mcpClients.bob)).toBe('bob');
    });
    test('the same session for every test of the file', async () => {
      expect(await whoami(mcpClients.alice)).toBe('alice');
    });`,
  );
  project.write(
    'legacy.test.js',
    `/** @mcp-clients legacy */
    test('legacy HTTP+SSE', async () => {
      expect(await mcpClients.legacy.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('bob');
      expect(await mcpClients.legacy.listTools()).toHaveTool('echo');
    });`,
  );
  project.write(
    'realm.test.js',
    `/** @mcp-clients alice, legacy */
    const { McpError, ErrorCode } = require('@modelcontextprotocol/sdk/types.js');
    for (const name of ['alice', 'legacy']) {
      describe(name, () => {
        const client = () => mcpClients[name];
        test('results are plain objects of the test realm', async () => {
          const result = await client().callTool({ name: 'echo', arguments: { message: 'hi' } });
          expect(result).toBeInstanceOf(Object);
          expect(result.content).toBeInstanceOf(Array);
          expect(result).toStrictEqual({ content: [{ type: 'text', text: 'hi' }] });
          expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
        });
        test('protocol errors are the McpError the test imports, with their code', async () => {
          await expect(client().readResource({ uri: 'nope://x' })).rejects.toThrow(McpError);
          const error = await client().readResource({ uri: 'nope://x' }).catch((e) => e);
          expect(error instanceof Error).toBe(true);
          expect(error instanceof McpError).toBe(true);
          expect(error).toBeInstanceOf(McpError);
          expect(error.code).toBe(ErrorCode.InvalidParams);
          expect(error.message).toMatch(/Resource nope:\\/\\/x not found/);
          await expect(client().readResource({ uri: 'nope://x' })).rejects.toMatchObject({ code: -32602 });
        });
        test('an error thrown by a handler is an McpError too', async () => {
          await expect(client().readResource({ uri: 'note://n2' })).rejects.toThrow(new McpError(ErrorCode.InternalError, 'no note n2'));
          expect(await client().readResource({ uri: 'note://n1' })).toStrictEqual({ contents: [{ uri: 'note://n1', text: 'first note' }] });
        });
      });
    }`,
  );
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { ALICE_TOKEN: ALICE, BOB_TOKEN: BOB } });
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
});

function serverEvents(): string[][] {
  return project.lines('events.log').map((line) => line.split(' ').slice(0, -1));
}

test('every file passes', () => {
  expect(run.output).toMatch(/Tests:\s+9 passed, 9 total/);
  expect(run.code).toBe(0);
});

test('the server saw each user by its token, over Streamable HTTP and SSE', () => {
  const seen = serverEvents();
  // identity: alice, bob; realm: alice; each initialized once per file, each ended with a DELETE.
  const streamable = seen.filter(([event]) => event === 'initialize');
  expect(streamable.map(([, who]) => who).sort()).toEqual(['alice', 'alice', 'bob']);
  expect(streamable.every(([, , clientInfo]) => clientInfo === 'jest-mcp')).toBe(true);
  expect(
    seen
      .filter(([event]) => event === 'delete')
      .map(([, who]) => who)
      .sort(),
  ).toEqual(['alice', 'alice', 'bob']);
  // legacy: legacy and realm files, bob's token; each SSE stream closed at teardown.
  expect(seen.filter(([event]) => event === 'sse-open').map(([, who]) => who)).toEqual(['bob', 'bob']);
  expect(seen.filter(([event]) => event === 'sse-closed').map(([, who]) => who)).toEqual(['bob', 'bob']);
});

test('tokens never appear; Jest exits by itself and leaves nothing', () => {
  expect(run.output).not.toContain(ALICE);
  expect(run.output).not.toContain(BOB);
  expectCleanExit(run);
  expectNoLeftovers(project, { except: [server.server] });
});
