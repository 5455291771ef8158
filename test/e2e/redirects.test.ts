import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers, outputOfFile, setupErrorOf } from '../helpers/checks';
import { startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, onlyClients } from '../helpers/test-files';

/**
 * Redirects never carry a client's credentials to another origin, on either SDK generation: a
 * server that answers 307 or 302 with a Location on another origin fails the client's file with
 * a setup error naming the client, its endpoint, the status and the other origin (nothing of its
 * path), and what to do; a recording listener on that other origin sees no request at all, so
 * no configured header (X-Api-Key), Authorization or Cookie gets there. Redirects within the
 * origin work (307, and 308 then 307) with the headers, and the MCP message, intact; a 302 after
 * a POST and a redirect loop are refused with their own words. Servers: redirect-http.js (serve
 * and record), both on 127.0.0.1.
 */
const REDIRECT_HTTP = require.resolve('../servers/redirect-http.js');
const KEY = `key-${randomBytes(12).toString('hex')}`;
const TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const COOKIE = `ck-${randomBytes(12).toString('hex')}`;

const SECRET = `sec-${randomBytes(12).toString('hex')}`;

const FAILING = ['away307', 'away302', 'same302', 'loop', 'oauth'] as const;
const GENERATIONS = ['v1', 'v2'] as const;

let recorder: ListeningServer;
let server: ListeningServer;
let recorded: string;
let served: string;
const projects: Record<string, Project> = {};
const runs: Record<string, JestRun> = {};

beforeAll(async () => {
  const first = createProject({});
  recorded = path.join(first.dir, 'recorded.log');
  served = path.join(first.dir, 'served.log');
  fs.writeFileSync(recorded, '');
  fs.writeFileSync(served, '');
  recorder = await startListening(REDIRECT_HTTP, ['record', '--events', recorded, first.marker]);
  server = await startListening(REDIRECT_HTTP, ['serve', '--events', served, '--other', `http://127.0.0.1:${recorder.port}`, first.marker]);
  const client = (p: string) => ({
    url: `http://127.0.0.1:${server.port}${p}`,
    headers: { 'X-Api-Key': '${REDIR_KEY}', Authorization: 'Bearer ${REDIR_TOKEN}', Cookie: 'sid=${REDIR_COOKIE}' },
    timeouts: { connect: 20 },
  });
  for (const generation of GENERATIONS) {
    const project = generation === 'v1' ? first : createProject({});
    projects[generation] = project;
    project.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          sdk: generation,
          clients: {
            same307: client('/same/307/mcp'),
            chain: client('/same/chain/mcp'),
            away307: client('/away/307/mcp'),
            away302: client('/away/302/mcp'),
            same302: client('/same/302/mcp'),
            loop: client('/loop/mcp'),
            // client_secret_post: the secret is in the token request's body, which a followed 307 would re-send.
            oauth: {
              url: `http://127.0.0.1:${server.port}/oauth/mcp`,
              auth: {
                clientCredentials: {
                  clientId: 'redir-client',
                  clientSecret: '${REDIR_SECRET}',
                  issuer: `http://127.0.0.1:${server.port}/as`,
                },
              },
            },
          },
        },
      },
    });
    project.write(
      'same-origin.test.js',
      onlyClients('same307', 'chain') +
        `test.each(['same307', 'chain'])('%s: a redirect within the origin is followed', async (name) => {
          expect(await mcpClients[name].callTool({ name: 'echo', arguments: { text: 'hi ' + name } })).toHaveTextContent('hi ' + name);
        });\n`,
    );
    for (const name of FAILING) project.write(`${name}.test.js`, onlyClients(name) + NEVER_RUNS);
  }
  const env = { REDIR_KEY: KEY, REDIR_TOKEN: TOKEN, REDIR_COOKIE: COOKIE, REDIR_SECRET: SECRET };
  await Promise.all(GENERATIONS.map(async (g) => (runs[g] = await runJest(projects[g].dir, { args: ['--maxWorkers=2'], env }))));
}, 150_000);

afterAll(async () => {
  await Promise.all([server?.stop(), recorder?.stop()]);
  for (const project of Object.values(projects)) project.remove();
});

test('nothing at all reaches the other origin: no request, so no X-Api-Key, Authorization, Cookie or client secret', () => {
  // Both runs are over; each tried away307, away302 and the OAuth token request.
  expect(fs.readFileSync(recorded, 'utf8')).toBe('');
  // The redirector itself got the credentials: they were configured for its origin.
  const lines = fs.readFileSync(served, 'utf8');
  expect(lines).toContain(`POST /away/307/mcp x-api-key=${KEY} authorization=Bearer ${TOKEN} cookie=sid=${COOKIE}`);
});

describe.each(GENERATIONS)('SDK %s', (generation) => {
  const run = () => runs[generation];

  test('redirects within the origin are followed, the headers and the MCP message intact', () => {
    expect(outputOfFile(run(), 'same-origin.test.js')).toMatch(/^PASS/);
    const lines = fs.readFileSync(served, 'utf8');
    // 307 and 308 keep the method: the POST arrives at /mcp with every header.
    expect(lines).toContain(`POST /mcp x-api-key=${KEY} authorization=Bearer ${TOKEN} cookie=sid=${COOKIE}`);
    expect(lines).toContain('POST /same/chain/mcp');
  });

  test.each([
    ['away307', 307],
    ['away302', 302],
  ])('%s: a redirect to another origin fails setup, naming the client, endpoint, status and the other origin only', (name, status) => {
    const { text, seconds } = setupErrorOf(run(), name);
    const other = `http://127.0.0.1:${recorder.port}`;
    expect(text).toContain(`could not open MCP client "${name}" (streamable-http http://127.0.0.1:${server.port}/away/${status}/mcp)`);
    expect(text).toContain(`the server answered POST with HTTP ${status}, a redirect to ${other}.`);
    expect(text).toContain(
      "jest-mcp does not follow a redirect to another origin: the client's headers and credentials go only where they are configured to go",
    );
    expect(text).toContain(
      `What to do: If ${other} is the server you mean, use the URL it redirects to as the client's url (testEnvironmentOptions.mcp.clients.${name}.url).`,
    );
    expect(text).not.toContain(`${other}/mcp`);
    expect(text).not.toMatch(/refused the request|fetch failed/);
    expect(seconds).toBeLessThan(10);
  });

  test('an OAuth token request redirected to another origin: the client secret stays, and the setup error says where it pointed', () => {
    const { text } = setupErrorOf(run(), 'oauth');
    expect(text).toContain(
      `an OAuth request (POST to http://127.0.0.1:${server.port}) got HTTP 307, a redirect to http://127.0.0.1:${recorder.port}. jest-mcp does not follow a redirect to another origin`,
    );
    expect(text).toContain(
      `What to do: If http://127.0.0.1:${recorder.port} is the server you mean, the OAuth metadata must name the URL it redirects to itself`,
    );
    expect(fs.readFileSync(served, 'utf8')).toContain('serve POST /as/token');
  });

  test('a 302 after a POST within the origin: not followed, and said so', () => {
    const { text } = setupErrorOf(run(), 'same302');
    const origin = `http://127.0.0.1:${server.port}`;
    expect(text).toContain(
      `the server answered POST with HTTP 302, a redirect to ${origin}, the same origin. After a 302 the request would go on as a GET without its body, so it is not followed`,
    );
    expect(text).toContain("What to do: Use the URL it redirects to as the client's url, or make the server redirect with 307 or 308");
    expect(text).not.toContain('refused the request');
  });

  test('a redirect loop stops after 5 hops', () => {
    const { text } = setupErrorOf(run(), 'loop');
    expect(text).toContain('after 5 redirects already (a loop?); not followed');
    const hops = fs
      .readFileSync(served, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('serve POST /loop/mcp'));
    // 6 requests per run (the first and 5 hops), 2 runs.
    expect(hops).toHaveLength(12);
  });

  test('no secret in the output; Jest exits cleanly and leaves nothing behind', () => {
    for (const secret of [KEY, TOKEN, COOKIE, SECRET]) expect(run().output).not.toContain(secret);
    expectCleanExit(run());
    expectNoLeftovers(projects[generation], { except: [server.server, recorder.server] });
  });
});
