import {
  isEraNegotiationFailure,
  isSdkConnectionClosed,
  isSdkRequestTimeout,
  isSdkUnauthorized,
  oauthErrorCode,
  refusedPinnedVersion,
  sdkHttpStatus,
} from '../sdk';
import { TimeoutError } from '../util/timeout';

/**
 * Turns what went wrong while opening or closing a client into plain words and a next step.
 * What an SDK error says (its HTTP status, a timeout, a closed connection, …) is read behind the
 * SDK door (sdk/error-facts.ts), for both generations; here it becomes words.
 */

const HTTP_HINTS: Record<number, string> = {
  400: 'Bad Request: the server did not accept the initialize request; check that the URL is an MCP endpoint',
  401: 'Unauthorized: the server rejected the credentials. Check the Authorization header and the variable it reads (its value is not shown)',
  403: 'Forbidden: the credentials were accepted but are not allowed to use this endpoint',
  404: 'Not Found: there is no MCP endpoint at this URL. Check the path (often /mcp for Streamable HTTP, /sse for legacy SSE)',
  405: 'Method Not Allowed: the URL does not accept MCP requests. Is it the right endpoint and transport (`transport: "sse"` for legacy servers)?',
  406: 'Not Acceptable: the server does not speak this transport; try `transport: "sse"` for a legacy server',
  500: 'Internal Server Error: the server failed; its own logs say why',
  502: 'Bad Gateway: a proxy in front of the server could not reach it',
  503: 'Service Unavailable: the server is not ready',
};

interface ErrorShape {
  name?: string;
  message?: string;
  code?: unknown;
  errno?: unknown;
  syscall?: string;
  path?: string;
  cause?: unknown;
}

/**
 * A cause jest-mcp's own fetch found (a redirect it did not follow, a connection the server
 * closed mid-request), anywhere in the cause chain: 2.x may wrap it, a closed stream arrives as
 * the data of a -32000 error.
 */
function ownCause(error: unknown, configPath: string): Explanation | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = shape(e).cause, depth++) {
    const s = e as {
      name?: string;
      detail?: unknown;
      advice?: unknown;
      hint?: unknown;
      data?: { jestMcp?: unknown; detail?: unknown; hint?: unknown };
    };
    if (s.name === 'RedirectNotFollowedError' && typeof s.detail === 'string') {
      return { cause: s.detail, hint: sentence(`${String(s.advice)} (${configPath}.url)`) };
    }
    if (
      (s.name === 'ConnectionClosedError' || s.name === 'NpxInstallError' || s.name === 'InProcessServerError') &&
      typeof s.detail === 'string'
    ) {
      return { cause: s.detail, hint: typeof s.hint === 'string' && s.hint ? sentence(s.hint) : undefined };
    }
    // Signing a user in failed: the message already names the authorization server and what to configure.
    const message = (e as { message?: unknown }).message;
    if (s.name === 'McpAuthError' && typeof message === 'string') return { cause: message.replace(/^jest-mcp: /, '') };
    if (s.data?.jestMcp === 'closed-mid-request' && typeof s.data.detail === 'string') {
      return { cause: s.data.detail, hint: sentence(String(s.data.hint)) };
    }
  }
  return undefined;
}

/** A redirect the SDK reported and did not follow: its status, and where it pointed (origin only). */
function redirectCause(status: number, message: string | undefined, configPath: string): Explanation {
  // 1.x: "Redirect to <url> not followed", "… plain http not followed; try <url> instead"; 2.x alike.
  const location = /Redirect\b.*?(https?:\/\/[^\s;,)]+)/.exec(message ?? '')?.[1];
  let where = '';
  try {
    if (location) where = ` to ${new URL(location).origin}`;
  } catch {
    // not a URL: say nothing about where
  }
  return {
    cause: `HTTP ${status} redirect${where}, not followed`,
    hint: `jest-mcp follows a redirect only within the same origin, and after a POST only a 307 or 308. Use the URL it redirects to as ${configPath}.url.`,
  };
}

/** Ends a hint with a full stop, unless it ends with its own mark. */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

/** Finds a Node system error code (ECONNREFUSED, ENOENT, …) anywhere in the cause chain. */
function systemCode(error: unknown): { code: string; err: ErrorShape } | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = shape(e).cause, depth++) {
    const s = shape(e);
    // EAI_AGAIN and friends have an underscore; 2.x's own codes (ERA_NEGOTIATION_FAILED) are not system codes.
    if (typeof s.code === 'string' && /^(E[A-Z]+|EAI_[A-Z]+)$/.test(s.code)) return { code: s.code, err: s };
    // undici wraps several attempts (IPv4/IPv6) into an AggregateError.
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.length) {
      const found = systemCode(inner[0]);
      if (found) return found;
    }
  }
  return undefined;
}

export interface Explanation {
  /** What went wrong, in plain words. */
  cause: string;
  /** What the user can do about it. */
  hint?: string;
}

export function explainConnectError(
  error: unknown,
  kind: string,
  configPath: string,
  diagnostics?: string,
  seenStatus?: number,
  /** Who set the client's protocol, when not its own key (the config's, or withProtocolMatrix). */
  protocolPath = `${configPath}.protocol`,
): Explanation {
  const e = shape(error);
  if (error instanceof TimeoutError) {
    return {
      cause: `no answer: ${error.message}`,
      hint: `Check that the server is up and answers MCP, or raise timeouts.connect (${configPath}.timeouts or mcp.timeouts).`,
    };
  }
  const own = ownCause(error, configPath);
  if (own) return own;
  const sys = systemCode(error);
  if (sys) {
    switch (sys.code) {
      case 'ECONNREFUSED':
        return {
          cause: 'connection refused: nothing is listening at that address',
          // A server jest-mcp started for the run was ready before any test: it has stopped since.
          hint: diagnostics?.includes('started by jest-mcp')
            ? 'The server was ready when the run began and has stopped or crashed since; its output (below) may say why.'
            : `Start the server before Jest, or fix ${configPath}.url.`,
        };
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return { cause: 'the host name does not resolve', hint: `Fix the host in ${configPath}.url.` };
      case 'ECONNRESET':
        return { cause: 'the server closed the connection', hint: 'Check the server logs.' };
      case 'ETIMEDOUT':
        return { cause: 'the TCP connection timed out', hint: 'Check the address and any firewall.' };
      case 'ENOENT':
        if (kind === 'stdio') {
          return {
            cause: `command not found (or cwd missing): ${sys.err.path ?? 'the command'}`,
            hint: `Check ${configPath}.command and .cwd; commands are looked up on PATH and relative paths from cwd.`,
          };
        }
        break;
      case 'EACCES':
        return { cause: 'permission denied when starting the command', hint: `Make ${configPath}.command executable.` };
    }
  }
  // A failed 2.x version probe keeps no status; the transport saw it (`seenStatus`). A 400, 405
  // or 406 to `server/discover` is how a 2025-only server says no, which the pin branch explains.
  const probeStatus = isEraNegotiationFailure(error) && ![400, 405, 406].includes(seenStatus ?? 0) ? seenStatus : undefined;
  const status = sdkHttpStatus(error) ?? probeStatus;
  if (status !== undefined && status >= 300 && status < 400) return redirectCause(status, e.message, configPath);
  if (status !== undefined) {
    const words = HTTP_HINTS[status] ?? (status >= 500 ? 'server error' : 'the server refused the request');
    const [cause, hint] = words.split(/: (.*)/s);
    return { cause: `HTTP ${status} ${cause}`, hint: hint ? sentence(hint) : undefined };
  }
  const pinned = refusedPinnedVersion(error);
  if (pinned) {
    return {
      cause: `the server does not speak protocol ${pinned}`,
      hint: `${protocolPath} pins that revision. Use protocol: 'auto' (it falls back to the 2025 protocol) or 'legacy', or serve ${pinned} from the server (SDK 2.x).`,
    };
  }
  const oauthCode = oauthErrorCode(error);
  if (oauthCode) {
    return {
      cause: `OAuth ${oauthCode}${e.message ? `: ${e.message}` : ''}`,
      hint: `Check ${configPath}.auth (client id, secret, scope) against the authorization server; the secret is not shown.`,
    };
  }
  if (isSdkUnauthorized(error)) {
    // Only a client with an auth provider gets this: the SDK throws it when the provider has no
    // token, typically after handing the authorization URL to redirectToAuthorization.
    return {
      cause: `HTTP 401 Unauthorized: the auth provider got no token (the SDK's UnauthorizedError: ${e.message ?? 'Unauthorized'}; in the authorization code flow the SDK stops there, after redirectToAuthorization)`,
      hint: `Check ${configPath}.auth. For users, set auth.authorizationCode, or give your provider a redirectUrl: jest-mcp then completes the redirect itself.`,
    };
  }
  if (isSdkRequestTimeout(error)) {
    return {
      cause: 'the server did not answer initialize in time',
      hint: `Raise timeouts.connect, or check that the server reads requests.`,
    };
  }
  if (isSdkConnectionClosed(error)) {
    const died = diagnostics && /exited with code|was killed by/.test(diagnostics);
    return {
      cause: died ? 'the server process ended before initialize completed' : 'the connection closed before initialize completed',
      hint: kind === 'stdio' ? 'Its stderr below usually says why. Run the command by hand to see it start.' : 'Check the server logs.',
    };
  }
  if ((error as { cause?: { message?: unknown } } | null)?.cause?.message === 'bad port') {
    // fetch() refuses the ports browsers block (1, 25, 6000, 6667, …) before connecting.
    return {
      cause: 'fetch() refuses to connect to this port (one of the ports browsers block)',
      hint: `Serve MCP on another port and fix ${configPath}.url.`,
    };
  }
  return { cause: `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(error)}` };
}

/** What opening a session sends, for messages: the 2026-07-28 era has no `initialize`. */
export function handshakeOf(protocol: string | undefined): string {
  if (protocol === undefined || protocol === 'legacy') return 'initialize';
  return protocol === 'auto' ? 'server/discover (or initialize)' : 'server/discover';
}
