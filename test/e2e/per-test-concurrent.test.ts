import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `session: 'test'` with `test.concurrent`: every concurrent test gets its own session (its own
 * server process), used side by side with its siblings', and every one of them is closed; the
 * sequential tests of the same file keep theirs, and Jest exits by itself.
 */
let project: Project;
let run: JestRun;
let events: string[];

beforeAll(async () => {
  project = createProject({
    'concurrent.test.js': `
      const seen = [];
      for (const n of [1, 2, 3, 4]) {
        test.concurrent('concurrent ' + n, async () => {
          const me = (await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} })).content[0].text;
          // Let the siblings run in between: each must still get its own session back.
          await new Promise((resolve) => setTimeout(resolve, 50));
          const again = (await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} })).content[0].text;
          expect(again).toBe(me);
          seen.push(me);
        });
      }
      test.concurrent('a failing one', async () => {
        await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} });
        expect('its own trace').toBe('shown');
      });
      test('sequential', async () => {
        const me = (await mcpClients.fresh.callTool({ name: 'whoami', arguments: {} })).content[0].text;
        expect(seen).toHaveLength(4);
        expect(new Set([...seen, me]).size).toBe(5);
      });
    `,
  });
  const log = path.join(project.dir, 'events.log');
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { fresh: { ...node(CORE_STDIO, 'fresh', log, project.marker), session: 'test' } } } },
  });
  run = await runJest(project.dir, { args: ['-i'] });
  events = fs.readFileSync(log, 'utf8').trim().split('\n');
});

afterAll(() => project?.remove());

test('every test passes with a session of its own, but the one that fails', () => {
  expect(run.output).toMatch(/Tests:\s+1 failed, 5 passed, 6 total/);
  expect(run.code).toBe(1);
});

test("the failing concurrent test's report has its own MCP exchange", () => {
  const failure = run.output.slice(run.output.indexOf('● a failing one'));
  expect(failure).toMatch(/MCP exchange during this test[\s\S]*mcpClients\.fresh \(stdio: [\s\S]*"name":"whoami"/);
});

test('one server per test, every one closed', () => {
  expect(events.filter((e) => e.startsWith('start fresh'))).toHaveLength(6);
  expect(events.filter((e) => e.startsWith('exit fresh'))).toHaveLength(6);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
