import { toTestErrorAsync } from './errors';

/**
 * An error from a request carries only the frames where the SDK made it (a response handler, a
 * closed pipe), none of the test's. The frames of the call that made the request are appended,
 * so Jest's code frame points at the test's own line, as with a synchronous throw.
 */
function withCallSite(error: unknown, callSite: { stack?: string }): unknown {
  const e = error as { stack?: unknown; name?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return error;
  const lines = (callSite.stack ?? '').split('\n').slice(1);
  // Some rejections were made in the call itself (the SDK's "Not connected") and have the frames.
  if (!lines.length || (typeof e.stack === 'string' && e.stack.includes(lines[0]))) return error;
  const frames = lines.join('\n');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- String() is what V8 applies to name and message when it formats a stack
  const head = typeof e.stack === 'string' ? e.stack : `${String(e.name ?? 'Error')}: ${String(e.message ?? '')}`;
  try {
    e.stack = `${head}\n${frames}`;
  } catch {
    // a frozen error: keep it as it is
  }
  return error;
}

/**
 * Captures where test code made a call, cheaply: V8 formats the frames only if they are read, and
 * ten frames (Node's default; Jest raises the limit to 100) reach past any helper to the test.
 */
export function captureCallSite(above: (...args: never[]) => unknown): { stack?: string } {
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 10;
  Error.captureStackTrace(site, above);
  Error.stackTraceLimit = limit;
  return site;
}

/** toTestErrorAsync, then the frames of the call that made the request (see withCallSite). */
export async function toTestErrorAt(error: unknown, callSite: { stack?: string }): Promise<unknown> {
  return withCallSite(await toTestErrorAsync(error), callSite);
}
