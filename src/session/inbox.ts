import type { WireMessage } from '../sdk';

/**
 * What a server sent a client on its own initiative: its requests (sampling, elicitation, roots)
 * and notifications (logging, progress, list-changed, resource updates), in arrival order, for
 * tests to read as `mcpClients.x.received`. Bounded, so a chatty server cannot grow a worker.
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

interface Waiter {
  kind: 'request' | 'notification';
  method: string;
  where?: (message: ReceivedMessage) => boolean;
  resolve(message: ReceivedMessage): void;
}

export class Inbox {
  private readonly kept = { request: [] as ReceivedMessage[], notification: [] as ReceivedMessage[] };
  private readonly waiters = new Set<Waiter>();

  /** Called for every message from the server. */
  take(message: WireMessage): void {
    if (typeof message.method !== 'string') return; // a response to one of our requests
    this.add('id' in message ? 'request' : 'notification', message.method, message.params);
  }

  /** A request or notification the server made, however it arrived (on the wire, or inside a result). */
  add(kind: 'request' | 'notification', method: string, params?: Record<string, unknown>): void {
    const entry: ReceivedMessage = { at: Date.now(), method, params };
    const list = this.kept[kind];
    list.push(entry);
    if (list.length > MAX_KEPT) list.splice(0, list.length - MAX_KEPT);
    for (const waiter of this.waiters) {
      if (waiter.kind === kind && waiter.method === entry.method && (!waiter.where || waiter.where(entry))) {
        this.waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
  }

  list(kind: 'request' | 'notification', method?: string): ReceivedMessage[] {
    return this.kept[kind].filter((m) => method === undefined || m.method === method);
  }

  clear(): void {
    this.kept.request.length = 0;
    this.kept.notification.length = 0;
  }

  /** The first matching message already received (since the last clear) or still to come. */
  waitFor(kind: 'request' | 'notification', method: string, options: WaitOptions = {}): Promise<ReceivedMessage> {
    const found = this.list(kind, method).find((m) => !options.where || options.where(m));
    if (found) return Promise.resolve(found);
    const timeout = options.timeout ?? 5000;
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
        reject(
          new Error(
            `jest-mcp: no ${kind} "${method}"${options.where ? ' matching the condition' : ''} from the server within ${timeout} ms` +
              ` (received ${kind}s: ${seen.length ? seen.join(', ') : 'none'})`,
          ),
        );
      }, timeout);
      timer.unref();
      this.waiters.add(waiter);
    });
  }
}
