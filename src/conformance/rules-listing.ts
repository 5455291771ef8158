import type { Listed, Problems } from './types';
import { brief, isObject } from './show';

/**
 * Rules over what a server declares and lists, pure: the handshake, capabilities and the
 * listed items' fields. Each returns the problems found (none: the server conforms). The
 * revision they follow is 2025-11-25 (its schema.ts), which the 2026-07-28 era keeps for these fields.
 */

export type SchemaCompiler = (schema: unknown) => string | undefined;

export function serverInfo(version: unknown): Problems {
  if (!isObject(version)) return [`serverInfo is missing (server sent ${brief(version)})`];
  const problems: Problems = [];
  if (typeof version.name !== 'string' || version.name === '')
    problems.push(`serverInfo.name must be a non-empty string, got ${brief(version.name)}`);
  if (typeof version.version !== 'string' || version.version === '')
    problems.push(`serverInfo.version must be a non-empty string, got ${brief(version.version)}`);
  return problems;
}

/** Undefined `negotiated`: the SDK does not say (1.x refuses to connect on an unknown version anyway). */
export function protocolVersion(negotiated: unknown, known: readonly string[]): Problems {
  if (negotiated === undefined) return [];
  return typeof negotiated === 'string' && known.includes(negotiated)
    ? []
    : [`protocol version ${brief(negotiated)} is not one the client knows (${known.join(', ')})`];
}

export function capabilitiesShape(capabilities: unknown): Problems {
  if (!isObject(capabilities) || Array.isArray(capabilities)) return [`capabilities must be an object, got ${brief(capabilities)}`];
  const problems: Problems = [];
  for (const [name, value] of Object.entries(capabilities)) {
    if (!isObject(value) || Array.isArray(value)) problems.push(`capabilities.${name} must be an object, got ${brief(value)}`);
  }
  return problems;
}

/** listChanged (tools, resources, prompts) and subscribe (resources) are booleans where present. */
export function capabilityFlags(capabilities: unknown): Problems {
  if (!isObject(capabilities)) return [];
  const problems: Problems = [];
  for (const [name, flags] of [
    ['tools', ['listChanged']],
    ['resources', ['listChanged', 'subscribe']],
    ['prompts', ['listChanged']],
  ] as const) {
    const declared = capabilities[name];
    if (!isObject(declared)) continue;
    for (const flag of flags) {
      if (flag in declared && typeof declared[flag] !== 'boolean')
        problems.push(`capabilities.${name}.${flag} must be a boolean, got ${brief(declared[flag])}`);
    }
  }
  return problems;
}

export function instructions(value: unknown): Problems {
  return value === undefined || typeof value === 'string' ? [] : [`instructions must be a string, got ${brief(value)}`];
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export function toolName(name: unknown): Problems {
  if (typeof name !== 'string') return [`the name must be a string, got ${brief(name)}`];
  if (TOOL_NAME.test(name)) return [];
  if (name.length === 0 || name.length > 128) return [`the name is ${name.length} characters long; 1 to 128 are allowed`];
  const bad = [...new Set(name.replace(/[A-Za-z0-9_.-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
  return [`the name ${JSON.stringify(name)} has characters outside A-Z a-z 0-9 _ - . : ${bad}`];
}

/** Names (or uris) listed more than once. */
export function duplicates(values: unknown[]): Problems {
  const seen = new Set<unknown>();
  const twice = new Set<unknown>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return twice.size ? [`listed more than once: ${[...twice].map((v) => brief(v)).join(', ')}`] : [];
}

/** inputSchema (required) or outputSchema (optional): a JSON Schema with type "object" that compiles. */
export function objectSchema(tool: Listed, field: 'inputSchema' | 'outputSchema', compile: SchemaCompiler): Problems {
  const schema = tool[field];
  if (schema === undefined && field === 'outputSchema') return [];
  if (!isObject(schema) || Array.isArray(schema)) return [`${field} must be a JSON Schema object, got ${brief(schema)}`];
  const problems: Problems = [];
  if (schema.type !== 'object') problems.push(`${field}.type must be "object", got ${brief(schema.type)}`);
  const error = compile(schema);
  if (error) problems.push(`${field} is not a valid JSON Schema: ${error}`);
  return problems;
}

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];

export function annotations(tool: Listed): Problems {
  const value = tool.annotations;
  if (value === undefined) return [];
  if (!isObject(value) || Array.isArray(value)) return [`annotations must be an object, got ${brief(value)}`];
  const problems: Problems = [];
  for (const hint of HINTS) {
    if (hint in value && typeof value[hint] !== 'boolean')
      problems.push(`annotations.${hint} must be a boolean, got ${brief(value[hint])}`);
  }
  if ('title' in value && typeof value.title !== 'string') problems.push(`annotations.title must be a string, got ${brief(value.title)}`);
  return problems;
}

const SIZE = /^(any|\d+x\d+)$/;

/** Icons (2025-11-25): src an http(s) URL or a data: URI, mimeType a string, sizes like "48x48" or "any", theme light|dark. */
export function icons(owner: Listed): Problems {
  const value = owner.icons;
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`icons must be an array, got ${brief(value)}`];
  const problems: Problems = [];
  value.forEach((icon: unknown, i) => {
    const at = `icons[${i}]`;
    if (!isObject(icon)) return void problems.push(`${at} must be an object, got ${brief(icon)}`);
    if (typeof icon.src !== 'string' || !/^(https?:\/\/[^\s]+|data:[^,]*,.*)$/s.test(icon.src))
      problems.push(`${at}.src must be an http(s) URL or a data: URI, got ${brief(icon.src)}`);
    if ('mimeType' in icon && typeof icon.mimeType !== 'string')
      problems.push(`${at}.mimeType must be a string, got ${brief(icon.mimeType)}`);
    if ('sizes' in icon && !(Array.isArray(icon.sizes) && icon.sizes.every((s: unknown) => typeof s === 'string' && SIZE.test(s))))
      problems.push(`${at}.sizes must be an array of strings like "48x48" or "any", got ${brief(icon.sizes)}`);
    if ('theme' in icon && icon.theme !== 'light' && icon.theme !== 'dark')
      problems.push(`${at}.theme must be "light" or "dark", got ${brief(icon.theme)}`);
  });
  return problems;
}

/**
 * A URI template (RFC 6570) as resources/templates/list gives it: balanced braces, each
 * expression a valid operator and variable list. Level 4 modifiers (`:3`, `*`) are allowed.
 */
export function uriTemplate(template: Listed): Problems {
  const value = template.uriTemplate;
  if (typeof value !== 'string' || value === '') return [`uriTemplate must be a non-empty string, got ${brief(value)}`];
  const outside = value.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(outside)) return [`uriTemplate ${JSON.stringify(value)} has unbalanced braces`];
  const expressions = [...value.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  const VARIABLE = /^([A-Za-z0-9_]|%[0-9A-Fa-f]{2})([A-Za-z0-9_.]|%[0-9A-Fa-f]{2})*(:[1-9]\d{0,3}|\*)?$/;
  const bad = expressions.filter(
    (e) =>
      !e
        .replace(/^[+#./;?&]/, '')
        .split(',')
        .every((v) => VARIABLE.test(v)),
  );
  return bad.length ? [`uriTemplate ${JSON.stringify(value)} has invalid expressions: ${bad.map((e) => `{${e}}`).join(', ')}`] : [];
}

/** A prompt that can be got without arguments: none of its arguments is required. */
export function needsNoArguments(prompt: Listed): boolean {
  const args = prompt.arguments;
  return !Array.isArray(args) || args.every((a: unknown) => !(isObject(a) && a.required === true));
}
