import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { EVERYTHING, PAGED_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { readReport } from '../helpers/pack';
import { createProject, type Project } from '../helpers/project';

/**
 * `mcpClients.x.listed`: what each server listed, every page, there when the test file is
 * collected, so `test.each` makes one test per tool without a hand-written list.
 */
let project: Project;
let run: JestRun;
let filtered: JestRun;

const FILES = {
  'each.test.js': `
    test.each(mcpClients.every.listed.tools.map((t) => t.name))('every tool %s has an input schema', (name) => {
      const tool = mcpClients.every.listed.tools.find((t) => t.name === name);
      expect(tool.inputSchema.type).toBe('object');
    });
    test('the lists are the server\\'s own', async () => {
      const { listed } = mcpClients.every;
      expect(listed.tools.map((t) => t.name).sort()).toEqual((await mcpClients.every.listTools()).tools.map((t) => t.name).sort());
      expect(listed.prompts.map((p) => p.name)).toContain('simple-prompt');
      expect(listed.resourceTemplates.length).toBeGreaterThan(0);
      expect(listed.capabilities.tools).toBeDefined();
      expect(listed.errors).toEqual({});
      expect(Array.isArray(listed.tools)).toBe(true); // this realm's arrays
    });
  `,
  'paged.test.js': `
    test('every page of a paged list', () => {
      const names = mcpClients.paged.listed.tools.map((t) => t.name);
      expect(names).toHaveLength(250);
      expect(new Set(names).size).toBe(250);
      expect(mcpClients.paged.listed.resources.map((r) => r.uri)).toEqual(['paged://doc/a', 'paged://doc/b', 'paged://doc/c']);
    });
    test('a list that cannot be read whole says why and keeps what it got', () => {
      const { listed } = mcpClients.looping;
      expect(listed.errors.tools).toMatch(/^tools\\/list: nextCursor "100" came back again$/);
      expect(listed.tools).toHaveLength(200);
      expect(listed.errors.prompts).toMatch(/^prompts\\/list: .*prompt store offline/);
      expect(listed.prompts).toEqual([]);
      expect(listed.resourceTemplates).toHaveLength(2);
    });
  `,
  // Its source never names the property: nothing is fetched, and reading it says why.
  'unlisted.test.js': `
    test('not fetched', () => {
      const key = 'lis' + 'ted';
      expect(() => mcpClients.every[key]).toThrow(/mcpClients\\.every\\.lis[t]ed is not available: .*only for a file whose source mentions/);
    });
  `,
};

beforeAll(async () => {
  project = createProject(FILES);
  const m = project.marker;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          every: node(EVERYTHING, 'stdio', m),
          paged: node(PAGED_STDIO, m),
          looping: node(PAGED_STDIO, '--loop-cursor', '--fail-prompts', m),
        },
      },
    },
  });
  const report = path.join(project.dir, 'report.json');
  run = await runJest(project.dir, { args: ['--maxWorkers=2', '--json', `--outputFile=${report}`] });
  // Under -t a file's clients usually open after collection; one that reads the lists at collection opens them at setup.
  filtered = await runJest(project.dir, { args: ['--maxWorkers=2', 'each.test.js', '-t', 'tool echo has'] });
});

afterAll(() => project.remove());

test('test.each makes one test per listed tool', () => {
  expect(run.code).toBe(0);
  const { tests } = readReport(path.join(project.dir, 'report.json'));
  const perTool = tests.filter((t) => / has an input schema$/.test(t));
  // server-everything lists more than a dozen tools; each became a test.
  expect(perTool.length).toBeGreaterThan(12);
  expect(perTool).toContain('passed: every tool echo has an input schema');
  expect(perTool).toContain('passed: every tool get-sum has an input schema');
  expectCleanExit(run);
  expectNoLeftovers(project);
});

test('paged lists, broken lists and a file that does not ask', () => {
  expect(outputOfFile(run, 'paged.test.js')).toMatch(/PASS/);
  expect(outputOfFile(run, 'unlisted.test.js')).toMatch(/PASS/);
});

test('with -t, a file that reads the lists at collection still gets them', () => {
  expect(filtered.code).toBe(0);
  expect(filtered.output).toMatch(/Tests: +\d+ skipped, 1 passed/);
  expectCleanExit(filtered);
  expectNoLeftovers(project);
});
