import { assertMcpOptions } from '../../src/config/validate';
import { clientCapabilities } from '../../src/sdk/capabilities';
import { atLeast, requireV1Feature } from '../../src/sdk/v1-features';
import { elicitationModes } from '../../src/session/handlers';

/**
 * The answers a client gives to a server's requests (MCP 2025-11-25): elicitation per mode and
 * sampling with tools in config, the exact messages for mistakes, the capabilities each declares,
 * and the 1.x version a feature needs.
 */

const M = 'testEnvironmentOptions.mcp.clients.a';
const FORM = { response: { action: 'accept', content: { name: 'Ada' } } };

function problemsOf(client: Record<string, unknown>): string[] {
  try {
    assertMcpOptions({ clients: { a: { command: 'node', ...client } } });
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
  return [];
}

test('valid: the old responder, per-mode responders, sampling with tools', () => {
  expect(problemsOf({ elicitation: FORM })).toEqual([]);
  expect(problemsOf({ elicitation: { module: './e.js' } })).toEqual([]);
  expect(problemsOf({ elicitation: { form: FORM, url: { response: { action: 'accept' } } } })).toEqual([]);
  expect(problemsOf({ elicitation: { url: { module: './url.js' } } })).toEqual([]);
  expect(problemsOf({ sampling: { tools: true, module: './s.js' } })).toEqual([]);
  expect(problemsOf({ sampling: { tools: false, response: { role: 'assistant' } } })).toEqual([]);
});

test('elicitation: mixing a responder with modes, unknown modes, empty, bad responders', () => {
  expect(problemsOf({ elicitation: { response: {}, url: { response: {} } } })).toEqual([
    `${M}.elicitation: mixes a responder (response) with modes (url); put the responder under \`form\``,
  ]);
  const expected =
    'expected a responder for form mode ({ response: {...} } or { module: "path" }), or one per mode the client supports: { form?: responder, url?: responder }';
  expect(problemsOf({ elicitation: { url: FORM, browser: FORM } })).toEqual([`${M}.elicitation: ${expected}, got keys url, browser`]);
  expect(problemsOf({ elicitation: {} })).toEqual([`${M}.elicitation: ${expected}, got keys (none)`]);
  expect(problemsOf({ elicitation: 'accept' })).toEqual([`${M}.elicitation: ${expected}, got string "accept"`]);
  expect(problemsOf({ elicitation: { url: true, form: { response: 'yes' } } })).toEqual([
    `${M}.elicitation.url: expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function), got boolean true`,
    `${M}.elicitation.form.response: expected an object, got string "yes"`,
  ]);
  expect(problemsOf({ elicitation: { url: { response: {}, module: './x.js' } } })).toEqual([
    `${M}.elicitation.url: expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function), got keys response, module`,
  ]);
});

test('sampling: tools must be a boolean, and a responder is still needed', () => {
  expect(problemsOf({ sampling: { tools: 'yes', response: {} } })).toEqual([
    `${M}.sampling.tools: expected true (the client accepts tools in sampling requests) or false, got string "yes"`,
  ]);
  expect(problemsOf({ sampling: { tools: true } })).toEqual([
    `${M}.sampling: expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function), got keys (none)`,
  ]);
  expect(problemsOf({ sampling: { tools: true, toolChoice: 'auto', response: {} } })).toEqual([
    `${M}.sampling: expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function), with tools: true to declare sampling.tools, got keys tools, toolChoice, response`,
  ]);
});

test('the responders per elicitation mode: a responder alone is form mode, undeclared', () => {
  expect(elicitationModes(FORM)).toEqual({ form: FORM, declared: false });
  expect(elicitationModes({ url: { module: 'u.js' } })).toEqual({ form: undefined, url: { module: 'u.js' }, declared: true });
});

test('capabilities: elicitation {} without modes, each mode given; sampling.tools', () => {
  const answer = async () => ({});
  expect(clientCapabilities({ elicitation: answer })).toEqual({ elicitation: {} });
  expect(clientCapabilities({ elicitation: answer, elicitationModes: ['form', 'url'] })).toEqual({ elicitation: { form: {}, url: {} } });
  expect(clientCapabilities({ elicitation: answer, elicitationModes: ['url'] })).toEqual({ elicitation: { url: {} } });
  expect(clientCapabilities({ sampling: answer })).toEqual({ sampling: {} });
  expect(clientCapabilities({ sampling: answer, samplingTools: true, roots: () => [] })).toEqual({
    sampling: { tools: {} },
    roots: { listChanged: true },
  });
});

test('1.x versions: tool_use sampling answers need 1.26.0', () => {
  expect(atLeast('1.26.0', '1.26.0')).toBe(true);
  expect(atLeast('1.32.2', '1.26.0')).toBe(true);
  expect(atLeast('1.25.3', '1.26.0')).toBe(false);
  expect(atLeast('2.0.0-beta.1', '1.26.0')).toBe(true);
  expect(() => requireV1Feature('samplingTools', '1.26.1')).not.toThrow();
  expect(() => requireV1Feature('samplingTools', '1.24.0')).toThrow(
    'sampling with tools (a tool_use answer) needs @modelcontextprotocol/sdk 1.26.0 or later, and 1.24.0 is installed: ' +
      "npm install --save-dev @modelcontextprotocol/sdk@^1.26.0, or leave out sampling.tools in the client's config",
  );
  // The installed one (1.32.2 here) is read from its package.json.
  expect(() => requireV1Feature('samplingTools')).not.toThrow();
});
