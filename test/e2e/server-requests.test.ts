import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * Requests a server makes of the client (roots, sampling, elicitation) answered from config, and
 * everything the server sent on its own readable as `mcpClients.x.received`, against the official
 * reference server's trigger tools.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'elicit.js': `
      // A module responder: config cannot carry functions to Jest's workers.
      module.exports = (params, { client }) => ({
        action: 'accept',
        content: { name: 'Ada from ' + client, check: true, email: 'ada@example.com' },
      });
    `,
    // The same as an ES module: loaded with import(), on every Node the package accepts.
    'elicit.mjs': `
      export default (params, { client }) => ({
        action: 'accept',
        content: { name: 'Esm from ' + client, check: true, email: 'esm@example.com' },
      });
    `,
    'requests.test.js': `
      test('roots from config answer roots/list', async () => {
        const c = mcpClients.every;
        expect(await c.listTools()).toHaveTool('get-roots-list');
        const result = await c.callTool({ name: 'get-roots-list', arguments: {} });
        expect(result).toHaveTextContent('file:///tmp/jest-mcp-project');
        expect(result).toHaveTextContent('1. project');
        expect(c.received.requests.map((r) => r.method)).toContain('roots/list');
      });
      test('a static sampling response', async () => {
        const result = await mcpClients.every.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'write a haiku' } });
        expect(result).toHaveTextContent('a canned completion');
        const request = await mcpClients.every.received.waitForRequest('sampling/createMessage');
        expect(request.params.messages[0].content.text).toMatch(/write a haiku/);
        expect(Array.isArray(mcpClients.every.received.requests)).toBe(true);
        expect(mcpClients.every.received.requests).toBeInstanceOf(Array);
      });
      test('an elicitation answered by a module', async () => {
        const result = await mcpClients.every.callTool({ name: 'trigger-elicitation-request', arguments: {} });
        expect(result).toHaveTextContent('Ada from every');
        expect(result).toHaveTextContent(/accept/);
      });
      test('an elicitation answered by an ES module', async () => {
        const result = await mcpClients.esm.callTool({ name: 'trigger-elicitation-request', arguments: {} });
        expect(result).toHaveTextContent('Esm from esm');
      });
      test('notifications: logging and progress', async () => {
        const c = mcpClients.every;
        c.received.clear();
        expect(c.received.notifications).toEqual([]);
        await c.setLoggingLevel('debug');
        await c.callTool({ name: 'toggle-simulated-logging', arguments: {} });
        const log = await c.received.waitForNotification('notifications/message', { timeout: 15000 });
        expect(log.params).toHaveProperty('level');
        const progress = [];
        await c.callTool(
          { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
          undefined,
          { onprogress: (p) => progress.push(p) },
        );
        // The SDK may drop the last onprogress when the result arrives in the same chunk (it runs
        // notification handlers a microtask later); \`received\` records every message as it arrives.
        expect(progress.length).toBeGreaterThanOrEqual(2);
        expect(progress[0]).toBeInstanceOf(Object);
        expect(c.received.notifications.filter((n) => n.method === 'notifications/progress')).toHaveLength(3);
        await c.callTool({ name: 'toggle-simulated-logging', arguments: {} });
      });
      test('waiting for what never comes fails clearly', async () => {
        await expect(mcpClients.every.received.waitForNotification('notifications/never', { timeout: 200 })).rejects.toThrow(
          /no notification "notifications\\/never" from the server within 200 ms \\(received notifications: .*notifications\\/message/,
        );
      });
      test('a client without those capabilities does not get the tools', async () => {
        expect(await mcpClients.plain.listTools()).not.toHaveTool('get-roots-list');
        expect(await mcpClients.plain.listTools()).not.toHaveTool('trigger-sampling-request');
      });
    `,
  });
  const everything = (tag: string) => node(EVERYTHING, 'stdio', `${project.marker}-${tag}`);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          every: {
            ...everything('every'),
            roots: [{ uri: 'file:///tmp/jest-mcp-project', name: 'project' }],
            sampling: {
              response: {
                role: 'assistant',
                content: { type: 'text', text: 'a canned completion' },
                model: 'test-model',
                stopReason: 'endTurn',
              },
            },
            elicitation: { module: './elicit.js' },
          },
          esm: { ...everything('esm'), elicitation: { module: './elicit.mjs' } },
          plain: everything('plain'),
        },
      },
    },
  });
  run = await runJest(project.dir, { args: ['-i'] });
});

afterAll(() => project?.remove());

test('every server-to-client scenario passes', () => {
  expect(run.output).toMatch(/Tests:\s+7 passed, 7 total/);
  expect(run.code).toBe(0);
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
