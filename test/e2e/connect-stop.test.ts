import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, setupErrorOf } from '../helpers/checks';
import { CORE_HTTP, CORE_STDIO, eventsOf, node, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A stdio server that never answers `initialize` is stopped the way the MCP spec says once the
 * connect timeout passes: its stdin closed, then SIGTERM, then SIGKILL, within the close budget,
 * not SIGKILLed at once. An HTTP connect that hangs is still aborted at the timeout.
 */

let server: ListeningServer;
let project: Project;
let events: string;
let run: JestRun;

/** A file that opens only `client`: its setup fails, and its test never runs. */
const FILE = (client: string) =>
  `/** @mcp-clients ${client} */\ntest('never runs', () => { expect(mcpClients.${client}).toBeDefined(); });`;

beforeAll(async () => {
  project = createProject(Object.fromEntries(['hung', 'deaf', 'silent_http'].map((client) => [`${client}.test.js`, FILE(client)])));
  events = path.join(project.dir, 'events.log');
  server = await startListening(CORE_HTTP, ['--events', events, project.marker]);
  const stdio = (tag: string, ...flags: string[]) => node(CORE_STDIO, tag, events, ...flags, project.marker);
  const bounds = { timeouts: { connect: 1, close: 3 } };
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          // Ends when its stdin closes.
          hung: { ...stdio('hung', '--silent'), ...bounds },
          // Reads on after its stdin closed: only SIGTERM ends it.
          deaf: { ...stdio('deaf', '--silent', '--ignore-eof'), ...bounds },
          silent_http: { url: `http://127.0.0.1:${server.port}/silent/mcp`, ...bounds },
        },
      },
    },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'] });
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
});

/** What a stdio server noted ("<event> <tag> <pid>"), in order: its events alone. */
const seen = (tag: string) => eventsOf(events).filter((line) => line.split(' ')[1] === tag);

test('each file fails with the connect timeout, and Jest exits by itself with nothing left', () => {
  expect(run.code).toBe(1);
  expectCleanExit(run);
  for (const client of ['hung', 'deaf', 'silent_http']) expect(setupErrorOf(run, client).text).toMatch(/no answer|did not answer/);
  expectNoLeftovers(project, { except: [server.server] });
});

test('a hung stdio server gets its stdin closed, and ends by itself', () => {
  expect(seen('hung').map((line) => line.split(' ')[0])).toEqual(['start', 'stdin-close', 'exit']);
});

test('one that ignores the end of its stdin gets SIGTERM next, within the close budget', () => {
  expect(seen('deaf').map((line) => line.split(' ')[0])).toEqual(['start', 'stdin-close', 'sigterm', 'exit']);
  // Connect timeout (1 s) plus one step of the 3 s budget (about 1 s), not the whole budget or more.
  const { seconds } = setupErrorOf(run, 'deaf');
  expect(seconds).toBeGreaterThanOrEqual(1.5);
  expect(seconds).toBeLessThan(4.5);
});

test('an HTTP connect that hangs is still aborted at the connect timeout', () => {
  const { seconds } = setupErrorOf(run, 'silent_http');
  expect(seconds).toBeGreaterThanOrEqual(1);
  // The connect timeout, plus a loaded machine's start-up (seen: 4.3 s on 2 busy cores).
  expect(seconds).toBeLessThan(6);
});
