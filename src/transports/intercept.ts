import type { WireMessage, WireTransport } from '../sdk';

type Handler = NonNullable<WireTransport['onmessage']>;

export interface Interception {
  /** Every message the client sends; `next` hands it on to the transport. */
  send(message: WireMessage, options: unknown, next: (message: WireMessage, options?: unknown) => Promise<void>): Promise<void>;
  /** Every message the transport delivers; `handler` is the SDK's own. */
  receive(message: WireMessage, extra: unknown, handler: Handler): void;
  /** The SDK installed (or removed) its handler: for parts that deliver messages of their own. */
  installed?(handler: WireTransport['onmessage']): void;
}

/**
 * An SDK transport with jest-mcp between it and the client, in both directions. The SDK's
 * Protocol installs its handlers by assignment, so the wrapper intercepts those assignments;
 * everything else passes through to the transport itself.
 */
export function interceptTransport(inner: WireTransport, through: Interception): WireTransport {
  let onmessage: WireTransport['onmessage'];
  return {
    start: () => inner.start(),
    close: () => inner.close(),
    send: (message: WireMessage, options?: unknown) => through.send(message, options, (m, o) => inner.send(m, o)),
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
      through.installed?.(handler);
      inner.onmessage = handler ? (message: WireMessage, extra?: unknown) => through.receive(message, extra, handler) : undefined;
    },
    setProtocolVersion: inner.setProtocolVersion ? (version: string) => inner.setProtocolVersion!(version) : undefined,
  };
}
