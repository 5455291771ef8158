import type { OpenClient } from '../session/owner';

function rewrite(e: { message?: string; stack?: string }, message: string): void {
  const before = e.message ?? '';
  e.message = message;
  // A function, not a string: `$$` or `$&` in the message (it quotes server output) stay as they are.
  if (e.stack) e.stack = e.stack.replace(before, () => message);
}

/**
 * Says which client failed and why, on the SDK's terse errors: "Connection closed" after the
 * server went away, a request timeout while a stdio server's line is left unfinished, and the 404 a Streamable HTTP server sends for a session it no longer knows.
 */
export function explainCallError(error: unknown, open?: OpenClient): unknown {
  const e = error as { name?: string; message?: string; code?: unknown; stack?: string; status?: unknown } | null;
  if (!open || typeof e !== 'object' || e === null) return error;
  const why = open.lost?.();
  // 1.x: McpError -32000; 2.x: SdkError CONNECTION_CLOSED; both: "Not connected" once it is gone.
  const closed = e.code === -32000 || e.code === 'CONNECTION_CLOSED' || e.message === 'Not connected';
  // 1.x: McpError -32001; 2.x: SdkError REQUEST_TIMEOUT.
  const timedOut = e.code === -32001 || e.code === 'REQUEST_TIMEOUT';
  const note = timedOut ? open.note?.() : undefined;
  const sessionGone = (e.code === 404 && /^Streamable HTTP error/.test(e.message ?? '')) || (e.name === 'SdkHttpError' && e.status === 404);
  if (why && closed) {
    rewrite(e, `${e.message} (mcpClients.${open.name} lost its connection to the server; calls after this fail the same way)\n  ${why}`);
  } else if (note) {
    rewrite(e, `${e.message}\n  mcpClients.${open.name}: ${note}`);
  } else if (sessionGone) {
    rewrite(
      e,
      `${e.message}\n  mcpClients.${open.name}: the server answered HTTP 404 for this session: it no longer knows it (it restarted, or expired the session). ` +
        `jest-mcp opens one session per test file and does not reconnect behind your back. ` +
        `Make the server keep sessions for the length of a test file, or give this client session: 'test' (a fresh session per test).`,
    );
  }
  return error;
}
