import type { SchemaCheck } from '../sdk';
import { safeArguments, wrongArguments } from './calls';
import * as answers from './rules-answers';
import * as listing from './rules-listing';
import { isObject } from './show';
import type { Check, Listed } from './types';
import { type RawClient, rawRequest } from './wire';
import { httpChecks, type HttpView } from './plan-http';

/**
 * Turns what a server declared into the list of checks, at collection time: one check per rule
 * and item, or a skipped one saying why it does not apply. Listing checks are pure; the others
 * make their requests when their test runs, never here.
 */

export interface ListedServer {
  tools: Listed[];
  resources: Listed[];
  resourceTemplates: Listed[];
  prompts: Listed[];
  capabilities: Record<string, unknown>;
  /** Lists that could not be read whole at setup, with why. */
  errors?: Partial<Record<string, string>>;
}

export interface ServerView {
  listed: ListedServer;
  serverVersion: unknown;
  instructions: unknown;
  /** Undefined: the SDK does not say. */
  negotiatedVersion: string | undefined;
  knownVersions: readonly string[];
  client: RawClient;
  /** Undefined when the schema compiles, else why not. */
  compileSchema: listing.SchemaCompiler;
  checkSchema: (schema: unknown, value: unknown) => SchemaCheck;
  /** The server's HTTP side (undefined over stdio) and the run's test authorization servers. */
  http?: Pick<HttpView, 'target' | 'findAuthServer'>;
}

export interface Settings {
  readOnly: boolean;
  calls?: Record<string, Record<string, unknown>>;
  maxItems: number;
  maxPages: number;
  /** Per request, ms. */
  timeout: number;
}

const LISTS = [
  { capability: 'tools', method: 'tools/list', key: 'tools', id: (i: Listed) => i.name },
  { capability: 'resources', method: 'resources/list', key: 'resources', id: (i: Listed) => i.uri },
  { capability: 'resources', method: 'resources/templates/list', key: 'resourceTemplates', id: (i: Listed) => i.uriTemplate },
  { capability: 'prompts', method: 'prompts/list', key: 'prompts', id: (i: Listed) => i.name },
] as const;

const READ_ONLY = 'readOnly: true';

export function planChecks(view: ServerView, settings: Settings): Check[] {
  const { listed, client } = view;
  const caps = listed.capabilities;
  const ask = (method: string, params?: Record<string, unknown>) => rawRequest(client, method, params, settings.timeout);
  const declared = (name: string) => isObject(caps[name]);
  const notDeclared = (name: string) => `the server does not declare ${name}`;
  const checks: Check[] = [
    { rule: 'initialize/server-info', run: () => listing.serverInfo(view.serverVersion) },
    view.negotiatedVersion === undefined
      ? { rule: 'initialize/protocol-version', skipped: 'this SDK does not expose the negotiated version (it refuses unknown ones itself)' }
      : { rule: 'initialize/protocol-version', run: () => listing.protocolVersion(view.negotiatedVersion, view.knownVersions) },
    { rule: 'initialize/capabilities', run: () => listing.capabilitiesShape(caps) },
    view.instructions === undefined
      ? { rule: 'initialize/instructions', skipped: 'the server sends no instructions' }
      : { rule: 'initialize/instructions', run: () => listing.instructions(view.instructions) },
    { rule: 'capabilities/flags', run: () => listing.capabilityFlags(caps) },
  ];
  if (isObject(view.serverVersion) && view.serverVersion.icons !== undefined)
    checks.push(...iconChecks('server', [view.serverVersion], () => 'info'));

  for (const list of LISTS) {
    const skipped = declared(list.capability) ? undefined : notDeclared(list.capability);
    const atSetup = listed.errors?.[list.key];
    checks.push({
      rule: 'capabilities/list-answers',
      item: list.method,
      skipped,
      run: async () => [
        ...answers.listAnswers(await ask(list.method), list.key),
        ...(atSetup ? [`at setup the list could not be read whole (${atSetup}); the per-item checks cover only what was read`] : []),
      ],
    });
  }
  checks.push(
    requestCheck(
      'capabilities/logging',
      undefined,
      !declared('logging')
        ? notDeclared('logging')
        : settings.readOnly
          ? READ_ONLY
          : isModern(view.negotiatedVersion)
            ? 'the 2026-07-28 protocol has no logging/setLevel'
            : undefined,
      async () => answers.answersWithResult(await ask('logging/setLevel', { level: 'info' })),
    ),
    completionCheck(view, settings, ask),
  );
  for (const list of LISTS) {
    if (!declared(list.capability)) continue;
    checks.push({
      rule: 'pagination/follows-cursor',
      item: list.method,
      run: async () => {
        const walk = await answers.followPages(
          (cursor) => ask(list.method, cursor === undefined ? undefined : { cursor }),
          settings.maxPages,
        );
        return answers.pagination(walk, list.key, list.id, settings.maxPages);
      },
    });
  }
  if (declared('tools')) checks.push(...toolChecks(view, settings, ask));
  if (declared('resources')) checks.push(...resourceChecks(view, settings, ask));
  if (declared('prompts')) checks.push(...promptChecks(view, settings, ask));
  checks.push({ rule: 'errors/unknown-method', run: async () => answers.unknownMethod(await ask('jest-mcp/no-such-method')) });
  checks.push(
    ...httpChecks(
      {
        target: view.http?.target,
        findAuthServer: view.http?.findAuthServer,
        negotiatedVersion: view.negotiatedVersion,
        knownVersions: view.knownVersions,
      },
      settings.timeout,
    ),
  );
  return checks;
}

type Ask = (method: string, params?: Record<string, unknown>) => ReturnType<typeof rawRequest>;

function requestCheck(rule: string, item: string | undefined, skipped: string | undefined, run: Check['run']): Check {
  return skipped ? { rule, item, skipped } : { rule, item, run };
}

function completionCheck(view: ServerView, settings: Settings, ask: Ask): Check {
  const rule = 'capabilities/completions';
  if (!isObject(view.listed.capabilities.completions)) return { rule, skipped: 'the server does not declare completions' };
  if (settings.readOnly) return { rule, skipped: READ_ONLY };
  for (const prompt of view.listed.prompts) {
    const arg = Array.isArray(prompt.arguments)
      ? (prompt.arguments as unknown[]).find((a) => isObject(a) && typeof a.name === 'string')
      : undefined;
    if (!isObject(arg)) continue;
    const params = { ref: { type: 'ref/prompt', name: prompt.name }, argument: { name: arg.name, value: '' } };
    return { rule, item: `prompt ${String(prompt.name)}`, run: async () => answers.completion(await ask('completion/complete', params)) };
  }
  return { rule, skipped: 'no listed prompt has an argument to complete' };
}

/** Per-item checks that make a request: the first maxItems run, the rest are skipped. */
function bounded<T>(items: T[], settings: Settings): Array<[T, string | undefined]> {
  return items.map((item, i) => [
    item,
    settings.readOnly ? READ_ONLY : i >= settings.maxItems ? `over maxItems (${settings.maxItems})` : undefined,
  ]);
}

function iconChecks(kind: string, items: Listed[], label: (i: Listed) => unknown): Check[] {
  return items
    .filter((i) => i.icons !== undefined)
    .map((i) => ({ rule: 'icons/well-formed', item: `${kind} ${String(label(i))}`, run: () => listing.icons(i) }));
}

function toolChecks(view: ServerView, settings: Settings, ask: Ask): Check[] {
  const tools = view.listed.tools;
  const checks: Check[] = [{ rule: 'tools/names-unique', run: () => listing.duplicates(tools.map((t) => t.name)) }];
  for (const tool of tools) {
    const item = String(tool.name);
    checks.push(
      { rule: 'tools/name-valid', item, run: () => listing.toolName(tool.name) },
      { rule: 'tools/input-schema-is-object', item, run: () => listing.objectSchema(tool, 'inputSchema', view.compileSchema) },
    );
    if (tool.outputSchema !== undefined)
      checks.push({
        rule: 'tools/output-schema-is-object',
        item,
        run: () => listing.objectSchema(tool, 'outputSchema', view.compileSchema),
      });
    if (tool.annotations !== undefined) checks.push({ rule: 'tools/annotations', item, run: () => listing.annotations(tool) });
  }
  checks.push(...iconChecks('tool', tools, (t) => t.name));
  const call = (name: unknown, args: Record<string, unknown>) => ask('tools/call', { name, arguments: args });
  const withOutput = tools.filter((t) => isObject(t.outputSchema));
  for (const [tool, over] of bounded(withOutput, settings)) {
    const args = safeArguments(tool, settings.calls);
    const skipped = over ?? (args ? undefined : 'not called: no readOnlyHint with no required arguments; give arguments in `calls`');
    checks.push(
      requestCheck('tools/structured-content-matches-output-schema', String(tool.name), skipped, async () =>
        answers.structuredContent(await call(tool.name, args ?? {}), tool.outputSchema, view.checkSchema),
      ),
    );
  }
  const names = new Set(tools.map((t) => t.name));
  let unknown = 'jest_mcp_no_such_tool';
  while (names.has(unknown)) unknown += '_';
  checks.push(
    requestCheck('errors/unknown-tool', undefined, settings.readOnly ? READ_ONLY : undefined, async () =>
      answers.unknownTool(await call(unknown, {})),
    ),
  );
  const wrong = tools.flatMap((tool) => {
    const args = safeArguments(tool, settings.calls);
    const bad = args && wrongArguments(tool, args);
    return bad ? [{ tool, bad }] : [];
  });
  if (wrong.length === 0)
    checks.push({ rule: 'errors/invalid-params', skipped: 'no tool safe to call has a typed argument; give arguments in `calls`' });
  for (const [{ tool, bad }, over] of bounded(wrong, settings)) {
    checks.push(
      requestCheck('errors/invalid-params', String(tool.name), over, async () =>
        answers.invalidParams(await call(tool.name, bad.args)).map((p) => `${bad.property}: ${JSON.stringify(bad.sent)} sent; ${p}`),
      ),
    );
  }
  return checks;
}

function resourceChecks(view: ServerView, settings: Settings, ask: Ask): Check[] {
  const { resources, resourceTemplates } = view.listed;
  const checks: Check[] = [{ rule: 'resources/uris-unique', run: () => listing.duplicates(resources.map((r) => r.uri)) }];
  for (const [resource, over] of bounded(resources, settings)) {
    const uri = String(resource.uri);
    checks.push(requestCheck('resources/readable', uri, over, async () => answers.resourceRead(await ask('resources/read', { uri }), uri)));
  }
  for (const template of resourceTemplates) {
    checks.push({
      rule: 'resource-templates/uri-template-valid',
      item: String(template.name ?? template.uriTemplate),
      run: () => listing.uriTemplate(template),
    });
  }
  checks.push(...iconChecks('resource', resources, (r) => r.uri), ...iconChecks('resource template', resourceTemplates, (t) => t.name));
  return checks;
}

function promptChecks(view: ServerView, settings: Settings, ask: Ask): Check[] {
  const prompts = view.listed.prompts;
  const checks: Check[] = [{ rule: 'prompts/names-unique', run: () => listing.duplicates(prompts.map((p) => p.name)) }];
  for (const [prompt, over] of bounded(prompts, settings)) {
    const skipped = over ?? (listing.needsNoArguments(prompt) ? undefined : 'the prompt has required arguments');
    checks.push(
      requestCheck('prompts/gettable', String(prompt.name), skipped, async () =>
        answers.promptGet(await ask('prompts/get', { name: prompt.name })),
      ),
    );
  }
  checks.push(...iconChecks('prompt', prompts, (p) => p.name));
  return checks;
}

/** The 2026-07-28 era dropped some 2025 requests (logging/setLevel); its versions sort after every 2025 one. */
function isModern(version: string | undefined): boolean {
  return version !== undefined && version >= '2026-07-28';
}
