/**
 * MCP matchers for `expect`. They look at shapes (`tools`, `content`, `isError`, a numeric `code`
 * on an error named McpError), never at classes, so they work on values of any realm. Failure
 * messages show what matters (a tool result's text, the names in a list), not the whole JSON.
 */

import { anySdk } from '../sdk';
import { type McpContentType, textItems } from '../realm/results';
import { type TaskMatchers, taskMatchers } from './task-matchers';
import { type ToolAnnotationMatchers, toolAnnotationMatchers } from './annotation-matchers';
import { type McpAppMatchers, mcpAppMatchers } from './app-matchers';
import { isObject } from '../util/objects';
// Named here so that the declarations emitted for `mcpMatchers` refer to it by this module, not
// through the package root (whose types carry the Jest augmentation a Vitest project cannot load).
import type { McpTaskStatus } from '../realm/task-status';
export type { McpTaskStatus };

type MatcherResult = { pass: boolean; message: () => string };
// Only handed back to `equals`, never called here: any tester shape of any Jest version fits.
type Tester = unknown;
type Context = {
  isNot?: boolean;
  equals(a: unknown, b: unknown, testers?: Tester[]): boolean;
  utils: { printExpected(v: unknown): string; iterableEquality: Tester; subsetEquality: Tester };
};

interface ContentItem {
  type?: unknown;
  text?: unknown;
  [key: string]: unknown;
}

const MAX_SHOWN = 400;

function clip(text: string, max = MAX_SHOWN): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

function contentOf(result: unknown): ContentItem[] | undefined {
  return isObject(result) && Array.isArray(result.content) ? (result.content as ContentItem[]) : undefined;
}

/** Every text item, joined: what `toHaveTextContent` matches (the public `textOf` reads the same). */
function textOf(result: unknown): string {
  return (textItems(result) ?? []).join('\n');
}

/** A tool result in a few lines: error flag, content types, text. */
function describeToolResult(result: unknown): string {
  const content = contentOf(result);
  if (!content) return `not a tool result (no \`content\` array): ${clip(safeJson(result))}`;
  const flag = isObject(result) && result.isError === true ? 'isError: true' : 'isError: false';
  const types = content.map((c) => String(c.type)).join(', ') || 'none';
  const text = textOf(result);
  return `${flag}; content types: ${types}${text ? `; text: ${JSON.stringify(clip(text))}` : ''}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A matcher used on the wrong kind of value fails with or without `.not`, as Jest's own matchers
 * do: `expect(await c.callTool(...)).not.toHaveTool('x')` must not pass for asking the wrong thing.
 */
function misuse(message: string): Error {
  return new Error(message);
}

function matchesText(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
}

function listMatcher(key: 'tools' | 'resources' | 'prompts', field: 'name' | 'uri', noun: string) {
  return function (this: Context, received: unknown, expected: string): MatcherResult {
    const items = Array.isArray(received) ? received : isObject(received) ? received[key] : undefined;
    if (!Array.isArray(items)) {
      throw misuse(
        `expected a list result with \`${key}\` (e.g. from list${noun[0].toUpperCase()}${noun.slice(1)}s()), received ${clip(safeJson(received))}`,
      );
    }
    const names = items.map((i) => (isObject(i) ? String(i[field]) : String(i)));
    const pass = names.includes(expected);
    return {
      pass,
      message: () =>
        `expected the ${key} ${this.isNot ? 'not ' : ''}to include ${noun} ${this.utils.printExpected(expected)}\n` +
        `${noun}s (${names.length}): ${clip(names.join(', '))}`,
    };
  };
}

interface SchemaClient {
  listTools(params?: { cursor?: string }): Promise<{ tools: Array<{ name: string; outputSchema?: unknown }>; nextCursor?: string }>;
}

export const mcpMatchers = {
  ...taskMatchers,
  ...toolAnnotationMatchers,
  ...mcpAppMatchers,
  toHaveTool: listMatcher('tools', 'name', 'tool'),
  toHaveResource: listMatcher('resources', 'uri', 'resource'),
  toHavePrompt: listMatcher('prompts', 'name', 'prompt'),

  toBeToolError(this: Context, received: unknown, message?: string | RegExp): MatcherResult {
    const isError = isObject(received) && received.isError === true;
    const pass = isError && (message === undefined || matchesText(textOf(received), message));
    const what = message === undefined ? 'a tool error' : `a tool error with text ${this.utils.printExpected(message)}`;
    return { pass, message: () => `expected ${this.isNot ? 'not ' : ''}${what}\nreceived: ${describeToolResult(received)}` };
  },

  toBeToolSuccess(this: Context, received: unknown): MatcherResult {
    const pass = contentOf(received) !== undefined && !(isObject(received) && received.isError === true);
    return {
      pass,
      message: () => `expected ${this.isNot ? 'not ' : ''}a successful tool result\nreceived: ${describeToolResult(received)}`,
    };
  },

  toHaveTextContent(this: Context, received: unknown, expected: string | RegExp): MatcherResult {
    const pass = matchesText(textOf(received), expected);
    return {
      pass,
      message: () =>
        `expected the text content ${this.isNot ? 'not ' : ''}to contain ${this.utils.printExpected(expected)}\nreceived: ${describeToolResult(received)}`,
    };
  },

  toHaveContentType(this: Context, received: unknown, type: McpContentType): MatcherResult {
    const pass = (contentOf(received) ?? []).some((c) => c.type === type);
    return {
      pass,
      message: () =>
        `expected ${this.isNot ? 'no' : 'a'} content item of type ${this.utils.printExpected(type)}\nreceived: ${describeToolResult(received)}`,
    };
  },

  toMatchStructuredContent(this: Context, received: unknown, expected: Record<string, unknown>): MatcherResult {
    const actual = isObject(received) ? received.structuredContent : undefined;
    // toMatchObject's own rule, so asymmetric matchers like expect.any(String) work.
    const pass = actual !== undefined && this.equals(actual, expected, [this.utils.iterableEquality, this.utils.subsetEquality]);
    return {
      pass,
      message: () =>
        `expected structuredContent ${this.isNot ? 'not ' : ''}to match ${clip(this.utils.printExpected(expected))}\n` +
        (actual === undefined ? `received no structuredContent: ${describeToolResult(received)}` : `received: ${clip(safeJson(actual))}`),
    };
  },

  async toMatchToolOutputSchema(this: Context, received: unknown, client: SchemaClient, toolName: string): Promise<MatcherResult> {
    let cursor: string | undefined;
    let tool: { name: string; outputSchema?: unknown } | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      tool = page.tools.find((t) => t.name === toolName);
      cursor = page.nextCursor;
    } while (!tool && cursor);
    if (!tool) throw misuse(`the server has no tool ${this.utils.printExpected(toolName)}`);
    if (!tool.outputSchema) throw misuse(`tool ${this.utils.printExpected(toolName)} declares no outputSchema`);
    const actual = isObject(received) ? received.structuredContent : undefined;
    if (actual === undefined) {
      return {
        pass: false,
        message: () =>
          `expected structuredContent to validate against ${toolName}'s outputSchema, received none: ${describeToolResult(received)}`,
      };
    }
    // The SDK's own validator, loaded only by tests that use this matcher.
    const result = anySdk().checkJsonSchema(tool.outputSchema, actual);
    return {
      pass: result.valid,
      message: () =>
        result.valid
          ? `expected structuredContent not to validate against ${toolName}'s outputSchema`
          : `expected structuredContent to validate against ${toolName}'s outputSchema: ${(result as { errorMessage: string }).errorMessage}\nreceived: ${clip(safeJson(actual))}`,
    };
  },

  async toRejectWithMcpError(this: Context, received: unknown, code?: number): Promise<MatcherResult> {
    if (!received || typeof (received as Promise<unknown>).then !== 'function') {
      throw misuse(`expected a promise (e.g. mcpClients.x.readResource(...)), received ${clip(safeJson(received))}`);
    }
    const promise = received as PromiseLike<unknown>;
    let error: unknown;
    let value: unknown;
    let rejected = false;
    try {
      value = await promise;
    } catch (e) {
      rejected = true;
      error = e;
    }
    // 1.x throws McpError, 2.x ProtocolError: the same JSON-RPC error, named by generation.
    const mcp =
      rejected && isObject(error) && (error.name === 'McpError' || error.name === 'ProtocolError') && typeof error.code === 'number';
    const pass = mcp && (code === undefined || (error as { code: number }).code === code);
    const expected = code === undefined ? 'an McpError' : `an McpError with code ${code}`;
    return {
      pass,
      message: () => {
        if (!rejected) return `expected the promise to reject with ${expected}, but it resolved: ${clip(safeJson(value))}`;
        const e = error as { name?: string; code?: unknown; message?: string };
        return `expected ${this.isNot ? 'not ' : ''}${expected}\nreceived: ${e?.name ?? typeof error} code ${String(e?.code)}: ${clip(String(e?.message))}`;
      },
    };
  },
};

export interface McpMatchers<R> extends ToolAnnotationMatchers<R>, McpAppMatchers<R>, TaskMatchers<R> {
  /** On a `listTools()` result (or its `tools` array): a tool with this name is listed. */
  toHaveTool(name: string): R;
  /** On a `listResources()` result: a resource with this URI is listed. */
  toHaveResource(uri: string): R;
  /** On a `listPrompts()` result: a prompt with this name is listed. */
  toHavePrompt(name: string): R;
  /** On a `callTool()` result: `isError` is true (and its text contains/matches `message`). */
  toBeToolError(message?: string | RegExp): R;
  /** On a `callTool()` result: it has content and `isError` is not true. */
  toBeToolSuccess(): R;
  /** On a `callTool()` result: its text content contains the string or matches the RegExp. */
  toHaveTextContent(text: string | RegExp): R;
  /** On a `callTool()` result: some content item has this `type` (text, image, audio, resource, resource_link). */
  toHaveContentType(type: McpContentType): R;
  /** On a `callTool()` result: `structuredContent` matches like `toMatchObject`. */
  toMatchStructuredContent(expected: Record<string, unknown>): R;
  /** On a `callTool()` result: `structuredContent` validates against the tool's declared `outputSchema`. Await it. */
  toMatchToolOutputSchema(client: SchemaClient, toolName: string): Promise<R>;
  /** On a promise: it rejects with a protocol error (1.x `McpError`, 2.x `ProtocolError`, of any realm), with this code if given. Await it. */
  toRejectWithMcpError(code?: number): Promise<R>;
}
