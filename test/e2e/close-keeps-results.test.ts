import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, outputOfFile } from '../helpers/checks';
import { CORE_HTTP, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { readReport } from '../helpers/pack';

/**
 * A client whose close fails (its server never answers the session DELETE) adds that failure to
 * its file's results; it does not replace them. The file's passing test, its failing assertion
 * and that test's MCP trace are all reported, on the console and in `--json`, beside the close
 * failure, and the file fails.
 */
let server: ListeningServer;
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'hang.test.js': `
      test('passes', async () => {
        await mcpClients.hang.ping();
      });
      test('fails on its own assertion', async () => {
        const { content } = await mcpClients.hang.callTool({ name: 'echo', arguments: { message: 'hello' } });
        expect(content[0].text).toBe('goodbye');
      });
    `,
  });
  server = await startListening(CORE_HTTP, [project.marker]);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: { timeouts: { close: 1 }, clients: { hang: { url: `http://127.0.0.1:${server.port}/hang-delete/mcp` } } },
    },
  });
  run = await runJest(project.dir, { args: ['--json', '--outputFile=report.json'] });
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
});

test('the console shows the tests, the failing assertion, its trace and the close failure', () => {
  const file = outputOfFile(run, 'hang.test.js');
  expect(file).toMatch(/FAIL .*hang\.test\.js/);
  expect(file).toMatch(/● fails on its own assertion/);
  expect(file).toMatch(/Expected: "goodbye"\s+Received: "hello"/);
  expect(file).toMatch(/MCP exchange during this test/);
  expect(file).toMatch(/client "hang" \(streamable-http .*\/hang-delete\/mcp\): .*ending the session \(HTTP DELETE\) did not finish/);
  // Once: not as a message and again as its stack.
  expect(file.match(/HTTP DELETE\) did not finish/g)).toHaveLength(1);
  expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
  expect(run.code).toBe(1);
  expectCleanExit(run);
});

test('--json keeps every test result, with the close failure as the file message', () => {
  const report = readReport(path.join(project.dir, 'report.json'));
  expect(report.tests).toEqual(['failed: fails on its own assertion', 'passed: passes']);
  expect(report.failures.join('\n')).toMatch(/Expected: "goodbye"/);
  expect(report.failures.join('\n')).toMatch(/HTTP DELETE\) did not finish within the close timeout/);
  const raw = JSON.parse(fs.readFileSync(path.join(project.dir, 'report.json'), 'utf8')) as { numTotalTests: number; success: boolean };
  expect(raw.numTotalTests).toBe(2);
  expect(raw.success).toBe(false);
});
