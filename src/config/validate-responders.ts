import { Problems, type Raw, isPlainObject, keysOf, kindOf } from './problems';
import type { McpElicitationModes, McpFormElicitationOptions, McpResponder, McpSamplingOptions } from './types';

/**
 * Checks the answers a client gives to a server's requests: `sampling` (a responder, `tools?`)
 * and `elicitation` (a responder for form mode, or one per mode: `{ form?, url? }`). The key lists
 * are held to the public types like the rest of validation.
 */

const RESPONDER_KINDS = keysOf<McpResponder>()({ response: true, module: true });
const SAMPLING_KEYS = keysOf<McpSamplingOptions>()({ response: true, module: true, tools: true });
const ELICITATION_MODES = keysOf<McpElicitationModes>()({ form: true, url: true });
const FORM_KEYS = keysOf<McpFormElicitationOptions>()({ response: true, module: true, applyDefaults: true });

const RESPONDER = 'expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function)';

/** `{ response }` or `{ module }`, and nothing of `allowedExtra` checked here. */
function responderKind(p: Problems, where: string, value: Raw, allowedExtra: readonly string[] = []): void {
  const kinds = Object.keys(value).filter((k) => !allowedExtra.includes(k));
  if (kinds.length !== 1 || !RESPONDER_KINDS.includes(kinds[0])) {
    return p.add(where, `${RESPONDER}, got keys ${kinds.join(', ') || '(none)'}`);
  }
  if (kinds[0] === 'response' && !isPlainObject(value.response))
    p.add(`${where}.response`, `expected an object, got ${kindOf(value.response)}`);
  if (kinds[0] === 'module') p.string(`${where}.module`, value.module);
}

export function sampling(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  const expected = `${RESPONDER}, with tools: true to declare sampling.tools`;
  if (!isPlainObject(value)) return p.add(where, `${expected}, got ${kindOf(value)}`);
  const unknown = Object.keys(value).filter((k) => !SAMPLING_KEYS.includes(k));
  if (unknown.length) return p.add(where, `${expected}, got keys ${Object.keys(value).join(', ')}`);
  responderKind(p, where, value, ['tools']);
  if (value.tools !== undefined && typeof value.tools !== 'boolean') {
    p.add(`${where}.tools`, `expected true (the client accepts tools in sampling requests) or false, got ${kindOf(value.tools)}`);
  }
}

export function elicitation(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  const expected =
    'expected a responder for form mode ({ response: {...} } or { module: "path" }), ' +
    'or one per mode the client supports: { form?: responder, url?: responder }';
  if (!isPlainObject(value)) return p.add(where, `${expected}, got ${kindOf(value)}`);
  const keys = Object.keys(value);
  const kinds = keys.filter((k) => RESPONDER_KINDS.includes(k));
  const modes = keys.filter((k) => ELICITATION_MODES.includes(k));
  if (kinds.length && modes.length) {
    return p.add(where, `mixes a responder (${kinds.join(', ')}) with modes (${modes.join(', ')}); put the responder under \`form\``);
  }
  if (kinds.length) return responderKind(p, where, value);
  if (!modes.length || modes.length !== keys.length) return p.add(where, `${expected}, got keys ${keys.join(', ') || '(none)'}`);
  for (const mode of modes) {
    const given = value[mode];
    if (!isPlainObject(given)) p.add(`${where}.${mode}`, `${RESPONDER}, got ${kindOf(given)}`);
    else if (mode === 'form') formResponder(p, `${where}.form`, given);
    else responderKind(p, `${where}.${mode}`, given);
  }
}

function formResponder(p: Problems, where: string, value: Raw): void {
  const unknown = Object.keys(value).filter((k) => !FORM_KEYS.includes(k));
  if (unknown.length)
    return p.add(where, `${RESPONDER}, with applyDefaults: true to fill the schema's defaults, got keys ${Object.keys(value).join(', ')}`);
  responderKind(p, where, value, ['applyDefaults']);
  if (value.applyDefaults !== undefined && typeof value.applyDefaults !== 'boolean') {
    p.add(
      `${where}.applyDefaults`,
      `expected true (declare elicitation.form.applyDefaults and fill the schema's defaults into accepted answers) or false, got ${kindOf(value.applyDefaults)}`,
    );
  }
}
