import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * The preset's MCP matchers against the official reference server: passing uses in one file,
 * deliberate failures in another, whose messages must show what matters and no more.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'pass.test.js': `
      test('list matchers', async () => {
        const c = mcpClients.every;
        expect(await c.listTools()).toHaveTool('echo');
        expect(await c.listTools()).not.toHaveTool('no-such-tool');
        expect((await c.listTools()).tools).toHaveTool('get-sum');
        expect(await c.listResources()).toHaveResource('demo://resource/static/document/architecture.md');
        expect(await c.listPrompts()).toHavePrompt('simple-prompt');
        expect(await c.listPrompts()).not.toHavePrompt('nope');
      });
      test('tool result matchers', async () => {
        const c = mcpClients.every;
        const echo = await c.callTool({ name: 'echo', arguments: { message: 'hello there' } });
        expect(echo).toBeToolSuccess();
        expect(echo).not.toBeToolError();
        expect(echo).toHaveTextContent('hello there');
        expect(echo).toHaveTextContent(/^Echo: hello/);
        expect(echo).toHaveContentType('text');
        expect(echo).not.toHaveContentType('image');
        const image = await c.callTool({ name: 'get-tiny-image', arguments: {} });
        expect(image).toHaveContentType('image');
        const unknown = await c.callTool({ name: 'no-such-tool', arguments: {} });
        expect(unknown).toBeToolError();
        expect(unknown).toBeToolError(/no-such-tool/);
        expect(unknown).not.toBeToolSuccess();
      });
      test('structured content and output schema', async () => {
        const c = mcpClients.every;
        const weather = await c.callTool({ name: 'get-structured-content', arguments: { location: 'Chicago' } });
        expect(weather).toMatchStructuredContent({ conditions: expect.any(String) });
        expect(weather).toMatchStructuredContent({ temperature: weather.structuredContent.temperature });
        await expect(weather).toMatchToolOutputSchema(c, 'get-structured-content');
        await expect({ content: [], structuredContent: { temperature: 'hot' } }).not.toMatchToolOutputSchema(c, 'get-structured-content');
      });
      test('toRejectWithMcpError', async () => {
        const c = mcpClients.every;
        await expect(c.readResource({ uri: 'nope://x' })).toRejectWithMcpError();
        await expect(c.readResource({ uri: 'nope://x' })).toRejectWithMcpError(-32602);
        await expect(c.readResource({ uri: 'nope://x' })).not.toRejectWithMcpError(-32601);
        await expect(c.ping()).not.toRejectWithMcpError();
      });
    `,
    'fail.test.js': `
      test('F1 toHaveTool', async () => {
        expect(await mcpClients.every.listTools()).toHaveTool('missing-tool');
      });
      test('F2 toBeToolError', async () => {
        const big = 'x'.repeat(5000);
        expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: big } })).toBeToolError();
      });
      test('F3 toHaveTextContent', async () => {
        expect(await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'abc' } })).toHaveTextContent('xyz');
      });
      test('F4 toMatchToolOutputSchema', async () => {
        await expect({ content: [], structuredContent: { temperature: 'hot' } }).toMatchToolOutputSchema(mcpClients.every, 'get-structured-content');
      });
      test('F5 toRejectWithMcpError', async () => {
        await expect(mcpClients.every.ping()).toRejectWithMcpError();
      });
      test('F6 toRejectWithMcpError code', async () => {
        await expect(mcpClients.every.readResource({ uri: 'nope://x' })).toRejectWithMcpError(-32601);
      });
    `,
  });
  // The project's marker goes on the server's command line (server-everything ignores extra
  // arguments), so a leftover server can be found afterwards.
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { every: node(EVERYTHING, 'stdio', project.marker) } } },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'] });
});

afterAll(() => project?.remove());

test('passing uses pass, every deliberate failure fails', () => {
  expect(run.output).toMatch(/PASS .*pass\.test\.js/);
  expect(run.output).toMatch(/FAIL .*fail\.test\.js/);
  expect(run.output).toMatch(/Tests:\s+6 failed, 4 passed, 10 total/);
  expect(run.code).toBe(1);
});

test('failure messages show what matters, trimmed', () => {
  expect(run.output).toMatch(/expected the tools to include tool "missing-tool"\s+tools \(\d+\): echo, /);
  expect(run.output).toMatch(/expected a tool error\s+received: isError: false; content types: text; text: "Echo: x{10}/);
  expect(run.output).toContain('more characters)');
  expect(run.output).not.toContain('x'.repeat(1000));
  expect(run.output).toMatch(
    /expected the text content to contain "xyz"\s+received: isError: false; content types: text; text: "Echo: abc"/,
  );
  expect(run.output).toMatch(/expected structuredContent to validate against get-structured-content's outputSchema: .*temperature/);
  expect(run.output).toMatch(/expected the promise to reject with an McpError, but it resolved/);
  expect(run.output).toMatch(/expected an McpError with code -32601\s+received: McpError code -32602/);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
