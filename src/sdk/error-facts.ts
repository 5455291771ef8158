/**
 * What an error of either SDK generation says, read from its shape (`name`, `code`, `status`,
 * `cause`), not its class, so errors from any realm or copy of the SDK are recognised. This is
 * the one place that knows how each generation words a failure: 1.x puts an HTTP status in a
 * numeric `code` and protocol codes in `McpError.code`; 2.x throws `SdkHttpError` with `status`
 * and `SdkError` with string codes, and wraps a version probe's failure in `cause`.
 */

interface Shape {
  name?: string;
  message?: string;
  code?: unknown;
  status?: unknown;
  errorCode?: unknown;
  cause?: unknown;
}

function shape(error: unknown): Shape {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

/** The error and its causes, at most five deep. */
function* causeChain(error: unknown): Generator<Shape> {
  for (let e = error, depth = 0; e && depth < 5; e = shape(e).cause, depth++) yield shape(e);
}

/** An HTTP status anywhere in the cause chain: 1.x's numeric `code`, 2.x's `SdkHttpError.status`. */
export function sdkHttpStatus(error: unknown): number | undefined {
  for (const s of causeChain(error)) {
    if (s.name === 'SdkHttpError' && typeof s.status === 'number') return s.status;
    if (typeof s.code === 'number' && s.code >= 100 && s.code < 600) return s.code;
  }
  return undefined;
}

/** A 2.x `SdkError` code (a string such as REQUEST_TIMEOUT) anywhere in the cause chain. */
export function sdkErrorCode(error: unknown): string | undefined {
  for (const s of causeChain(error)) {
    if ((s.name === 'SdkError' || s.name === 'SdkHttpError') && typeof s.code === 'string') return s.code;
  }
  return undefined;
}

/** 2.x: the version probe (`server/discover`) failed; the status it met is not kept in the error. */
export function isEraNegotiationFailure(error: unknown): boolean {
  return sdkErrorCode(error) === 'ERA_NEGOTIATION_FAILED';
}

/** 2.x: the revision a client pinned, when the server did not offer it. */
export function refusedPinnedVersion(error: unknown): string | undefined {
  const pinned = /did not offer pinned protocol version (\S+)/.exec(shape(error).message ?? '')?.[1];
  return pinned?.replace(/\W+$/, '');
}

/** The OAuth error code (`invalid_client`, …) of the SDK's OAuth errors. */
export function oauthErrorCode(error: unknown): string | undefined {
  const code = shape(error).errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** The SDK's `UnauthorizedError`: a 401 its OAuth provider could not get past. */
export function isSdkUnauthorized(error: unknown): boolean {
  return shape(error).name === 'UnauthorizedError';
}

/** The request timed out in the SDK: 1.x's -32001, 2.x's REQUEST_TIMEOUT. */
export function isSdkRequestTimeout(error: unknown): boolean {
  return shape(error).code === -32001 || sdkErrorCode(error) === 'REQUEST_TIMEOUT';
}

/** The connection closed under the SDK: 1.x's -32000, 2.x's CONNECTION_CLOSED, or either's message. */
export function isSdkConnectionClosed(error: unknown): boolean {
  const s = shape(error);
  return s.code === -32000 || sdkErrorCode(error) === 'CONNECTION_CLOSED' || /connection closed/i.test(s.message ?? '');
}
