import type { WireMessage } from '../sdk';
import { listNames } from '../util/list-names';
import { MAX_TIMER_MS } from '../util/timeout';

/**
 * What a server sent a client on its own initiative: its requests (sampling, elicitation, roots)
 * and notifications (logging, progress, list-changed, resource updates), in arrival order, for
 * tests to read as `mcpClients.x.received`. Bounded by count and by size, so a chatty server (or
 * one that sends megabytes per notification) cannot grow a worker: the oldest go first.
 */

export interface ReceivedMessage {
  /** Milliseconds since the epoch. */
  at: number;
  method: string;
  params?: Record<string, unknown>;
}

export interface WaitOptions {
  /** Milliseconds. Default 5000. */
  timeout?: number;
  /** Only a message this accepts counts. */
  where?: (message: ReceivedMessage) => boolean;
}

const MAX_KEPT = 1000;
/** Of each kind, about this many bytes of messages (as JSON); the newest message is kept whatever its size. */
export const MAX_KEPT_BYTES = 8 * 1024 * 1024;

/**
 * About the size of a message's JSON, without making it: a walk, cheaper than `JSON.stringify`
 * of a megabyte. Deeper than any real message, it stops counting.
 */
export function approximateSize(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null) return 8;
  if (depth > 64) return 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += approximateSize(item, depth + 1) + 1;
  } else {
    for (const [key, item] of Object.entries(value)) size += key.length + 4 + approximateSize(item, depth + 1);
  }
  return size;
}

interface Kept {
  messages: ReceivedMessage[];
  sizes: number[];
  bytes: number;
  /** How many were dropped to keep within the bounds, since the last clear. */
  dropped: number;
}

function emptyKept(): Kept {
  return { messages: [], sizes: [], bytes: 0, dropped: 0 };
}

interface Waiter {
  kind: 'request' | 'notification';
  method: string;
  where?: (message: ReceivedMessage) => boolean;
  resolve(message: ReceivedMessage): void;
}

export class Inbox {
  private kept = { request: emptyKept(), notification: emptyKept() };
  private readonly waiters = new Set<Waiter>();

  /** Called for every message from the server. */
  take(message: WireMessage): void {
    if (typeof message.method !== 'string') return; // a response to one of our requests
    this.add('id' in message ? 'request' : 'notification', message.method, message.params);
  }

  /** A request or notification the server made, however it arrived (on the wire, or inside a result). */
  add(kind: 'request' | 'notification', method: string, params?: Record<string, unknown>): void {
    const entry: ReceivedMessage = { at: Date.now(), method, params };
    const kept = this.kept[kind];
    const size = method.length + approximateSize(params);
    kept.messages.push(entry);
    kept.sizes.push(size);
    kept.bytes += size;
    let drop = 0;
    while (kept.messages.length - drop > 1 && (kept.messages.length - drop > MAX_KEPT || kept.bytes > MAX_KEPT_BYTES)) {
      kept.bytes -= kept.sizes[drop];
      drop++;
    }
    if (drop) {
      kept.messages.splice(0, drop);
      kept.sizes.splice(0, drop);
      kept.dropped += drop;
    }
    for (const waiter of this.waiters) {
      if (waiter.kind === kind && waiter.method === entry.method && (!waiter.where || waiter.where(entry))) {
        this.waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
  }

  list(kind: 'request' | 'notification', method?: string): ReceivedMessage[] {
    return this.kept[kind].messages.filter((m) => method === undefined || m.method === method);
  }

  clear(): void {
    this.kept.request = emptyKept();
    this.kept.notification = emptyKept();
  }

  /** The first matching message already received (since the last clear) or still to come. */
  waitFor(kind: 'request' | 'notification', method: string, options: WaitOptions = {}): Promise<ReceivedMessage> {
    const timeout = options.timeout ?? 5000;
    if (!(typeof timeout === 'number' && timeout >= 0 && timeout <= MAX_TIMER_MS)) {
      // A longer one would not wait long: Node's timers fire at once past 2^31-1 ms.
      const given = typeof timeout === 'number' ? String(timeout) : typeof timeout;
      return Promise.reject(
        new RangeError(
          `jest-mcp: waitFor${kind === 'request' ? 'Request' : 'Notification'}'s timeout must be 0 to ${MAX_TIMER_MS} ms, got ${given}`,
        ),
      );
    }
    const found = this.list(kind, method).find((m) => !options.where || options.where(m));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        method,
        where: options.where,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = [...new Set(this.list(kind).map((m) => m.method))];
        const { dropped } = this.kept[kind];
        reject(
          new Error(
            `jest-mcp: no ${kind} "${method}"${options.where ? ' matching the condition' : ''} from the server within ${timeout} ms` +
              ` (received ${kind}s: ${listNames(seen, { empty: 'none' })}` +
              `${dropped ? `; ${dropped} older ones were dropped to keep the inbox within ${MAX_KEPT} messages and ${MAX_KEPT_BYTES / 1024 / 1024} MB` : ''})`,
          ),
        );
      }, timeout);
      timer.unref();
      this.waiters.add(waiter);
    });
  }
}
