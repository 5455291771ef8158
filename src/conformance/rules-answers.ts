import type { SchemaCheck } from '../sdk';
import { brief, describeAnswer, isObject } from './show';
import type { Answer, Listed, Problems } from './types';

/**
 * Rules over what a server answered to a request the suite made, pure: the answers come in as
 * plain data (see wire.ts), so each rule is unit-tested with hand-written answers.
 */

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;

/** A declared list (tools/list …) answers with a result holding the array. */
export function listAnswers(answer: Answer, key: string): Problems {
  if (answer.kind !== 'result') return [`the list did not answer: ${describeAnswer(answer)}`];
  return Array.isArray(answer.result[key]) ? [] : [`the result has no \`${key}\` array: ${describeAnswer(answer)}`];
}

/** An empty result answers: logging/setLevel. */
export function answersWithResult(answer: Answer): Problems {
  return answer.kind === 'result' ? [] : [`expected a result, got ${describeAnswer(answer)}`];
}

function isToolError(answer: Answer): boolean {
  return answer.kind === 'result' && answer.result.isError === true;
}

/**
 * 2025-11-25 lists an unknown tool among protocol errors (its example: -32602); SDK 1.x servers
 * answer it as a tool result with isError. Both say "no such tool"; success or a crash do not.
 */
export function unknownTool(answer: Answer): Problems {
  if (isToolError(answer) || (answer.kind === 'error' && answer.code === INVALID_PARAMS)) return [];
  return [`expected JSON-RPC error -32602 (or a result with isError: true), got ${describeAnswer(answer)}`];
}

export function unknownMethod(answer: Answer): Problems {
  if (answer.kind === 'error' && answer.code === METHOD_NOT_FOUND) return [];
  return [`expected JSON-RPC error -32601 (method not found), got ${describeAnswer(answer)}`];
}

/**
 * Arguments that break the input schema: since 2025-11-25 a tool execution error (isError: true)
 * so the model can correct itself, before that -32602; both are fine. An accepted call or a
 * crash (-32603, no answer) is not.
 */
export function invalidParams(answer: Answer): Problems {
  if (isToolError(answer) || (answer.kind === 'error' && answer.code === INVALID_PARAMS)) return [];
  if (answer.kind === 'result') return [`the server accepted arguments that break its inputSchema: ${describeAnswer(answer)}`];
  return [`expected a result with isError: true (or JSON-RPC error -32602), got ${describeAnswer(answer)}`];
}

/** A tool with an outputSchema MUST return structuredContent that conforms to it. */
export function structuredContent(
  answer: Answer,
  outputSchema: unknown,
  check: (schema: unknown, value: unknown) => SchemaCheck,
): Problems {
  if (answer.kind !== 'result') return [`the call did not answer: ${describeAnswer(answer)}`];
  const result = answer.result;
  if (result.isError === true) {
    return [
      `the call returned isError: true, so structuredContent could not be checked (${brief(result.content)}); ` +
        `give arguments that work in the \`calls\` option, or skip this check`,
    ];
  }
  if (!('structuredContent' in result)) return [`the result has no structuredContent although the tool declares an outputSchema`];
  const verdict = check(outputSchema, result.structuredContent);
  return verdict.valid
    ? []
    : [`structuredContent does not match the outputSchema: ${verdict.errorMessage}; sent ${brief(result.structuredContent)}`];
}

/** resources/read of a listed resource: contents, each text or blob, one with the uri asked for. */
export function resourceRead(answer: Answer, uri: string): Problems {
  if (answer.kind !== 'result') return [`the read failed: ${describeAnswer(answer)}`];
  const contents = answer.result.contents;
  if (!Array.isArray(contents) || contents.length === 0) return [`the result has no contents: ${describeAnswer(answer)}`];
  const problems: Problems = [];
  contents.forEach((item: unknown, i) => {
    if (!isObject(item)) return void problems.push(`contents[${i}] must be an object, got ${brief(item)}`);
    if (typeof item.uri !== 'string') problems.push(`contents[${i}].uri must be a string, got ${brief(item.uri)}`);
    if (typeof item.text !== 'string' && typeof item.blob !== 'string') problems.push(`contents[${i}] has neither text nor blob`);
  });
  if (!contents.some((item: unknown) => isObject(item) && item.uri === uri))
    problems.push(
      `no item of contents has the uri asked for; uris sent: ${brief(contents.map((c: unknown) => (isObject(c) ? c.uri : c)))}`,
    );
  return problems;
}

const ROLES = ['user', 'assistant'];

export function promptGet(answer: Answer): Problems {
  if (answer.kind !== 'result') return [`prompts/get failed: ${describeAnswer(answer)}`];
  const messages = answer.result.messages;
  if (!Array.isArray(messages)) return [`the result has no messages array: ${describeAnswer(answer)}`];
  const problems: Problems = [];
  messages.forEach((message: unknown, i) => {
    if (!isObject(message)) return void problems.push(`messages[${i}] must be an object, got ${brief(message)}`);
    if (!ROLES.includes(message.role as string))
      problems.push(`messages[${i}].role must be "user" or "assistant", got ${brief(message.role)}`);
    if (!isObject(message.content) || typeof message.content.type !== 'string')
      problems.push(`messages[${i}].content must be a content block with a type, got ${brief(message.content)}`);
  });
  return problems;
}

export function completion(answer: Answer): Problems {
  if (answer.kind !== 'result') return [`completion/complete failed: ${describeAnswer(answer)}`];
  const value = answer.result.completion;
  if (!isObject(value)) return [`the result has no completion object: ${describeAnswer(answer)}`];
  const problems: Problems = [];
  if (!Array.isArray(value.values) || !value.values.every((v: unknown) => typeof v === 'string'))
    problems.push(`completion.values must be an array of strings, got ${brief(value.values)}`);
  else if (value.values.length > 100) problems.push(`completion.values has ${value.values.length} items; at most 100 are allowed`);
  if ('total' in value && typeof value.total !== 'number') problems.push(`completion.total must be a number, got ${brief(value.total)}`);
  if ('hasMore' in value && typeof value.hasMore !== 'boolean')
    problems.push(`completion.hasMore must be a boolean, got ${brief(value.hasMore)}`);
  return problems;
}

/** Pages of a list as followed through nextCursor. */
export interface Walk {
  pages: Answer[];
  /** Stopped after maxPages with a cursor still to follow. */
  truncated: boolean;
}

/** Follows nextCursor until there is none, a page fails, a cursor repeats or maxPages is reached. */
export async function followPages(fetch: (cursor?: string) => Promise<Answer>, maxPages: number): Promise<Walk> {
  const pages: Answer[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetch(cursor);
    pages.push(page);
    const next = page.kind === 'result' ? page.result.nextCursor : undefined;
    if (typeof next !== 'string' || cursors.has(next)) return { pages, truncated: false };
    if (pages.length >= maxPages) return { pages, truncated: true };
    cursors.add(next);
    cursor = next;
  }
}

/** Every page answers, cursors are strings that do not repeat, the walk ends, no item twice. */
export function pagination(walk: Walk, key: string, id: (item: Listed) => unknown, maxPages: number): Problems {
  const problems: Problems = [];
  const seenCursors = new Set<unknown>();
  const items: unknown[] = [];
  walk.pages.forEach((page, i) => {
    if (page.kind !== 'result') return void problems.push(`page ${i + 1} failed: ${describeAnswer(page)}`);
    const list = page.result[key];
    if (!Array.isArray(list)) return void problems.push(`page ${i + 1} has no \`${key}\` array`);
    items.push(...list.map((item: unknown) => (isObject(item) ? id(item) : item)));
    const next = page.result.nextCursor;
    if (next === undefined || next === null) return;
    if (typeof next !== 'string') problems.push(`page ${i + 1}: nextCursor must be a string, got ${brief(next)}`);
    else if (seenCursors.has(next)) problems.push(`page ${i + 1} gives nextCursor ${brief(next)} again: following it would never end`);
    seenCursors.add(next);
  });
  if (walk.truncated) problems.push(`still a nextCursor after ${maxPages} pages (raise maxPages if the list is that long)`);
  const twice = items.filter((item, i) => items.indexOf(item) !== i);
  if (twice.length) problems.push(`items on more than one page (or twice): ${brief([...new Set(twice)])}`);
  return problems;
}
