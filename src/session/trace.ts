import type { WireMessage, WireTransport } from '../sdk';
import type { Redactor } from '../util/redact';

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
/** A string longer than this is cut (after redaction) before the message is encoded at all. */
const MAX_STRING_CHARS = 1000;
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
 * One line for a message: JSON with every long string redacted and then cut, the whole redacted
 * again (a secret in its JSON-escaped spelling) and only then cut to its length.
 */
export function summarize(message: unknown, redactor: Redactor): string {
  let text: string;
  try {
    text = JSON.stringify(message, (_key, value: unknown) => {
      if (typeof value !== 'string' || value.length <= MAX_STRING_CHARS) return value;
      const clean = redactor.redact(value);
      return clean.length > MAX_STRING_CHARS ? `${clean.slice(0, MAX_STRING_CHARS)}… (${value.length} chars)` : clean;
    });
  } catch {
    // Any text will do for a message JSON cannot encode (a cycle, a BigInt).
    text = String(message);
  }
  text = redactor.redact(text ?? String(text));
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (${text.length} chars)` : text;
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
 * Wraps an SDK transport so every message in either direction passes `tap` first. The SDK's
 * Protocol installs its handlers by assignment, so the wrapper intercepts those assignments.
 */
export function tappedTransport(inner: WireTransport, tap: Tap): WireTransport {
  let onmessage: WireTransport['onmessage'];
  const wrapper: WireTransport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send(message: WireMessage, options?: unknown) {
      tap('→', message);
      return inner.send(message, options);
    },
    get sessionId() {
      return inner.sessionId;
    },
    get onclose() {
      return inner.onclose;
    },
    set onclose(handler) {
      inner.onclose = handler;
    },
    get onerror() {
      return inner.onerror;
    },
    set onerror(handler) {
      inner.onerror = handler;
    },
    get onmessage() {
      return onmessage;
    },
    set onmessage(handler) {
      onmessage = handler;
      inner.onmessage = handler
        ? (message: WireMessage, extra?: unknown) => {
            tap('←', message);
            handler(message, extra);
          }
        : undefined;
    },
    setProtocolVersion: inner.setProtocolVersion ? (version: string) => inner.setProtocolVersion!(version) : undefined,
  };
  return wrapper;
}
