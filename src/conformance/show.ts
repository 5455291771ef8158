import { Redactor } from '../util/redact';
import type { Answer } from './types';

/**
 * How a conformance failure shows what the server sent: short (a failure names one field, not
 * the whole listing) and without secret shapes (bearer tokens, URL passwords). Known secret
 * values are scrubbed from test errors by the environment as for any test.
 */

const MAX = 160;
const shapes = new Redactor();

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function brief(value: unknown, max = MAX): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value);
  } catch {
    text = `[${typeof value} that JSON cannot show]`;
  }
  text = shapes.redact(text);
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

export function describeAnswer(answer: Answer): string {
  if (answer.kind === 'result') return `a result ${brief(answer.result)}`;
  if (answer.kind === 'error') return `JSON-RPC error ${answer.code ?? '(no code)'}: ${brief(answer.message)}`;
  return `no answer: ${brief(answer.message)}`;
}
