import type { WireMessage, WireTransport } from '../sdk';
import type { Redactor } from '../util/redact';

/**
 * Records what crosses a client's transport, so that a failing test can show the MCP exchange it
 * made. Recording keeps references only (no copies, no JSON) and a bounded number of them;
 * the cost of formatting is paid only when a test fails.
 */

interface Entry {
  seq: number;
  at: number;
  direction: '→' | '←';
  message: WireMessage;
}

const MAX_ENTRIES = 200;
const MAX_MESSAGE_CHARS = 600;
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

export class WireRecorder {
  private readonly entries: Entry[] = [];

  record(direction: Entry['direction'], message: WireMessage): void {
    this.entries.push({ seq: ++sequence, at: Date.now(), direction, message });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** The exchange after `mark`, formatted and bounded, secrets redacted. */
  format(mark: number, redactor: Redactor): string | undefined {
    const recent = this.entries.filter((e) => e.seq > mark);
    if (!recent.length) return undefined;
    const first = recent[0].at;
    const lines = recent.map((e) => {
      let text: string;
      try {
        text = JSON.stringify(e.message);
      } catch {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any text will do for a message JSON cannot encode (a cycle, a BigInt)
        text = String(e.message);
      }
      if (text.length > MAX_MESSAGE_CHARS) text = `${text.slice(0, MAX_MESSAGE_CHARS)}… (${text.length} chars)`;
      return `+${String(e.at - first).padStart(5)}ms ${e.direction} ${text}`;
    });
    let out = lines.join('\n');
    if (out.length > MAX_TRACE_CHARS) out = `… (earlier messages cut)\n${out.slice(out.length - MAX_TRACE_CHARS)}`;
    return redactor.redact(out);
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
