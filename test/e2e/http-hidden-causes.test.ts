import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile, setupErrorOf } from '../helpers/checks';
import { startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, onlyClients } from '../helpers/test-files';

/**
 * A server that closes the connection in the middle of a request, on either SDK generation: the
 * pending request fails at once (not after the 10 s connect timeout, the SDK's 60 s request
 * timeout or Jest's test timeout) with an error that names the client and its endpoint and says
 * the server closed the connection mid-request. At connect: before any answer, and after HTTP 200
 * event-stream headers. Mid-call over Streamable HTTP: before any answer, after the headers, and
 * a response that ends without the answer (the session serves the next call); over the legacy
 * SSE transport: the GET stream's connection destroyed. Server: redirect-http.js on 127.0.0.1.
 */
const REDIRECT_HTTP = require.resolve('../servers/redirect-http.js');
const GENERATIONS = ['v1', 'v2'] as const;
const CUTS = ['cut_init', 'cut_init_stream'] as const;

let server: ListeningServer;
const projects: Record<string, Project> = {};
const runs: Record<string, JestRun> = {};

/** The test file: each cut call must fail within 5 s, with the words below; a 20 s test timeout leaves room to see it. */
const midCall = `/** @mcp-clients steady, legacy_sse */
jest.setTimeout(20000);
const cut = async (client, tool) => {
  const started = Date.now();
  const error = await mcpClients[client].callTool({ name: tool, arguments: {} }).then(() => undefined, (e) => e);
  return { error, ms: Date.now() - started };
};
test.each([
  ['steady', 'hangup', 'streamable-http', /the server closed the connection in the middle of tools\\/call: it answered HTTP 200, then the connection broke before the answer arrived/],
  ['steady', 'hangup-early', 'streamable-http', /the server closed the connection in the middle of tools\\/call, before answering/],
  ['steady', 'cut-short', 'streamable-http', /the server ended its HTTP 200 answer to tools\\/call without the answer itself/],
  ['legacy_sse', 'hangup', 'sse', /the server closed the connection in the middle of tools\\/call: it answered HTTP 200, then the connection broke/],
])('%s %s: rejects at once, naming the client and what happened', async (client, tool, kind, words) => {
  const { error, ms } = await cut(client, tool);
  expect(error).toBeDefined();
  expect(error.code).toBe(-32000);
  expect(error.message).toContain('jest-mcp: mcpClients.' + client + ' (' + kind + ' http://127.0.0.1:');
  expect(error.message).toMatch(words);
  expect(error.message).toContain('It may or may not have run on the server.');
  expect(ms).toBeLessThan(5000);
  // Streamable HTTP opens a connection per request: the session serves the next call. (A legacy
  // SSE session lives on the stream that was cut.)
  if (kind === 'streamable-http') expect(await mcpClients[client].callTool({ name: 'echo', arguments: { text: 'still here' } })).toHaveTextContent('still here');
});
`;

beforeAll(async () => {
  const first = createProject({});
  const events = path.join(first.dir, 'served.log');
  fs.writeFileSync(events, '');
  server = await startListening(REDIRECT_HTTP, ['serve', '--events', events, '--other', 'http://127.0.0.1:9', first.marker]);
  const url = (p: string) => `http://127.0.0.1:${server.port}${p}`;
  for (const generation of GENERATIONS) {
    const project = generation === 'v1' ? first : createProject({});
    projects[generation] = project;
    project.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          sdk: generation,
          clients: {
            // A connect timeout far above what the cut takes: without the fix, the file would wait for it.
            cut_init: { url: url('/cut-init/mcp'), timeouts: { connect: 30 } },
            cut_init_stream: { url: url('/cut-init-stream/mcp'), timeouts: { connect: 30 } },
            steady: { url: url('/mcp') },
            legacy_sse: { url: url('/sse'), transport: 'sse' },
          },
        },
      },
    });
    for (const name of CUTS) project.write(`${name}.test.js`, onlyClients(name) + NEVER_RUNS);
    project.write('mid-call.test.js', midCall);
  }
  await Promise.all(GENERATIONS.map(async (g) => (runs[g] = await runJest(projects[g].dir, { args: ['--maxWorkers=2'] }))));
}, 150_000);

afterAll(async () => {
  await server?.stop();
  for (const project of Object.values(projects)) project.remove();
});

describe.each(GENERATIONS)('SDK %s', (generation) => {
  const run = () => runs[generation];

  test.each([
    ['cut_init', '/cut-init/mcp', 'the server closed the connection in the middle of initialize, before answering (UND_ERR_SOCKET).'],
    [
      'cut_init_stream',
      '/cut-init-stream/mcp',
      'the server closed the connection in the middle of initialize: it answered HTTP 200, then the connection broke before the answer arrived (UND_ERR_SOCKET).',
    ],
  ])('%s: connect fails at once, saying the server closed the connection mid-initialize', (name, p, cause) => {
    const { text, seconds } = setupErrorOf(run(), name);
    expect(text).toContain(`could not open MCP client "${name}" (streamable-http http://127.0.0.1:${server.port}${p}) after `);
    expect(text).toContain(cause);
    expect(text).toContain("What to do: The server's logs say why: it crashed, or a proxy in between cut the request.");
    expect(text).not.toMatch(/no answer|fetch failed|did not answer initialize/);
    // Not the 30 s connect timeout: as soon as the connection is gone (the server cuts it after
    // 0.1 s; the rest is loading the SDK in a worker of a busy machine).
    expect(seconds).toBeLessThan(10);
  });

  test('mid-call: each cut request rejects at once, naming the client; a Streamable HTTP session serves the next call', () => {
    expect(outputOfFile(run(), 'mid-call.test.js')).toMatch(/^PASS/);
  });

  test('Jest exits cleanly and leaves nothing behind', () => {
    expectCleanExit(run());
    expectNoLeftovers(projects[generation], { except: [server.server] });
  });
});
