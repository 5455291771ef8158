import { isObject } from '../util/objects';
/**
 * `toHaveToolAnnotations`: the behaviour hints a tool declares (MCP 2025-03-26 and later), which
 * hosts use to decide what to confirm with the user; some reject tools that leave them out.
 */

type MatcherResult = { pass: boolean; message: () => string };
type Context = {
  isNot?: boolean;
  equals(a: unknown, b: unknown, testers?: unknown[]): boolean;
  utils: { printExpected(v: unknown): string; printReceived(v: unknown): string };
};

export interface McpToolAnnotations {
  /** The tool's display title: its `title`, else `annotations.title`. */
  title?: unknown;
  readOnlyHint?: unknown;
  destructiveHint?: unknown;
  idempotentHint?: unknown;
  openWorldHint?: unknown;
  [hint: string]: unknown;
}

/** What the spec says a client assumes for a hint the tool leaves out. */
const SPEC_DEFAULTS: Record<string, boolean> = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

type Tool = { name?: unknown; title?: unknown; annotations?: unknown };

function toolsOf(received: unknown): Tool[] | undefined {
  if (Array.isArray(received)) return received as Tool[];
  if (isObject(received) && Array.isArray(received.tools)) return received.tools as Tool[];
  if (isObject(received) && typeof received.name === 'string') return undefined;
  throw new Error(
    `toHaveToolAnnotations: expected a tool (from listTools().tools or mcpClients.x.listed.tools), or a list of them, received ${short(received)}`,
  );
}

function short(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function actualOf(tool: Tool, hint: string): unknown {
  const annotations = isObject(tool.annotations) ? tool.annotations : {};
  return hint === 'title' ? (tool.title ?? annotations.title) : annotations[hint];
}

/** The hints that do not match, each as `hint: expected …, received …`. */
function mismatches(ctx: Context, tool: Tool, expected: McpToolAnnotations): string[] {
  const wrong: string[] = [];
  for (const hint of Object.keys(expected)) {
    const actual = actualOf(tool, hint);
    if (ctx.equals(actual, expected[hint])) continue;
    // The spec gives destructiveHint and idempotentHint meaning only for tools that are not read-only.
    const moot = (hint === 'destructiveHint' || hint === 'idempotentHint') && actualOf(tool, 'readOnlyHint') === true;
    const assumed = !(hint in SPEC_DEFAULTS)
      ? ''
      : moot
        ? ' (meaningless for a read-only tool)'
        : ` (clients assume ${SPEC_DEFAULTS[hint]})`;
    const absent = actual === undefined ? `absent${assumed}` : undefined;
    wrong.push(`${hint}: expected ${ctx.utils.printExpected(expected[hint])}, received ${absent ?? ctx.utils.printReceived(actual)}`);
  }
  return wrong;
}

function shown(tool: Tool): string {
  const title = tool.title === undefined ? '' : `title ${short(tool.title)}, `;
  return `${title}annotations ${tool.annotations === undefined ? '(none)' : short(tool.annotations)}`;
}

export const toolAnnotationMatchers = {
  /**
   * On a tool: each given hint equals the tool's (asymmetric matchers work: `expect.any(Boolean)`
   * means "declared"). On a list of tools: every tool matches; with `.not`, none does.
   */
  toHaveToolAnnotations(this: Context, received: unknown, expected: McpToolAnnotations): MatcherResult {
    if (!isObject(expected) || Array.isArray(expected)) {
      throw new Error(`toHaveToolAnnotations: expected hints as an object, e.g. { destructiveHint: false }, received ${short(expected)}`);
    }
    const list = toolsOf(received);
    if (!list) {
      const tool = received as Tool;
      const wrong = mismatches(this, tool, expected);
      const name = String(tool.name);
      return {
        pass: wrong.length === 0,
        message: () =>
          this.isNot
            ? `expected tool ${JSON.stringify(name)} not to have annotations ${this.utils.printExpected(expected)}\nit has ${shown(tool)}`
            : `expected tool ${JSON.stringify(name)} to have annotations ${this.utils.printExpected(expected)}\n  ${wrong.join('\n  ')}\nit has ${shown(tool)}`,
      };
    }
    const results = list.map((tool) => ({ tool, wrong: mismatches(this, tool, expected) }));
    const failing = results.filter((r) => r.wrong.length > 0);
    const matching = results.filter((r) => r.wrong.length === 0);
    // `.not` on a list asks that no tool match ("no tool is destructive"), not that some tool fail to.
    const pass = this.isNot ? matching.length > 0 : failing.length === 0 && list.length > 0;
    return {
      pass,
      message: () => {
        if (this.isNot) {
          return (
            `expected no tool to have annotations ${this.utils.printExpected(expected)}, but ${matching.length} of ${list.length} do:\n` +
            matching.map((r) => `  ${String(r.tool.name)}: ${shown(r.tool)}`).join('\n')
          );
        }
        if (list.length === 0)
          return `expected every tool to have annotations ${this.utils.printExpected(expected)}, but the list is empty`;
        return (
          `expected every tool to have annotations ${this.utils.printExpected(expected)}, but ${failing.length} of ${list.length} do not:\n` +
          failing.map((r) => `  ${String(r.tool.name)}: ${r.wrong.join('; ')}`).join('\n')
        );
      },
    };
  },
};

export interface ToolAnnotationMatchers<R> {
  /**
   * On a tool (`listTools().tools[i]`, `mcpClients.x.listed.tools[i]`): each given hint equals
   * the tool's; `expect.any(Boolean)` asks only that it be declared; `title` is the tool's
   * `title`, else `annotations.title`. On a `listTools()` result or an array of tools: every
   * tool matches (the message names those that do not); with `.not`, no tool matches.
   */
  toHaveToolAnnotations(expected: McpToolAnnotations): R;
}
