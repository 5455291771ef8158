/**
 * Which redirects a client follows, pinned here rather than left to the SDK: SDK 1.24 lets fetch
 * follow every redirect, and fetch drops only `Authorization` (and cookies) on the way to another
 * origin, so the headers a config adds (`X-Api-Key`) went along. Later SDKs follow only within the
 * origin, each in its own words. Here, for every SDK: a redirect is followed only within the
 * origin of the request it answers (or to https on the same host), at most MAX_HOPS times, and
 * only when the request can be sent again as it was; anything else fails the request with a
 * RedirectNotFollowedError that says where it pointed (its origin only: a path or query may hold
 * a signed token).
 */

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export const MAX_HOPS = 5;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

export type RefusalReason = 'other-origin' | 'changes-method' | 'too-many' | 'credentials-in-url' | 'body-not-replayable';

export type RedirectDecision = { follow: URL } | { refuse: RefusalReason; target: URL };

export interface RedirectRequest {
  url: URL;
  method: string;
  /** False for a body that was a stream: it is spent once sent. */
  replayableBody: boolean;
}

/** Same scheme, host and port; or http to https on the same host, both on default ports (an upgrade, not a move). */
export function sameOrigin(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  return from.hostname === to.hostname && from.protocol === 'http:' && from.port === '' && to.protocol === 'https:' && to.port === '';
}

/** What to do with `response` to `request` after `hops` redirects; undefined when it is not a redirect to act on. */
export function decideRedirect(
  request: RedirectRequest,
  response: { status: number; location: string | null },
  hops: number,
): RedirectDecision | undefined {
  if (!REDIRECT_STATUSES.includes(response.status) || !response.location) return undefined;
  let target: URL;
  try {
    target = new URL(response.location, request.url);
  } catch {
    return undefined;
  }
  if (!sameOrigin(request.url, target)) return { refuse: 'other-origin', target };
  if ((target.username || target.password) && (target.username !== request.url.username || target.password !== request.url.password)) {
    return { refuse: 'credentials-in-url', target };
  }
  const method = request.method.toUpperCase();
  // 301, 302 and 303 make fetch re-send a request with a body as a GET, without the MCP message.
  if (response.status !== 307 && response.status !== 308 && method !== 'GET' && method !== 'HEAD')
    return { refuse: 'changes-method', target };
  if (!request.replayableBody) return { refuse: 'body-not-replayable', target };
  if (hops >= MAX_HOPS) return { refuse: 'too-many', target };
  return { follow: target };
}

/** Where a redirect points, for messages: its origin, and whether that is the request's own. */
function whereTo(request: URL, target: URL): string {
  return sameOrigin(request, target) ? `${target.origin}, the same origin` : target.origin;
}

/**
 * The plain words for a refused redirect: what happened, and what to do. `oauth`: a request the
 * SDK made for OAuth (metadata, a token), whose URLs come from the servers' metadata, not the config.
 */
export function describeRefusal(
  reason: RefusalReason,
  status: number,
  request: { url: URL; method: string; oauth?: boolean },
  target: URL,
): { detail: string; advice: string } {
  const method = request.method.toUpperCase();
  const answered = request.oauth
    ? `an OAuth request (${method} to ${request.url.origin}) got HTTP ${status}, a redirect to ${whereTo(request.url, target)}`
    : `the server answered ${method} with HTTP ${status}, a redirect to ${whereTo(request.url, target)}`;
  const useFinal = request.oauth
    ? 'the OAuth metadata must name the URL it redirects to itself'
    : "use the URL it redirects to as the client's url";
  const Use = `${useFinal[0].toUpperCase()}${useFinal.slice(1)}`;
  switch (reason) {
    case 'other-origin':
      return {
        detail: `${answered}. jest-mcp does not follow a redirect to another origin: the client's headers and credentials go only where they are configured to go`,
        advice: `If ${target.origin} is the server you mean, ${useFinal}`,
      };
    case 'changes-method':
      return {
        detail: `${answered}. After a ${status} the request would go on as a GET without its body, so it is not followed`,
        advice: `${Use}, or make the server redirect with 307 or 308`,
      };
    case 'too-many':
      return { detail: `${answered}, after ${MAX_HOPS} redirects already (a loop?); not followed`, advice: Use };
    case 'credentials-in-url':
      return {
        detail: `${answered} with a user name or password in it; not followed`,
        advice: `If it is the server you mean, ${useFinal}`,
      };
    case 'body-not-replayable':
      return { detail: `${answered}; the request's body cannot be sent again, so it is not followed`, advice: Use };
  }
}

/** A redirect a client did not follow; `detail` and `advice` are for messages that name the client themselves. */
export class RedirectNotFollowedError extends Error {
  readonly code = 'JEST_MCP_REDIRECT';
  constructor(
    readonly detail: string,
    readonly advice: string,
    readonly status: number,
    /** The origin the redirect points to. */
    readonly target: string,
    label?: string,
  ) {
    super(`jest-mcp: ${label ? `${label}: ` : ''}${detail}. ${advice}.`);
    this.name = 'RedirectNotFollowedError';
  }
}

/**
 * `fetch` with the policy above; `label` names the client in the error (`mcpClients.x (endpoint)`),
 * `home` is its URL: a request elsewhere, or for metadata or a token, is one the SDK made for OAuth.
 */
export function withRedirectPolicy(fetch: Fetch, label?: string, home?: string): Fetch {
  return async (input, init = {}) => {
    // A caller that wants an error on any redirect gets it from fetch itself.
    if (init.redirect === 'error') return fetch(input, init);
    const method = init.method ?? 'GET';
    const replayableBody = !(init.body instanceof ReadableStream);
    let url = new URL(input);
    const oauth =
      (home !== undefined && !sameOrigin(new URL(home), url)) ||
      url.pathname.includes('/.well-known/') ||
      init.body instanceof URLSearchParams;
    for (let hops = 0; ; hops++) {
      const response = await fetch(url, { ...init, redirect: 'manual' });
      const decision = decideRedirect(
        { url, method, replayableBody },
        { status: response.status, location: response.headers.get('location') },
        hops,
      );
      if (!decision) return response;
      await response.body?.cancel().catch(() => {});
      if ('refuse' in decision) {
        const { detail, advice } = describeRefusal(decision.refuse, response.status, { url, method, oauth }, decision.target);
        throw new RedirectNotFollowedError(detail, advice, response.status, decision.target.origin, label);
      }
      url = decision.follow;
    }
  };
}
