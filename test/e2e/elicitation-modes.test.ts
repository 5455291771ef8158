import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CLIENT_REQUESTS, EVERYTHING, node } from '../helpers/fixtures';
import { runOnBothSdks, type SdkRun } from '../helpers/per-sdk';
import { createProject } from '../helpers/project';

/**
 * Elicitation per mode (MCP 2025-11-25) from config, on SDK 1.x and 2.x: `{ form, url }` declares
 * both modes, so server-everything offers `trigger-url-elicitation` and the URL responder answers
 * it; its -32042 error path reaches the test as the SDK's own URL-elicitation error; a responder
 * alone stays form mode only (as before); `{ url }` alone answers URL mode with a module, sees the
 * completion notification, and refuses form mode.
 */
const ERRORS = { v1: '@modelcontextprotocol/sdk/types.js', v2: '@modelcontextprotocol/client' } as const;

const testFile = (sdk: 'v1' | 'v2') => `
  const { UrlElicitationRequiredError } = require('${ERRORS[sdk]}');

  test('URL mode: server-everything\\'s trigger-url-elicitation is answered by the url responder', async () => {
    const c = mcpClients.every;
    expect(await c.listTools()).toHaveTool('trigger-url-elicitation');
    const result = await c.callTool({ name: 'trigger-url-elicitation', arguments: { url: 'https://example.com/consent', elicitationId: 'e-1' } });
    expect(result).toHaveTextContent('User completed the URL elicitation flow');
    const asked = await c.received.waitForRequest('elicitation/create', { where: (r) => r.params.mode === 'url' });
    expect(asked.params).toMatchObject({ mode: 'url', url: 'https://example.com/consent', elicitationId: 'e-1' });
  });

  test('form mode on the same client is answered by the form responder', async () => {
    const result = await mcpClients.every.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(result).toHaveTextContent('Ada Form');
  });

  test('the -32042 error path reaches the test as the SDK\\'s URL-elicitation error', async () => {
    const call = mcpClients.every.callTool({ name: 'trigger-url-elicitation', arguments: { url: 'https://example.com/x', errorPath: true } });
    const error = await call.catch((e) => e);
    expect(error).toBeInstanceOf(UrlElicitationRequiredError);
    expect(error.code).toBe(-32042);
    expect(error.elicitations[0]).toMatchObject({ mode: 'url', url: 'https://modelcontextprotocol.io' });
  });

  test('a responder alone is form mode only, as before', async () => {
    const tools = await mcpClients.formonly.listTools();
    expect(tools).toHaveTool('trigger-elicitation-request');
    expect(tools).not.toHaveTool('trigger-url-elicitation');
  });

  test('URL mode alone: a module answers, and the completion arrives as a notification', async () => {
    const c = mcpClients.urlonly;
    const result = await c.callTool({ name: 'url-then-complete', arguments: {} });
    expect(result).toHaveTextContent('url elicitation: accept');
    const done = await c.received.waitForNotification('notifications/elicitation/complete');
    expect(done.params).toEqual({ elicitationId: 'elic-42' });
    expect(c.received.requests.map((r) => r.params.mode)).toEqual(['url']);
  });

  test('URL mode alone refuses a form-mode request', async () => {
    const result = await mcpClients.urlonly.callTool({ name: 'form-elicit', arguments: {} });
    expect(result).toHaveTextContent(/^form elicitation failed: .*form/i);
  });
`;

const URL_MODULE = `
  // Accepts only the URL the fixture sends, so a wrong routing of params shows.
  module.exports = (params, { client }) =>
    params.mode === 'url' && params.url.startsWith('https://auth.example.com/') && client === 'urlonly'
      ? { action: 'accept' }
      : { action: 'decline' };
`;

let runs: Record<string, SdkRun>;

beforeAll(async () => {
  runs = await runOnBothSdks((sdk) => {
    const project = createProject({ 'modes.test.js': testFile(sdk), 'url.js': URL_MODULE });
    const m = project.marker;
    const form = { response: { action: 'accept', content: { name: 'Ada Form', check: true, email: 'ada@example.com' } } };
    project.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          sdk,
          clients: {
            every: { ...node(EVERYTHING, 'stdio', `${m}-every`), elicitation: { form, url: { response: { action: 'accept' } } } },
            formonly: { ...node(EVERYTHING, 'stdio', `${m}-formonly`), elicitation: form },
            urlonly: { ...node(CLIENT_REQUESTS, m), elicitation: { url: { module: './url.js' } } },
          },
        },
      },
    });
    return project;
  });
});

afterAll(() => Object.values(runs).forEach(({ project }) => project.remove()));

test.each(['v1', 'v2'])('SDK %s: every elicitation-mode scenario passes', (sdk) => {
  expect(runs[sdk].run.output).toMatch(/Tests:\s+6 passed, 6 total/);
  expect(runs[sdk].run.code).toBe(0);
});

test.each(['v1', 'v2'])('SDK %s: Jest exits by itself and leaves no server behind', (sdk) => {
  expectCleanExit(runs[sdk].run);
  expectNoLeftovers(runs[sdk].project);
});
