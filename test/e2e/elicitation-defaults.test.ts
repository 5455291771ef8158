import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CLIENT_REQUESTS, V2_SERVER, node } from '../helpers/fixtures';
import { runOnBothSdks, type SdkRun } from '../helpers/per-sdk';
import { createProject } from '../helpers/project';

/**
 * `elicitation: { form: { applyDefaults: true, ... } }` (MCP 2025-11-25, SEP-1034) on SDK 1.x and
 * 2.x: the server sees `elicitation.form.applyDefaults` declared and gets the schema's defaults
 * for every field the responder left out, never over what it gave; a client without the option
 * declares nothing and answers exactly what its responder says. On 2.x also in the 2026-07-28
 * era, where the form arrives inside a result (input_required) and is answered on the retry.
 */

const testFile = (sdk: 'v1' | 'v2') => `
  const answerOf = (result) => JSON.parse(result.content[0].text);

  test('applyDefaults: declared, and the left-out fields get their defaults', async () => {
    const answer = answerOf(await mcpClients.filling.callTool({ name: 'form-defaults', arguments: {} }));
    expect(answer).toEqual({ applyDefaults: true, action: 'accept', content: { name: 'Ada', age: 30, status: 'active', verified: false } });
  });

  test('a module responder gets the params, and its answer is filled the same way', async () => {
    const answer = answerOf(await mcpClients.module.callTool({ name: 'form-defaults', arguments: {} }));
    expect(answer).toEqual({ applyDefaults: true, action: 'accept', content: { name: 'John Doe', age: 41, status: 'active', verified: true } });
  });

  test('without applyDefaults nothing is declared or filled', async () => {
    const answer = answerOf(await mcpClients.plain.callTool({ name: 'form-defaults', arguments: {} }));
    expect(answer).toEqual({ applyDefaults: null, action: 'accept', content: { name: 'Ada', verified: false } });
  });

  ${
    sdk === 'v2'
      ? `test('2026-07-28: the form inside a result is answered with the defaults filled', async () => {
    const answer = answerOf(await mcpClients.modern.callTool({ name: 'ask-defaults', arguments: {} }));
    expect(answer).toEqual({ action: 'accept', content: { name: 'Ada', age: 30, verified: false } });
  });`
      : ''
  }
`;

const MODULE = `
  // Answers only the age, from the schema it was given: the rest must come from the defaults.
  module.exports = (params) => ({ action: 'accept', content: { age: params.requestedSchema.properties.age.default + 11 } });
`;

let runs: Record<string, SdkRun>;

beforeAll(async () => {
  runs = await runOnBothSdks((sdk) => {
    const project = createProject({ 'defaults.test.js': testFile(sdk), 'answer.js': MODULE });
    const m = project.marker;
    // The user's own answer: a name and an explicit false, which a default must never replace.
    const response = { action: 'accept', content: { name: 'Ada', verified: false } };
    const clients: Record<string, object> = {
      filling: { ...node(CLIENT_REQUESTS, `${m}-filling`), elicitation: { form: { applyDefaults: true, response } } },
      module: { ...node(CLIENT_REQUESTS, `${m}-module`), elicitation: { form: { applyDefaults: true, module: './answer.js' } } },
      plain: { ...node(CLIENT_REQUESTS, `${m}-plain`), elicitation: { form: { response } } },
    };
    if (sdk === 'v2')
      clients.modern = {
        ...node(V2_SERVER, 'stdio', '--tag', 'modern', m),
        protocol: '2026-07-28',
        elicitation: { form: { applyDefaults: true, response } },
      };
    project.writeConfig({ preset: 'jest-mcp', testEnvironmentOptions: { mcp: { sdk, clients } } });
    return project;
  });
});

afterAll(() => Object.values(runs).forEach(({ project }) => project.remove()));

test.each([
  ['v1', 3],
  ['v2', 4],
])('SDK %s: every applyDefaults scenario passes', (sdk, count) => {
  expect(runs[sdk].run.output).toMatch(new RegExp(`Tests:\\s+${count} passed, ${count} total`));
  expect(runs[sdk].run.code).toBe(0);
});

test.each(['v1', 'v2'])('SDK %s: Jest exits by itself and leaves no server behind', (sdk) => {
  expectCleanExit(runs[sdk].run);
  expectNoLeftovers(runs[sdk].project);
});
