import { jsonOf, textOf } from '../../src';
import type { McpToolResultLike } from '../../src';
import type { Client as Sdk1Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Client as Sdk2Client } from '@modelcontextprotocol/client';

/** textOf and jsonOf on tool results as both SDK generations return them (plain JSON shapes). */

const text = (...parts: string[]) => ({ content: parts.map((t) => ({ type: 'text' as const, text: t })) });

test('textOf: the text items joined with newlines, other items skipped', () => {
  expect(textOf(text('only'))).toBe('only');
  expect(
    textOf({
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', data: 'x', mimeType: 'image/png' },
        { type: 'text', text: 'b' },
      ],
    }),
  ).toBe('a\nb');
  expect(textOf({ ...text('failed: no such note'), isError: true })).toBe('failed: no such note');
  expect(textOf(text(''))).toBe('');
});

test('textOf without text says what the result holds', () => {
  expect(() => textOf({ content: [{ type: 'image', data: 'x', mimeType: 'image/png' }] })).toThrow(
    'textOf: the result has no text content; it is content of types image',
  );
  expect(() => textOf({ content: [], isError: true })).toThrow(
    'textOf: the result has no text content; it is a tool error (isError: true) with content empty',
  );
  // 1.x's compatibility shape, as its callTool types the result.
  expect(() => textOf({ toolResult: 'x' } as McpToolResultLike)).toThrow(
    'textOf: the result has no text content; it is an object without a `content` array (keys: toolResult)',
  );
  expect(() => textOf(null as unknown as McpToolResultLike)).toThrow('textOf: the result has no text content; it is null');
});

test('jsonOf: structuredContent first, else the first text item parsed, typed by the caller', () => {
  const both = { ...text('{"from":"text"}'), structuredContent: { from: 'structured' } };
  expect(jsonOf<{ from: string }>(both).from).toBe('structured');
  expect(jsonOf(text('{"from":"text"}', 'not json'))).toEqual({ from: 'text' });
  expect(jsonOf(text('[1,2]'))).toEqual([1, 2]);
  expect(jsonOf({ ...text('x'), structuredContent: null })).toBeNull();
});

test('jsonOf without JSON says what the result holds, and shows the start of its text', () => {
  expect(() => jsonOf({ content: [{ type: 'audio', data: 'x', mimeType: 'audio/wav' }] })).toThrow(
    'jsonOf: the result has no structuredContent and no text content; it is content of types audio',
  );
  let message = '';
  try {
    jsonOf({ ...text(`Echo: ${'x'.repeat(500)}`), isError: true });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(
    /^jsonOf: the result has no structuredContent, and its text is not JSON \(.+\); it is a tool error \(isError: true\) with content of types text, text: "Echo: x{194}… \(306 more characters\)"$/,
  );
});

// Type-level (npm run typecheck): callTool's result type of each SDK generation is accepted as it
// is (1.x's is a union with its compatibility shape), and what is not a result is refused.
export function typedForBothGenerations(v1: Awaited<ReturnType<Sdk1Client['callTool']>>, v2: Awaited<ReturnType<Sdk2Client['callTool']>>) {
  const texts: string[] = [textOf(v1), textOf(v2)];
  const json: Array<{ n: number }> = [jsonOf<{ n: number }>(v1), jsonOf<{ n: number }>(v2)];
  // @ts-expect-error: a string is not a result
  textOf('text');
  return { texts, json };
}
