import { assertMcpOptions } from '../../src/config/validate';
import { clientCapabilities } from '../../src/sdk/capabilities';
import { withSchemaDefaults } from '../../src/session/elicitation-defaults';
import { answersFor, elicitationModes } from '../../src/session/handlers';
import type { ClientSpec } from '../../src/config/specs';

/**
 * `elicitation: { form: { applyDefaults: true, ... } }` (MCP 2025-11-25, SEP-1034): the option
 * is checked, declared as `elicitation.form.applyDefaults`, and the schema's defaults are filled
 * into accepted answers for the fields the responder left out, never over what it gave.
 */

// The schema of the official conformance scenario elicitation-sep1034-client-defaults.
const PARAMS = {
  message: 'please accept with defaults',
  requestedSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', default: 'John Doe' },
      age: { type: 'integer', default: 30 },
      score: { type: 'number', default: 95.5 },
      status: { type: 'string', enum: ['active', 'inactive', 'pending'], default: 'active' },
      verified: { type: 'boolean', default: true },
      note: { type: 'string' },
    },
  },
};

test('fills every default the answer lacks; keeps what the responder gave, even null, false or empty', () => {
  expect(withSchemaDefaults({ action: 'accept', content: {} }, PARAMS)).toEqual({
    action: 'accept',
    content: { name: 'John Doe', age: 30, score: 95.5, status: 'active', verified: true },
  });
  expect(withSchemaDefaults({ action: 'accept' }, PARAMS)).toEqual({
    action: 'accept',
    content: { name: 'John Doe', age: 30, score: 95.5, status: 'active', verified: true },
  });
  expect(
    withSchemaDefaults(
      { action: 'accept', content: { name: '', age: null, verified: false, note: 'x', extra: 1 }, _meta: { a: 1 } },
      PARAMS,
    ),
  ).toEqual({
    action: 'accept',
    content: { name: '', age: null, verified: false, note: 'x', extra: 1, score: 95.5, status: 'active' },
    _meta: { a: 1 },
  });
});

test('leaves declined, cancelled, URL-mode and malformed answers alone, and never changes the static answer', () => {
  const declined = { action: 'decline' };
  expect(withSchemaDefaults(declined, PARAMS)).toBe(declined);
  expect(withSchemaDefaults({ action: 'cancel' }, PARAMS)).toEqual({ action: 'cancel' });
  const url = { action: 'accept' };
  expect(withSchemaDefaults(url, { mode: 'url', url: 'https://example.com', elicitationId: '1' })).toBe(url);
  expect(withSchemaDefaults({ action: 'accept', content: 'text' }, PARAMS)).toEqual({ action: 'accept', content: 'text' });
  expect(withSchemaDefaults({ action: 'accept', content: {} }, { requestedSchema: { type: 'object' } })).toEqual({
    action: 'accept',
    content: {},
  });
  expect(withSchemaDefaults(undefined, PARAMS)).toBeUndefined();
  const shared = { action: 'accept', content: { name: 'Ada' } };
  withSchemaDefaults(shared, PARAMS);
  expect(shared).toEqual({ action: 'accept', content: { name: 'Ada' } });
});

test('the responder fills defaults only with applyDefaults, and the capability says so', async () => {
  const spec = (elicitation: object) => ({ name: 'a', where: 'mcp.clients.a', kind: 'stdio', elicitation }) as unknown as ClientSpec;
  const response = { action: 'accept', content: { name: 'Ada' } };
  const filling = answersFor(spec({ form: { applyDefaults: true, response } }), '/');
  expect(await filling.elicitation!(PARAMS)).toEqual({
    action: 'accept',
    content: { name: 'Ada', age: 30, score: 95.5, status: 'active', verified: true },
  });
  expect(clientCapabilities(filling)).toEqual({ elicitation: { form: { applyDefaults: true } } });

  const plain = answersFor(spec({ form: { response }, url: { response: { action: 'accept' } } }), '/');
  expect(await plain.elicitation!(PARAMS)).toEqual(response);
  expect(clientCapabilities(plain)).toEqual({ elicitation: { form: {}, url: {} } });
  expect(elicitationModes({ form: { applyDefaults: false, module: 'f.js' } }).form).toEqual({ applyDefaults: false, module: 'f.js' });
});

test('config: applyDefaults belongs to form mode and is a boolean; a responder is still needed', () => {
  const problems = (elicitation: unknown) => {
    try {
      assertMcpOptions({ clients: { a: { command: 'node', elicitation } } });
      return [];
    } catch (error) {
      return (error as Error).message.split('\n').slice(1);
    }
  };
  const M = 'testEnvironmentOptions.mcp.clients.a.elicitation';
  const RESPONDER = 'expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function)';
  expect(problems({ form: { applyDefaults: true, response: { action: 'accept' } } })).toEqual([]);
  expect(problems({ form: { applyDefaults: false, module: './f.js' }, url: { module: './u.js' } })).toEqual([]);
  expect(problems({ form: { applyDefaults: 'yes', response: {} } })).toEqual([
    `  - ${M}.form.applyDefaults: expected true (declare elicitation.form.applyDefaults and fill the schema's defaults into accepted answers) or false, got string "yes"`,
  ]);
  expect(problems({ form: { applyDefaults: true } })).toEqual([`  - ${M}.form: ${RESPONDER}, got keys (none)`]);
  expect(problems({ url: { applyDefaults: true, response: {} } })).toEqual([
    `  - ${M}.url: ${RESPONDER}, got keys applyDefaults, response`,
  ]);
  expect(problems({ form: { applyDefault: true, response: {} } })).toEqual([
    `  - ${M}.form: ${RESPONDER}, with applyDefaults: true to fill the schema's defaults, got keys applyDefault, response`,
  ]);
});
