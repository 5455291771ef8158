import { isObject } from '../util/objects';
/**
 * `textOf` and `jsonOf`: what a test wants from a tool result, typed, without casting
 * `result.content[0].text` out of a union. They read shapes, never classes, so they work on results
 * of either SDK generation and of any realm; they run in the test realm, so what `jsonOf` parses
 * is the test's own values.
 */

/** The MCP content types a result's `content` items have. */
export type McpContentType = 'text' | 'image' | 'audio' | 'resource' | 'resource_link';

/**
 * What `textOf` and `jsonOf` take: a `callTool()` result of either SDK generation (1.x types it as
 * a union with its compatibility shape, which these accept too).
 */
export interface McpToolResultLike {
  // Every MCP result may have `_meta`: it is what 1.x's compatibility shape ({ toolResult }) shares with the rest.
  readonly _meta?: unknown;
  readonly content?: unknown;
  readonly structuredContent?: unknown;
  readonly isError?: unknown;
}

const SHOWN_CHARS = 200;

function clip(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}… (${text.length - SHOWN_CHARS} more characters)` : text;
}

/** The texts of a result's text items, in order; undefined when it has no `content` array. */
export function textItems(result: unknown): string[] | undefined {
  if (!isObject(result) || !Array.isArray(result.content)) return undefined;
  return (result.content as unknown[])
    .filter((c) => isObject(c) && c.type === 'text' && typeof c.text === 'string')
    .map((c) => (c as { text: string }).text);
}

/** What a result holds, for an error: its error flag, content types and keys. */
function holding(result: unknown): string {
  if (!isObject(result)) return `${result === null ? 'null' : typeof result}`;
  if (!Array.isArray(result.content)) return `an object without a \`content\` array (keys: ${Object.keys(result).join(', ') || 'none'})`;
  const types = (result.content as unknown[]).map((c) => (isObject(c) ? String(c.type) : typeof c));
  return `${result.isError === true ? 'a tool error (isError: true) with ' : ''}content ${types.length ? `of types ${types.join(', ')}` : 'empty'}`;
}

/**
 * The text of a tool result: its text items joined with newlines (most results have one),
 * as `toHaveTextContent` reads it. Throws, saying what the result holds, if it has no text item.
 */
export function textOf(result: McpToolResultLike): string {
  const texts = textItems(result);
  if (!texts?.length) throw new Error(`textOf: the result has no text content; it is ${holding(result)}`);
  return texts.join('\n');
}

/**
 * The JSON a tool result carries: its `structuredContent` when it has one, else its first text
 * item parsed as JSON. Throws, saying what the result holds, when it has neither.
 */
export function jsonOf<T = unknown>(result: McpToolResultLike): T {
  if (isObject(result) && result.structuredContent !== undefined) return result.structuredContent as T;
  const texts = textItems(result);
  if (!texts?.length) throw new Error(`jsonOf: the result has no structuredContent and no text content; it is ${holding(result)}`);
  try {
    return JSON.parse(texts[0]) as T;
  } catch (error) {
    throw new Error(
      `jsonOf: the result has no structuredContent, and its text is not JSON (${(error as Error).message}); ` +
        `it is ${holding(result)}, text: ${JSON.stringify(clip(texts[0]))}`,
    );
  }
}
