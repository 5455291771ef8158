import { isPlainObject } from '../util/objects';
/**
 * Matchers for MCP Apps (the `io.modelcontextprotocol/ui` extension, SEP-1865, spec 2026-01-26):
 * a UI is a `ui://` resource of type `text/html;profile=mcp-app` whose `_meta.ui` declares what
 * the host may let it load (`csp`), its origin (`domain`), `permissions` and `prefersBorder`; a
 * tool opens it through `_meta.ui.resourceUri` (before: `_meta["ui/resourceUri"]`, deprecated).
 */

type MatcherResult = { pass: boolean; message: () => string };
type Context = {
  isNot?: boolean;
  equals(a: unknown, b: unknown, testers?: unknown[]): boolean;
  utils: { printExpected(v: unknown): string; printReceived(v: unknown): string; iterableEquality: unknown; subsetEquality: unknown };
};
type Obj = Record<string, unknown>;

export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';
const CSP_KEYS = ['connectDomains', 'resourceDomains', 'frameDomains', 'baseUriDomains'] as const;

export interface McpAppCsp {
  connectDomains?: unknown;
  resourceDomains?: unknown;
  frameDomains?: unknown;
  baseUriDomains?: unknown;
}

/** What `toBeMcpAppResource` checks in `_meta.ui`, beyond the URI scheme and the MIME type. */
export interface McpAppResourceExpectation {
  /** Each list given must hold exactly these origins, in any order (`expect.arrayContaining([...])` for "at least"); an omitted list is an empty one. */
  csp?: McpAppCsp;
  domain?: unknown;
  prefersBorder?: unknown;
  /** Matched like `toMatchObject`: `{ camera: {} }`. */
  permissions?: unknown;
}

export interface McpAppUiExpectation {
  /** Who may call the tool; absent means `['model', 'app']`. Compared in any order. */
  visibility?: Array<'model' | 'app'>;
}

function short(value: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `text/html; profile="mcp-app"` is the same type: case, spaces and quotes aside. */
function isAppMimeType(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase().replace(/\s+/g, '').replace(/"/g, '') === MCP_APP_MIME_TYPE;
}

/** The item to look at: a listed resource, a content item, or the `ui://` item of a `readResource()` result. */
function resourceOf(received: unknown): { item: Obj; read: boolean } {
  if (isPlainObject(received) && Array.isArray(received.contents)) {
    const items = received.contents.filter(isPlainObject);
    const item = items.find((c) => typeof c.uri === 'string' && c.uri.startsWith('ui://')) ?? items[0];
    if (!item) throw new Error(`toBeMcpAppResource: the readResource() result has no contents: ${short(received)}`);
    return { item, read: true };
  }
  if (isPlainObject(received) && typeof received.uri === 'string')
    return { item: received, read: 'text' in received || 'blob' in received };
  throw new Error(
    `toBeMcpAppResource: expected a resource (from listResources()), a readResource() result or one of its contents, received ${short(received)}`,
  );
}

function uiOf(item: Obj): Obj | undefined {
  return isPlainObject(item._meta) && isPlainObject(item._meta.ui) ? item._meta.ui : undefined;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function listProblem(ctx: Context, path: string, actual: unknown, expected: unknown): string | undefined {
  if (isStringList(expected) && isStringList(actual)) {
    const extra = actual.filter((d) => !expected.includes(d));
    const missing = expected.filter((d) => !actual.includes(d));
    if (!extra.length && !missing.length && actual.length === expected.length) return undefined;
    const why = [extra.length && `not expected: ${extra.join(', ')}`, missing.length && `missing: ${missing.join(', ')}`].filter(Boolean);
    return `${path}: expected ${short(expected)}, received ${short(actual)}${why.length ? ` (${why.join('; ')})` : ''}`;
  }
  if (ctx.equals(actual, expected)) return undefined;
  return `${path}: expected ${ctx.utils.printExpected(expected)}, received ${actual === undefined ? 'absent' : short(actual)}`;
}

function resourceProblems(ctx: Context, item: Obj, read: boolean, expected: McpAppResourceExpectation): string[] {
  const problems: string[] = [];
  if (!String(item.uri).startsWith('ui://')) problems.push(`uri: expected a ui:// URI, received ${short(item.uri)}`);
  if (!isAppMimeType(item.mimeType)) {
    problems.push(`mimeType: expected "${MCP_APP_MIME_TYPE}", received ${item.mimeType === undefined ? 'absent' : short(item.mimeType)}`);
  }
  if (read && !(typeof item.text === 'string' && item.text) && !(typeof item.blob === 'string' && item.blob)) {
    problems.push('content: expected the HTML as `text` or `blob`, received neither');
  }
  const ui = uiOf(item) ?? {};
  const csp = isPlainObject(ui.csp) ? ui.csp : {};
  if (expected.csp !== undefined) {
    if (!isPlainObject(expected.csp)) throw new Error(`toBeMcpAppResource: csp must be an object of ${CSP_KEYS.join(', ')}`);
    for (const key of Object.keys(expected.csp)) {
      if (!(CSP_KEYS as readonly string[]).includes(key)) {
        throw new Error(`toBeMcpAppResource: csp.${key} is no MCP Apps CSP field; they are ${CSP_KEYS.join(', ')}`);
      }
      const wanted = expected.csp[key];
      // The spec reads an omitted list as an empty one: no origin allowed.
      const actual = csp[key] === undefined && isStringList(wanted) ? [] : csp[key];
      const problem = listProblem(ctx, `_meta.ui.csp.${key}`, actual, wanted);
      if (problem) problems.push(problem);
    }
  }
  for (const key of ['domain', 'prefersBorder'] as const) {
    if (!(key in expected)) continue;
    const problem = listProblem(ctx, `_meta.ui.${key}`, ui[key], expected[key]);
    if (problem) problems.push(problem);
  }
  if (
    'permissions' in expected &&
    !ctx.equals(ui.permissions, expected.permissions, [ctx.utils.iterableEquality, ctx.utils.subsetEquality])
  ) {
    problems.push(
      `_meta.ui.permissions: expected ${short(expected.permissions)}, received ${ui.permissions === undefined ? 'absent' : short(ui.permissions)}`,
    );
  }
  return problems;
}

const RESOURCE_KEYS = ['csp', 'domain', 'prefersBorder', 'permissions'];

function linkOf(tool: Obj): { uri?: unknown; legacy?: unknown; ui?: Obj } {
  const meta = isPlainObject(tool._meta) ? tool._meta : {};
  const ui = isPlainObject(meta.ui) ? meta.ui : undefined;
  return { uri: ui?.resourceUri, legacy: meta['ui/resourceUri'], ui };
}

function uiProblems(ctx: Context, tool: Obj, uri: unknown, expected: McpAppUiExpectation): string[] {
  const { uri: current, legacy, ui } = linkOf(tool);
  const linked = current ?? legacy;
  if (linked === undefined) return ['it links no UI: no _meta.ui.resourceUri (nor the deprecated _meta["ui/resourceUri"])'];
  const problems: string[] = [];
  if (typeof linked !== 'string' || !linked.startsWith('ui://'))
    problems.push(`_meta.ui.resourceUri: expected a ui:// URI, received ${short(linked)}`);
  if (current !== undefined && legacy !== undefined && current !== legacy) {
    problems.push(
      `_meta.ui.resourceUri ${short(current)} and the deprecated _meta["ui/resourceUri"] ${short(legacy)} differ: hosts that read the old key open another UI`,
    );
  }
  if (uri !== undefined) {
    const ok =
      uri instanceof RegExp || Object.prototype.toString.call(uri) === '[object RegExp]'
        ? typeof linked === 'string' && (uri as RegExp).test(linked)
        : ctx.equals(linked, uri);
    if (!ok) problems.push(`_meta.ui.resourceUri: expected ${ctx.utils.printExpected(uri)}, received ${short(linked)}`);
  }
  if (expected.visibility !== undefined) {
    const problem = listProblem(ctx, '_meta.ui.visibility', ui?.visibility ?? ['model', 'app'], expected.visibility);
    if (problem) problems.push(problem);
  }
  return problems;
}

export const mcpAppMatchers = {
  toBeMcpAppResource(this: Context, received: unknown, expected: McpAppResourceExpectation = {}): MatcherResult {
    if (!isPlainObject(expected))
      throw new Error(`toBeMcpAppResource: expected an object of ${RESOURCE_KEYS.join(', ')}, received ${short(expected)}`);
    const unknown = Object.keys(expected).filter((k) => !RESOURCE_KEYS.includes(k));
    if (unknown.length)
      throw new Error(`toBeMcpAppResource: ${unknown.join(', ')}: not checked here; it checks ${RESOURCE_KEYS.join(', ')}`);
    const { item, read } = resourceOf(received);
    const problems = resourceProblems(this, item, read, expected);
    const what = `${short(item.uri)} ${this.isNot ? 'not ' : ''}to be an MCP App resource${Object.keys(expected).length ? ` with ${this.utils.printExpected(expected)}` : ''}`;
    const sent = `received: uri ${short(item.uri)}, mimeType ${short(item.mimeType)}, _meta.ui ${uiOf(item) ? short(uiOf(item), 600) : '(none)'}`;
    return {
      pass: problems.length === 0,
      message: () => `expected ${what}\n${problems.map((p) => `  ${p}\n`).join('')}${sent}`,
    };
  },

  toHaveMcpAppUi(this: Context, received: unknown, uri?: unknown, expected: McpAppUiExpectation = {}): MatcherResult {
    if (!isPlainObject(received) || typeof received.name !== 'string') {
      throw new Error(`toHaveMcpAppUi: expected a tool (from listTools().tools), received ${short(received)}`);
    }
    const problems = uiProblems(this, received, uri, expected);
    const { uri: current, legacy } = linkOf(received);
    const by = current === undefined && legacy !== undefined ? ' (by the deprecated _meta["ui/resourceUri"])' : '';
    const target = uri === undefined ? 'a UI' : `the UI ${this.utils.printExpected(uri)}`;
    return {
      pass: problems.length === 0,
      message: () =>
        `expected tool ${JSON.stringify(received.name)} ${this.isNot ? 'not ' : ''}to link ${target}${expected.visibility ? ` with visibility ${short(expected.visibility)}` : ''}\n` +
        problems.map((p) => `  ${p}\n`).join('') +
        `received: _meta ${received._meta === undefined ? '(none)' : short(received._meta, 600)}${by}`,
    };
  },
};

export interface McpAppMatchers<R> {
  /**
   * On a listed resource, a `readResource()` result or one of its contents: a `ui://` URI, MIME
   * type `text/html;profile=mcp-app` (and HTML content when read), and `_meta.ui` as given:
   * `csp` lists exactly (any order), `domain`, `prefersBorder`, `permissions` (like toMatchObject).
   */
  toBeMcpAppResource(expected?: McpAppResourceExpectation): R;
  /**
   * On a tool: it opens an MCP App through `_meta.ui.resourceUri` (or the deprecated
   * `_meta["ui/resourceUri"]`), a `ui://` URI equal to `uri` (a string, RegExp or asymmetric
   * matcher) if given, with this `visibility` if given.
   */
  toHaveMcpAppUi(uri?: string | RegExp, expected?: McpAppUiExpectation): R;
}
