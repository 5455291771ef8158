import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CLIENT_REQUESTS, node } from '../helpers/fixtures';
import { runOnBothSdks, type SdkRun } from '../helpers/per-sdk';
import { createProject } from '../helpers/project';

/**
 * Sampling with tools (MCP 2025-11-25) from config, on SDK 1.x and 2.x: `sampling.tools: true`
 * declares `sampling.tools`, a module responder gets the request's `tools` and `toolChoice` and
 * answers with `tool_use`, a static response can be `tool_use` too, and a client without
 * `tools` is not sent any.
 */
const TEST_FILE = `
  test('a module responder gets the tools and answers with tool_use', async () => {
    const c = mcpClients.module;
    const answer = JSON.parse((await c.callTool({ name: 'sample-with-tools', arguments: {} })).content[0].text);
    expect(answer).toMatchObject({ role: 'assistant', stopReason: 'toolUse', model: 'fake-llm' });
    expect(answer.content).toEqual([{ type: 'tool_use', id: 'call-1', name: 'get_weather', input: { city: 'Paris' } }]);
    const asked = await c.received.waitForRequest('sampling/createMessage');
    expect(asked.params.tools.map((t) => t.name)).toEqual(['get_weather']);
    expect(asked.params.toolChoice).toEqual({ mode: 'auto' });
  });

  test('a static response can be tool_use', async () => {
    const answer = JSON.parse((await mcpClients.fixed.callTool({ name: 'sample-with-tools', arguments: {} })).content[0].text);
    expect(answer.content).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } });
  });

  test('without tools: true the client does not declare sampling.tools', async () => {
    expect(await mcpClients.plain.callTool({ name: 'sample-with-tools', arguments: {} })).toHaveTextContent('client does not declare sampling.tools');
  });
`;

const SAMPLE_MODULE = `
  // Plays a model that calls the first tool it is offered, with an argument from the prompt.
  module.exports = (params) => {
    const tool = params.tools && params.tools[0];
    if (!tool || (params.toolChoice && params.toolChoice.mode === 'none')) {
      return { role: 'assistant', model: 'fake-llm', content: { type: 'text', text: 'no tools offered' } };
    }
    const city = /in (\\w+)/.exec(params.messages[0].content.text)[1];
    return { role: 'assistant', model: 'fake-llm', stopReason: 'toolUse', content: [{ type: 'tool_use', id: 'call-1', name: tool.name, input: { city } }] };
  };
`;

let runs: Record<string, SdkRun>;

beforeAll(async () => {
  runs = await runOnBothSdks((sdk) => {
    const project = createProject({ 'sampling.test.js': TEST_FILE, 'sample.js': SAMPLE_MODULE });
    const m = project.marker;
    const toolUse = { type: 'tool_use', id: 'c-9', name: 'get_weather', input: { city: 'Oslo' } };
    project.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          sdk,
          clients: {
            module: { ...node(CLIENT_REQUESTS, m), sampling: { tools: true, module: './sample.js' } },
            fixed: {
              ...node(CLIENT_REQUESTS, m),
              sampling: { tools: true, response: { role: 'assistant', model: 'fixed', stopReason: 'toolUse', content: toolUse } },
            },
            plain: {
              ...node(CLIENT_REQUESTS, m),
              sampling: { response: { role: 'assistant', model: 'fixed', content: { type: 'text', text: 'hi' } } },
            },
          },
        },
      },
    });
    return project;
  });
});

afterAll(() => Object.values(runs).forEach(({ project }) => project.remove()));

test.each(['v1', 'v2'])('SDK %s: every sampling-with-tools scenario passes', (sdk) => {
  expect(runs[sdk].run.output).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(runs[sdk].run.code).toBe(0);
});

test.each(['v1', 'v2'])('SDK %s: Jest exits by itself and leaves no server behind', (sdk) => {
  expectCleanExit(runs[sdk].run);
  expectNoLeftovers(runs[sdk].project);
});
