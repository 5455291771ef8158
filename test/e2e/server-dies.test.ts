import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CRASH_STDIO, EVERYTHING, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A server that dies in the middle of a test: that test fails with an error naming the client,
 * the exit code and the server's last stderr; later tests in the file fail the same clear way;
 * teardown still completes, the other file passes, and Jest exits by itself.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'dies.test.js': `/** @mcp-clients fragile, steady */
      test('before the crash', async () => {
        expect(await mcpClients.fragile.callTool({ name: 'ok', arguments: {} })).toHaveTextContent('fine');
      });
      test('the crash', async () => {
        await mcpClients.fragile.callTool({ name: 'crash', arguments: {} });
      });
      test('after the crash', async () => {
        await mcpClients.fragile.callTool({ name: 'ok', arguments: {} });
      });
      test('other clients still work', async () => {
        expect(await mcpClients.steady.callTool({ name: 'echo', arguments: { message: 'x' } })).toHaveTextContent('Echo: x');
      });
    `,
    'fine.test.js': `/** @mcp-clients steady */
      test('unaffected', async () => { await mcpClients.steady.ping(); });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: { clients: { fragile: node(CRASH_STDIO, project.marker), steady: node(EVERYTHING, 'stdio', project.marker) } },
    },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'] });
});

afterAll(() => project?.remove());

test('the crashing test and the later one fail with a clear error; the rest pass', () => {
  expect(run.output).toMatch(/Tests:\s+2 failed, 3 passed, 5 total/);
  expect(run.output).toMatch(/PASS .*fine\.test\.js/);
  expect(run.output).toMatch(
    /● the crash[\s\S]*MCP error -32000: Connection closed \(mcpClients\.fragile lost its connection to the server; calls after this fail the same way\)\s+The server process exited with code 3\.[\s\S]*fatal: out of cheese/,
  );
  expect(run.output).toMatch(/● after the crash[\s\S]*Not connected \(mcpClients\.fragile lost its connection/);
  // The stack leads back to the test's own call (line 6 of the file), once.
  expect(run.output).toMatch(/● the crash\s+McpError[^●]*\n\s+at .*\(dies\.test\.js:6:\d+\)/);
  expect(run.output.match(/\(dies\.test\.js:9:\d+\)/g)).toHaveLength(1);
  expect(run.output).not.toMatch(/did not close cleanly/);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
