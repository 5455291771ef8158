import type { HttpTransport, WireMessage, WireTransport } from '../sdk';
import { interceptTransport } from './intercept';
import { EventIdWatch } from './sse-event-ids';

/**
 * A server that closes the connection in the middle of a request. Before it answered, fetch
 * rejects and the SDK passes that on, as "fetch failed": the words are made plain here. After it
 * answered HTTP 200 with an event stream, the SDK (1.x and 2.x) reports the broken stream to
 * `onerror` only, and the request waits for a timeout (10 s at connect, Jest's own in a test).
 * The stream is watched here instead; when it ends or breaks without the answer, each request it
 * was to answer is settled at once with the error the SDK gives a closed connection (-32000).
 *
 * A stream that carried event ids is left to the SDK, which resumes it with Last-Event-ID. The
 * legacy SSE transport answers every request on its one GET stream, so that stream's end settles
 * them all.
 */

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;
type Id = string | number;

/** The socket-level codes (in a fetch error's cause) of a connection the other side closed. */
const CLOSED_CODES = ['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE'];
const HINT = "The server's logs say why: it crashed, or a proxy in between cut the request";
/** Said of a call, not of opening a session. */
const MAY_HAVE_RUN = 'It may or may not have run on the server.';

/** The error a request gets when the server closed its connection before answering. */
export class ConnectionClosedError extends Error {
  readonly code = 'JEST_MCP_CONNECTION_CLOSED';
  readonly hint = HINT;
  constructor(
    /** What happened, without the client (for messages that name it themselves). */
    readonly detail: string,
    label: string,
    options?: { cause?: unknown },
  ) {
    super(`jest-mcp: ${label}: ${detail}. ${MAY_HAVE_RUN} ${HINT}.`, options);
    this.name = 'ConnectionClosedError';
  }
}

/** The `data` of the error response a request gets when its stream broke; explain-error reads `detail`. */
export interface ClosedMidRequestData {
  jestMcp: 'closed-mid-request';
  detail: string;
  hint: string;
}

function closedCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CLOSED_CODES.includes(code)) return code;
  }
  return undefined;
}

/** The ids and methods of the requests in a POST body (a JSON-RPC message or a batch). */
function requestsIn(body: unknown): Map<Id, string> {
  const found = new Map<Id, string>();
  if (typeof body !== 'string') return found;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return found;
  }
  for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
    const { id, method } = (m ?? {}) as { id?: unknown; method?: unknown };
    if ((typeof id === 'string' || typeof id === 'number') && typeof method === 'string') found.set(id, method);
  }
  return found;
}

const isEventStream = (response: Response) => /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');

/** The requests a client has sent and not had answered; settles them when their stream is gone. */
export class PendingRequests {
  private readonly pending = new Map<Id, string>();
  private deliver?: (message: WireMessage, extra?: unknown) => void;

  constructor(
    /** `mcpClients.x (streamable-http http://…/mcp)`, for messages. */
    private readonly label: string,
    /** `sse`: one GET stream answers every request. */
    private readonly kind: 'streamable-http' | 'sse',
  ) {}

  /** `fetch` that reports a connection the server closed before the answer. */
  watch(fetch: Fetch): Fetch {
    return async (url, init = {}) => {
      const requests = requestsIn(init.body);
      const ids = this.kind === 'sse' ? undefined : [...requests.keys()];
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        const code = closedCode(error);
        if (!code || init.signal?.aborted) throw error;
        const detail = (method: string) => `the server closed the connection in the middle of ${method}, before answering (${code})`;
        // Settled here so that every cut request fails alike; the SDK then sees the fetch fail.
        if (requests.size) this.settle([...requests.keys()], detail);
        throw new ConnectionClosedError(
          detail([...requests.values()].join(', ') || `an HTTP ${init.method ?? 'GET'} request`),
          this.label,
          {
            cause: error,
          },
        );
      }
      const streamAnswers = this.kind === 'sse' ? (init.method ?? 'GET') === 'GET' : requests.size > 0;
      if (!response.body || response.status !== 200 || !streamAnswers) return response;
      const broken = (error: unknown) => (method: string) => {
        const why = closedCode(error) ?? (error as Error | undefined)?.message ?? String(error);
        return `the server closed the connection in the middle of ${method}: it answered HTTP 200, then the connection broke before the answer arrived (${why})`;
      };
      if (!isEventStream(response)) {
        // A JSON answer cut short: the SDK would reject with the body's error, in fetch's words.
        return this.rewrap(response, (error) => {
          if (!init.signal?.aborted) this.settle(ids, broken(error));
          return error;
        });
      }
      const eventIds = new EventIdWatch();
      // After the SDK has read what arrived before the end: it handles a stream's chunks in
      // promise jobs, all run before the next timer.
      const later = (detail: (method: string) => string) =>
        setTimeout(() => !eventIds.seen && !init.signal?.aborted && this.settle(ids, detail), 0).unref?.();
      return this.rewrap(
        response,
        (error) => {
          later(broken(error));
          return error;
        },
        // An `id:` field makes the SDK resume the stream (Last-Event-ID) rather than give up.
        (chunk) => eventIds.read(chunk),
        () => later((method) => `the server ended its HTTP 200 answer to ${method} without the answer itself`),
      );
    };
  }

  /** `response` with its body passed through, watched for its end and errors. */
  private rewrap(
    response: Response,
    onError: (error: unknown) => unknown,
    onChunk?: (chunk: Uint8Array) => void,
    onEnd?: () => void,
  ): Response {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (error) {
          controller.error(onError(error));
          return;
        }
        if (next.done) {
          controller.close();
          onEnd?.();
          return;
        }
        onChunk?.(next.value);
        controller.enqueue(next.value);
      },
      // The SDK cancels a stream it no longer reads (on close): nothing to settle then.
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  /** Fails each request of `ids` (all when undefined) still waiting, as the SDK fails one whose connection closed. */
  private settle(ids: Id[] | undefined, detail: (method: string) => string): void {
    for (const id of ids ?? [...this.pending.keys()]) {
      const method = this.pending.get(id);
      if (method === undefined || !this.deliver) continue;
      this.pending.delete(id);
      const data: ClosedMidRequestData = { jestMcp: 'closed-mid-request', detail: detail(method), hint: HINT };
      const message = `jest-mcp: ${this.label}: ${data.detail}. ${MAY_HAVE_RUN} ${HINT}.`;
      // -32000 is the code the SDK's own "Connection closed" error has.
      this.deliver({ jsonrpc: '2.0', id, error: { code: -32000, message, data } });
    }
  }

  /** `inner`, noting the requests it sends and the answers it receives. */
  track(inner: HttpTransport): WireTransport {
    const pending = this.pending;
    return interceptTransport(inner, {
      async send(message, options, next) {
        const isRequest = typeof message.method === 'string' && message.id !== undefined;
        if (isRequest) pending.set(message.id!, message.method!);
        try {
          await next(message, options);
        } catch (error) {
          if (isRequest) pending.delete(message.id!);
          throw error;
        }
      },
      receive(message, extra, handler) {
        if (message.method === undefined && message.id !== undefined) pending.delete(message.id);
        handler(message, extra);
      },
      installed: (handler) => (this.deliver = handler),
    });
  }
}
