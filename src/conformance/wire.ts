import { ANY_RESULT } from '../sdk/any-result';
import type { Answer } from './types';
import { isObject } from './show';

/**
 * Raw requests for the conformance checks. They go through the client's own `request()` with a
 * result schema that accepts anything: the SDK's typed helpers (listTools, callTool…) validate
 * answers against the SDK's schemas and throw on the very mistakes a conformance check must
 * report (an inputSchema without type "object"), and callTool checks structuredContent itself.
 */

/** The part of an SDK client (either generation) the suite calls. */
export interface RawClient {
  request(request: { method: string; params?: Record<string, unknown> }, schema: unknown, options?: { timeout?: number }): Promise<unknown>;
}

/**
 * Client-side failures that carry a JSON-RPC-looking code (1.x: -32001 timeout, -32000 connection
 * closed) are not answers from the server.
 */
function clientSideFailure(code: number, message: string): boolean {
  return (code === -32001 && /timed out/i.test(message)) || (code === -32000 && /connection closed/i.test(message));
}

export async function rawRequest(
  client: RawClient,
  method: string,
  params: Record<string, unknown> | undefined,
  timeout: number,
): Promise<Answer> {
  try {
    const result = await client.request(params === undefined ? { method } : { method, params }, ANY_RESULT, { timeout });
    return isObject(result) ? { kind: 'result', result } : { kind: 'failed', message: `the result is not an object: ${String(result)}` };
  } catch (error) {
    const carried = errorInHttpBody(error);
    if (carried) return carried;
    const { code, message } = (isObject(error) ? error : {}) as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(error);
    if (typeof code === 'number' && !clientSideFailure(code, text)) {
      // 1.x prefixes "MCP error <code>: "; the server's own words are what matter.
      return { kind: 'error', code, message: text.replace(/^MCP error -?\d+: /, '') };
    }
    return { kind: 'failed', message: text };
  }
}

/**
 * A JSON-RPC error the server sent as the body of an HTTP error status: it answered, and the
 * answer is what the check judges. (In the 2026-07-28 era a server may answer an unknown method
 * with HTTP 404 and the error in the body; the 2.x client then throws an HTTP error whose `data`
 * holds the body, instead of handing over the JSON-RPC error.)
 */
function errorInHttpBody(error: unknown): Answer | undefined {
  const data = isObject(error) ? (error as { data?: unknown }).data : undefined;
  const text = isObject(data) ? (data as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const body: unknown = JSON.parse(text);
    const rpc = isObject(body) ? (body as { error?: unknown }).error : undefined;
    if (!isObject(rpc) || typeof (rpc as { code?: unknown }).code !== 'number') return undefined;
    const { code, message } = rpc as { code: number; message?: unknown };
    const status = (data as { status?: unknown }).status;
    return { kind: 'error', code, message: `${typeof message === 'string' ? message : ''} (sent with HTTP status ${String(status)})` };
  } catch {
    return undefined;
  }
}
