import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `session: 'test'`: every test gets a fresh session (a new server process for stdio), opened
 * before its beforeEach hooks and closed after its afterEach hooks, LIFO with the file's clients.
 * The order is observed from the servers' side: each server process appends to a shared log.
 */
let project: Project;
let run: JestRun;
let events: string[];

beforeAll(async () => {
  project = createProject({
    'per-test.test.js': `
      const seen = new Set();
      beforeAll(async () => {
        await expect(Promise.resolve().then(() => mcpClients.fresh.ping())).rejects.toThrow(/session per test \\(session: 'test'\\)/);
      });
      beforeEach(async () => { await mcpClients.fresh.ping(); });
      afterEach(async () => { await mcpClients.fresh.ping(); });
      for (const n of [1, 2, 3]) {
        test('test ' + n, async () => {
          const { content } = await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} });
          seen.add(content[0].text);
          expect(seen.size).toBe(n); // a new server process each time
          const shared = await mcpClients.shared.callTool({ name: 'whoami', arguments: {} });
          expect(JSON.parse(shared.content[0].text).tag).toBe('shared');
        });
      }
      test.skip('a skipped test opens nothing', () => {});
    `,
  });
  const log = path.join(project.dir, 'events.log');
  const server = (tag: string) => node(CORE_STDIO, tag, log, project.marker);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { shared: server('shared'), fresh: { ...server('fresh'), session: 'test' } } } },
  });
  run = await runJest(project.dir, { args: ['-i'] });
  events = fs.readFileSync(log, 'utf8').trim().split('\n');
});

afterAll(() => project?.remove());

test('every test passes, each with its own session', () => {
  expect(run.output).toMatch(/Tests:\s+1 skipped, 3 passed, 4 total/);
  expect(run.code).toBe(0);
});

test('per-test sessions open after and close before the file client (LIFO)', () => {
  const starts = events.filter((e) => e.startsWith('start fresh')).length;
  expect(starts).toBe(3);
  // When each server started and ended (the server also notes how it was asked to stop).
  const compact = events.filter((e) => /^(start|exit) /.test(e)).map((e) => e.split(' ').slice(0, 2).join(' '));
  expect(compact).toEqual([
    'start shared',
    'start fresh',
    'exit fresh',
    'start fresh',
    'exit fresh',
    'start fresh',
    'exit fresh',
    'exit shared',
  ]);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
