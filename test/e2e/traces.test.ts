import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, STDERR_ECHO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { envOptions } from '../helpers/test-files';

/**
 * Failure traces: a failing test's report shows the MCP exchange it made (and only its own),
 * bounded and with secrets redacted; passing tests print nothing extra; `traces: false` turns it off.
 */
const CANARY = `canary-trace-${Date.now()}-s3cr3t`;

let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'fail.test.js': `
      test('earlier passing test', async () => {
        await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'from-the-earlier-test' } });
        await mcpClients.noisy.callTool({ name: 'shout', arguments: { message: 'said-in-the-earlier-test' } });
      });
      test('failing test', async () => {
        await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'from-the-failing-test ' + process.env.CANARY } });
        await mcpClients.every.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } });
        await mcpClients.noisy.callTool({ name: 'shout', arguments: { message: 'said-in-the-failing-test' } });
        expect(1).toBe(2);
      });
      test('later passing test', async () => {
        await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'from-the-later-test' } });
      });
    `,
    'off.test.js': `${envOptions({ traces: false, clients: { quiet: node(EVERYTHING, 'stdio') } })}
      test('failing without trace', async () => {
        await mcpClients.quiet.callTool({ name: 'echo', arguments: { message: 'untraced-call' } });
        expect('a').toBe('b');
      });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          every: { ...node(EVERYTHING, 'stdio', project.marker), env: { TOKEN: '${CANARY}' } },
          noisy: node(STDERR_ECHO, project.marker),
        },
      },
    },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { CANARY } });
});

afterAll(() => project?.remove());

test("a failing test's report shows its own MCP exchange", () => {
  expect(run.output).toMatch(/Tests:\s+2 failed, 2 passed, 4 total/);
  expect(run.output).toContain('MCP exchange during this test (→ sent, ← received):');
  expect(run.output).toMatch(/mcpClients\.every \(stdio: .*\):/);
  expect(run.output).toMatch(/→ \{.*"tools\/call".*"name":"echo","arguments":\{"message":"from-the-failing-test \[redacted\]"\}/);
  expect(run.output).toMatch(/← \{.*"text":"The sum of 2 and 3 is 5\."/);
  // Only the failing test's four messages: not the earlier or later tests', not the initialize.
  const traced = run.output.split('\n').filter((line) => /\+\s*\d+ms [→←]/.test(line));
  expect(traced).toHaveLength(6);
  // stdio servers' stderr lines written during the test, and only those.
  expect(run.output).toMatch(
    /mcpClients\.noisy \(stdio: .*\):[\s\S]*server stderr during this test:\s+server saw: said-in-the-failing-test/,
  );
  expect(run.output).not.toMatch(/server saw: said-in-the-earlier-test/);
  expect(run.output).not.toMatch(/server stderr during this test:\s+stderr-echo starting/);
});

test('secrets are redacted and `traces: false` turns traces off', () => {
  expect(run.output).not.toContain(CANARY);
  expect(run.output).not.toMatch(/[→←].*untraced-call/);
  expect(run.output).toMatch(/failing without trace/);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
