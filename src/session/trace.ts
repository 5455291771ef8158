import type { WireMessage, WireTransport } from '../sdk';
import type { Redactor } from '../util/redact';
import { interceptTransport } from '../transports/intercept';

/**
 * Records what crosses a client's transport, so that a failing test can show the MCP exchange it
 * made. Each message is kept only as a short, redacted summary made when it is recorded, never as
 * the object itself: a server that sends megabytes must not make a worker hold them. The trace is
 * bounded by the characters it keeps, not by the number of messages.
 */

interface Entry {
  seq: number;
  at: number;
  direction: '→' | '←';
  text: string;
}

const MAX_MESSAGE_CHARS = 600;
/** What a recorder keeps at most, whatever the number of messages: about 64 KB. */
const MAX_KEPT_CHARS = 32_000;
const MAX_TRACE_CHARS = 8000;

let sequence = 0;

/** A monotonic position, shared by every recorder of the process, to cut "what this test did". */
export function traceMark(): number {
  return sequence;
}

/** A new position, for things recorded outside the wire (stderr lines). */
export function nextTraceStamp(): number {
  return ++sequence;
}

/**
 * The first `budget` characters (or a little more) of `value` as JSON, without encoding the rest:
 * a message of megabytes costs what its head costs. `cut` says whether anything was left out.
 */
function jsonHead(value: unknown, budget: number): { text: string; cut: boolean } {
  let out = '';
  const seen = new Set<object>();
  const emit = (v: unknown): void => {
    if (out.length >= budget) return;
    if (typeof v === 'string') {
      // A slice long enough that whatever the shown part ends with is complete in it.
      out += JSON.stringify(v.length > budget - out.length ? v.slice(0, budget - out.length) : v);
      return;
    }
    if (typeof v !== 'object' || v === null) {
      out += JSON.stringify(v) ?? 'null';
      return;
    }
    if (seen.has(v)) throw new TypeError('cycle');
    seen.add(v);
    const array = Array.isArray(v);
    out += array ? '[' : '{';
    let first = true;
    // By index, not Object.entries: an array of 10,000 tools must not be copied to show three.
    const keys = array ? undefined : Object.keys(v);
    const count = keys ? keys.length : (v as unknown[]).length;
    for (let i = 0; i < count && out.length < budget; i++) {
      const item: unknown = keys ? (v as Record<string, unknown>)[keys[i]] : (v as unknown[])[i];
      if (keys && (item === undefined || typeof item === 'function')) continue;
      out += first ? '' : ',';
      first = false;
      if (keys) out += `${JSON.stringify(keys[i])}:`;
      emit(item);
    }
    out += array ? ']' : '}';
    seen.delete(v);
  };
  emit(value);
  return { text: out, cut: out.length >= budget };
}

/**
 * One line for a message: the head of its JSON, redacted (every spelling the redactor knows, the
 * JSON-escaped one too) before it is cut, and long enough that a secret the cut falls inside is
 * redacted whole first: the part left unredacted is the head's tail, past what is shown.
 */
export function summarize(message: unknown, redactor: Redactor): string {
  const margin = redactor.longestSpelling() + 16;
  for (let budget = 2 * (MAX_MESSAGE_CHARS + margin); ; budget *= 4) {
    let head: { text: string; cut: boolean };
    try {
      head = jsonHead(message, budget);
    } catch {
      // Any text will do for a message JSON cannot encode (a cycle, a BigInt).
      head = { text: String(message), cut: false };
    }
    const text = redactor.redact(head.text);
    if (head.cut && text.length < MAX_MESSAGE_CHARS + margin) continue;
    return text.length > MAX_MESSAGE_CHARS || head.cut ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (cut)` : text;
  }
}

export class WireRecorder {
  private readonly entries: Entry[] = [];
  private kept = 0;

  constructor(private readonly redactor: Redactor) {}

  record(direction: Entry['direction'], message: WireMessage): void {
    const text = summarize(message, this.redactor);
    this.entries.push({ seq: ++sequence, at: Date.now(), direction, text });
    this.kept += text.length;
    while (this.kept > MAX_KEPT_CHARS && this.entries.length > 1) this.kept -= this.entries.shift()!.text.length;
  }

  /** The exchange after `mark`, formatted and bounded, secrets redacted. */
  format(mark: number): string | undefined {
    const recent = this.entries.filter((e) => e.seq > mark);
    if (!recent.length) return undefined;
    const first = recent[0].at;
    const lines = recent.map((e) => `+${String(e.at - first).padStart(5)}ms ${e.direction} ${e.text}`);
    let out = lines.join('\n');
    if (out.length > MAX_TRACE_CHARS) out = `… (earlier messages cut)\n${out.slice(out.length - MAX_TRACE_CHARS)}`;
    return out;
  }
}

export type Tap = (direction: '→' | '←', message: WireMessage) => void;

/**
 * Wraps an SDK transport so every message in either direction passes `tap` first.
 */
export function tappedTransport(inner: WireTransport, tap: Tap): WireTransport {
  return interceptTransport(inner, {
    send(message, options, next) {
      tap('→', message);
      return next(message, options);
    },
    receive(message, extra, handler) {
      tap('←', message);
      handler(message, extra);
    },
  });
}
