import * as http from 'node:http';
import * as https from 'node:https';

/**
 * One HTTP request exactly as given, for the checks of a server's own HTTP behaviour (auth,
 * Host/Origin validation): `fetch` refuses to set `Host` and follows redirects, and the MCP SDK
 * transports add what a check must leave out. Bounded in time; never throws.
 */

export type HttpAnswer =
  { kind: 'answered'; status: number; headers: Record<string, string>; body: string } | { kind: 'failed'; message: string };

export interface HttpAsk {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** ms */
  timeout: number;
}

/** Enough of a body to show and parse a JSON-RPC answer; an SSE stream is cut after its first event. */
const MAX_BODY = 64 * 1024;

export function rawHttp(ask: HttpAsk): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    };
    const url = new URL(ask.url);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const request = send(url, { method: ask.method, headers: ask.headers, agent: false }, (response) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      let body = '';
      const answer = () => ({ kind: 'answered' as const, status: response.statusCode ?? 0, headers, body });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        // A stream (SSE) may stay open after its answer: the first whole event is the answer.
        // (A priming event with empty data may come first: it is not the answer.)
        if (body.length >= MAX_BODY || (headers['content-type']?.includes('text/event-stream') && /\ndata:\s*\{.*\n\n/.test(`\n${body}`)))
          done(answer());
      });
      response.on('end', () => done(answer()));
      response.on('error', () => done(answer()));
    });
    const timer = setTimeout(() => done({ kind: 'failed', message: `no answer within ${ask.timeout} ms` }), ask.timeout);
    request.on('error', (error) => done({ kind: 'failed', message: error.message }));
    request.end(ask.body);
  });
}

/** The JSON-RPC message in a body: plain JSON, or the first `data:` of an SSE stream. */
export function jsonRpcOf(body: string): Record<string, unknown> | undefined {
  const candidates = [body, ...[...body.matchAll(/^data:\s?(.*)$/gm)].map((m) => m[1])];
  for (const text of candidates) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}
