import { CONTRACT_MARK } from '../channels/keys';
import { isPlainObject } from '../util/objects';
/**
 * The contract of a server: what it offers, in a form that changes only when what it offers
 * changes. Lists become maps keyed by name (or URI), object keys are sorted, and inside JSON
 * Schemas what validation treats as a set is sorted too. What is positional stays as it is:
 * `enum` (its order is what a model or a form shows, and legacy `enumNames` pairs with it by
 * position), `prefixItems` and array `items`, `examples`, icons (a preference order).
 */

export interface McpContractOptions {
  /** `false` drops every description (of tools, resources, prompts, their arguments, and inside schemas), so rewording is no drift. Default true. */
  descriptions?: boolean;
}

type Json = unknown;
type Obj = Record<string, unknown>;

export interface McpContract {
  capabilities: Obj;
  tools: Record<string, Obj>;
  resources: Record<string, Obj>;
  resourceTemplates: Record<string, Obj>;
  prompts: Record<string, Obj>;
}

/** The lists a contract is made of: an `McpListings`, or anything with the same arrays. */
export interface ContractSource {
  tools: unknown[];
  resources: unknown[];
  resourceTemplates: unknown[];
  prompts: unknown[];
  capabilities?: unknown;
}

/** Sorted keys at every depth, undefined left out; arrays keep their order. */
function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isPlainObject(value)) return value;
  const out: Obj = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = canonical(value[key]);
  return out;
}

/** A stable text for a value, to sort sets of values (schemas of `anyOf`, `type` names). */
function keyOf(value: Json): string {
  return JSON.stringify(canonical(value)) ?? 'undefined';
}

function sortedSet(values: unknown[]): unknown[] {
  return [...values].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a list of schemas that validation treats as a set. */
const SCHEMA_SET_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf']);

/**
 * A JSON Schema, normalised by what its keywords mean: a property named `required` or
 * `description` is a property, and a `default` holding `{ description }` is data, kept whole.
 */
export function normalizeSchema(schema: Json, options: McpContractOptions): Json {
  if (!isPlainObject(schema)) return canonical(schema); // `true`, `false`, or something that is no schema
  const out: Obj = {};
  for (const key of Object.keys(schema).sort()) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'description' && options.descriptions === false) continue;
    if (SCHEMA_KEYWORDS.has(key)) out[key] = normalizeSchema(value, options);
    else if (SCHEMA_MAP_KEYWORDS.has(key) && isPlainObject(value)) out[key] = mapValues(value, (s) => normalizeSchema(s, options));
    else if (SCHEMA_SET_KEYWORDS.has(key) && Array.isArray(value)) out[key] = sortedSet(value.map((s) => normalizeSchema(s, options)));
    else if ((key === 'items' || key === 'prefixItems') && Array.isArray(value)) out[key] = value.map((s) => normalizeSchema(s, options));
    else if (key === 'items') out[key] = normalizeSchema(value, options);
    else if ((key === 'required' || key === 'type') && Array.isArray(value)) out[key] = sortedSet(value);
    else if (key === 'dependentRequired' && isPlainObject(value))
      out[key] = mapValues(value, (v) => (Array.isArray(v) ? sortedSet(v) : canonical(v)));
    else out[key] = canonical(value);
  }
  return out;
}

function mapValues(value: Obj, fn: (v: unknown) => unknown): Obj {
  const out: Obj = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = fn(value[key]);
  return out;
}

/**
 * `_meta` becomes its sorted key names (`metaKeys`), except the MCP Apps part (`_meta.ui`, and the
 * deprecated `_meta["ui/resourceUri"]`), which is contract: which UI a tool opens, what a UI may
 * load. Kept out of a key named `_meta`, whose values the snapshot serializer hides.
 */
function splitMeta(meta: unknown): Obj {
  if (!isPlainObject(meta)) return {};
  const out: Obj = {};
  const keys = Object.keys(meta).sort();
  const ui: Obj = isPlainObject(meta.ui) ? { ...meta.ui } : {};
  if (typeof meta['ui/resourceUri'] === 'string' && ui.resourceUri === undefined) ui.resourceUri = meta['ui/resourceUri'];
  if (Object.keys(ui).length) out.ui = canonical(ui);
  if (keys.length) out.metaKeys = keys;
  return out;
}

/** One listed item without its key field; schemas normalised, `_meta` split, descriptions dropped if asked. */
function entry(item: Obj, keyField: string, options: McpContractOptions, schemaFields: string[] = []): Obj {
  const out: Obj = {};
  for (const key of Object.keys(item).sort()) {
    const value = item[key];
    if (key === keyField || value === undefined) continue;
    if (key === 'description' && options.descriptions === false) continue;
    if (key === '_meta') Object.assign(out, splitMeta(value));
    else if (schemaFields.includes(key)) out[key] = normalizeSchema(value, options);
    else if (key === 'arguments' && Array.isArray(value)) out[key] = promptArguments(value, options);
    else out[key] = canonical(value);
  }
  return canonical(out) as Obj;
}

/** Prompt arguments by name: callers pass them by name, so their order is no contract. */
function promptArguments(args: unknown[], options: McpContractOptions): Obj {
  const out: Obj = {};
  for (const arg of args) {
    if (!isPlainObject(arg) || typeof arg.name !== 'string') continue;
    out[arg.name] = entry(arg, 'name', options);
  }
  return canonical(out) as Obj;
}

/**
 * A list as a map from each item's key to the rest of it. Two items under one key (a server
 * listing a name twice) stay visible as a list under that key rather than one hiding the other.
 */
function byKey(items: unknown[], keyField: string, options: McpContractOptions, schemaFields?: string[]): Record<string, Obj> {
  const groups = new Map<string, Obj[]>();
  for (const item of items) {
    if (!isPlainObject(item)) continue;
    const key = String(item[keyField]);
    groups.set(key, [...(groups.get(key) ?? []), entry(item, keyField, options, schemaFields)]);
  }
  const out: Record<string, Obj> = {};
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    out[key] = group.length === 1 ? group[0] : { duplicates: sortedSet(group) };
  }
  return out;
}

/** Listed resources' `size` follows their content, not the contract. */
function withoutSize(items: unknown[]): unknown[] {
  return items.map((item) => {
    if (!isPlainObject(item) || !('size' in item)) return item;
    const rest = { ...item };
    delete rest.size;
    return rest;
  });
}

/**
 * Marks a contract for the snapshot serializer (a registered symbol: the same in every realm).
 * In a contract, keys are names a server chose (a tool's `cursor` or `password` argument), not
 * places where session values sit, so the serializer scrubs its strings but not by key name.
 */
export { CONTRACT_MARK };

export function contractOf(source: ContractSource, options: McpContractOptions = {}): McpContract {
  const contract: McpContract = {
    capabilities: canonical(isPlainObject(source.capabilities) ? source.capabilities : {}) as Obj,
    // `?? []`: lists put together by hand may leave one out.
    tools: byKey(source.tools ?? [], 'name', options, ['inputSchema', 'outputSchema']),
    resources: byKey(withoutSize(source.resources ?? []), 'uri', options),
    resourceTemplates: byKey(source.resourceTemplates ?? [], 'uriTemplate', options),
    prompts: byKey(source.prompts ?? [], 'name', options),
  };
  Object.defineProperty(contract, CONTRACT_MARK, { value: true });
  return contract;
}
