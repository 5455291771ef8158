import { type HttpAnswer, jsonRpcOf } from '../util/raw-http';
import { brief, isObject } from './show';
import type { Problems } from './types';

/**
 * Rules over how an HTTP server answered raw requests (see util/raw-http.ts): its own auth as a
 * protected resource (MCP authorization, RFC 6750, RFC 9728) and its HTTP hygiene (Host/Origin
 * validation, the protocol version it answers). Pure, so each is unit-tested on hand-written
 * answers.
 */

/** `Bearer realm="x", scope="a b", resource_metadata="…"` → scheme and parameters (names lower-cased). */
export function parseChallenge(header: string | undefined): { scheme: string; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const m of match[2].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g))
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  return { scheme: match[1], params };
}

/** What the server answered, short: the status, the challenge and the start of the body. */
export function showHttp(answer: HttpAnswer): string {
  if (answer.kind === 'failed') return `no answer (${answer.message})`;
  const challenge = showChallenge(answer.headers['www-authenticate']);
  const body = answer.body.trim();
  return (
    `HTTP ${answer.status}` +
    (challenge ? ` with WWW-Authenticate: ${challenge}` : '') +
    (body ? `, body ${brief(body.length > 200 ? `${body.slice(0, 200)}…` : body)}` : '')
  );
}

/**
 * A challenge as `Bearer (error=…, scope=…)`: its parameters are no secret, but written as sent
 * (`Bearer error="…"`) they have the shape of a bearer token, which output never shows.
 */
function showChallenge(header: string | undefined): string | undefined {
  const parsed = parseChallenge(header);
  if (!parsed) return header === undefined ? undefined : brief(header);
  const params = Object.entries(parsed.params).map(([name, value]) => `${name}=${brief(value, 100)}`);
  return `${parsed.scheme} (${params.join(', ') || 'no parameters'})`;
}

/** A token the server must not take from the query string: refused (4xx, 400 invalid_request included), never answered. */
export function notAccepted(answer: HttpAnswer, token: string): Problems {
  if (answer.kind === 'answered' && answer.status >= 400 && answer.status < 500) return [];
  if (ok(answer)) return [`the server accepted ${token}: ${showHttp(answer)}`];
  return [`${token} must be refused with HTTP 4xx, got ${showHttp(answer)}`];
}

const ok = (answer: HttpAnswer) => answer.kind === 'answered' && answer.status >= 200 && answer.status < 300;
const status = (answer: HttpAnswer, code: number) => answer.kind === 'answered' && answer.status === code;

/** A request without a token: 401 with `WWW-Authenticate: Bearer …resource_metadata="<url>"` (RFC 9728 §5.1). */
export function challenge(answer: HttpAnswer): Problems {
  if (!status(answer, 401)) return [`a request without a token must get HTTP 401, got ${showHttp(answer)}`];
  const parsed = parseChallenge((answer as { headers: Record<string, string> }).headers['www-authenticate']);
  if (!parsed) return [`the 401 has no WWW-Authenticate header`];
  const problems: Problems = [];
  if (parsed.scheme.toLowerCase() !== 'bearer') problems.push(`WWW-Authenticate must use the Bearer scheme, got ${brief(parsed.scheme)}`);
  const metadata = parsed.params.resource_metadata;
  if (metadata === undefined) problems.push(`WWW-Authenticate has no resource_metadata (the URL of the protected resource metadata)`);
  else if (!URL.canParse(metadata)) problems.push(`resource_metadata must be a URL, got ${brief(metadata)}`);
  return problems;
}

/** The canonical URI of an MCP server (RFC 8707 as the MCP spec uses it): scheme and host lower-case, no fragment, no trailing slash. */
export function canonicalUri(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href.replace(/\/$/, '');
}

/** RFC 9728: the protected resource metadata at the path-inserted well-known names this server and an authorization server. */
export function protectedResourceMetadata(answer: HttpAnswer, serverUrl: string): Problems {
  if (!ok(answer)) return [`no protected resource metadata: ${showHttp(answer)}`];
  let document: unknown;
  try {
    document = JSON.parse((answer as { body: string }).body);
  } catch {
    return [`the metadata is not JSON: ${showHttp(answer)}`];
  }
  if (!isObject(document) || Array.isArray(document)) return [`the metadata must be a JSON object, got ${brief(document)}`];
  const problems: Problems = [];
  const expected = canonicalUri(serverUrl);
  if (typeof document.resource !== 'string')
    problems.push(`"resource" must be the server's canonical URI ${expected}, got ${brief(document.resource)}`);
  else if (!URL.canParse(document.resource) || canonicalUri(document.resource) !== expected)
    problems.push(`"resource" must be the server's canonical URI ${expected}, got ${brief(document.resource)}`);
  const servers = document.authorization_servers;
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string' && URL.canParse(s)))
    problems.push(`"authorization_servers" must name at least one authorization server (issuer URLs), got ${brief(servers)}`);
  return problems;
}

/** A token the server must not accept: 401 (RFC 6750 §3.1 invalid_token). */
export function refused(answer: HttpAnswer, token: string): Problems {
  if (status(answer, 401)) return [];
  if (ok(answer)) return [`the server accepted ${token}: ${showHttp(answer)}`];
  return [`${token} must get HTTP 401, got ${showHttp(answer)}`];
}

/** A token the server must accept: its request is answered (2xx). */
export function accepted(answer: HttpAnswer, token: string): Problems {
  return ok(answer) ? [] : [`${token} must be accepted, got ${showHttp(answer)}`];
}

/**
 * A valid token without the scope the server asks for: 403 with `error="insufficient_scope"` and
 * the `scope` needed (MCP authorization, scope challenge handling). `asked` undefined: the server
 * names no scope (neither in its 401 challenge nor in scopes_supported), so there is nothing to miss.
 */
export function insufficientScope(answer: HttpAnswer, asked: string | undefined, challengeScope: string | undefined): Problems {
  if (ok(answer)) {
    return challengeScope
      ? [`the 401 challenge asks for scope ${brief(challengeScope)}, but a token without it was accepted: ${showHttp(answer)}`]
      : [];
  }
  if (!status(answer, 403))
    return [`a token without scope ${brief(asked)} must get HTTP 403 (insufficient_scope), got ${showHttp(answer)}`];
  const parsed = parseChallenge((answer as { headers: Record<string, string> }).headers['www-authenticate']);
  const problems: Problems = [];
  if (!parsed || parsed.scheme.toLowerCase() !== 'bearer')
    problems.push(`the 403 must carry WWW-Authenticate: Bearer, got ${showHttp(answer)}`);
  else {
    if (parsed.params.error !== 'insufficient_scope')
      problems.push(`WWW-Authenticate must say error="insufficient_scope", got error=${brief(parsed.params.error)}`);
    if (!parsed.params.scope) problems.push(`WWW-Authenticate must name the scope needed (scope="…")`);
  }
  return problems;
}

/**
 * DNS rebinding: a request with a foreign Host (or Origin) to a loopback server is refused (4xx),
 * while the same request with the server's own Host is answered, so the refusal is about the header.
 */
export function rebinding(foreign: HttpAnswer, control: HttpAnswer, header: string): Problems {
  const problems: Problems = [];
  if (foreign.kind === 'failed') problems.push(`the request with ${header} got no answer (${foreign.message}); expected HTTP 4xx`);
  else if (foreign.status < 400 || foreign.status >= 500)
    problems.push(`a request with ${header} must be refused with HTTP 4xx, got ${showHttp(foreign)}`);
  if (!ok(control)) problems.push(`the same request with the server's own Host must be answered (the control), got ${showHttp(control)}`);
  return problems;
}

/** The protocol version in an initialize answer, or why there is none. */
export function answeredVersion(answer: HttpAnswer): { version?: string; why?: string } {
  if (answer.kind === 'failed') return { why: `no answer (${answer.message})` };
  const message = jsonRpcOf(answer.body);
  const result = isObject(message?.result) ? message.result : undefined;
  if (typeof result?.protocolVersion === 'string') return { version: result.protocolVersion };
  return { why: showHttp(answer) };
}

/**
 * Version negotiation (lifecycle): a server that supports the version the client asks for must
 * answer with that version. What it supports is what it answered to some request (or lists in
 * server/discover); answering another version to a request for one of those fails.
 */
export function versionAsAsked(asks: Array<{ asked: string; answer: HttpAnswer }>, discovered: readonly string[] = []): Problems {
  const answered = asks.map(({ asked, answer }) => ({ asked, ...answeredVersion(answer) }));
  const supported = new Set([...discovered, ...answered.flatMap((a) => (a.version ? [a.version] : []))]);
  const problems: Problems = [];
  // Nothing to compare would pass anything: a server that serves the 2025 protocol answers initialize.
  if (supported.size === 0 && answered.length)
    return [`no initialize was answered with a protocolVersion (asked for ${answered[0].asked}: ${answered[0].why})`];
  for (const { asked, version, why } of answered) {
    if (!supported.has(asked) || version === asked) continue;
    problems.push(
      version
        ? `asked for ${asked}, which it supports (it answered that version to another request or lists it), and it answered ${version}`
        : `asked for ${asked}, which it supports, and it did not answer the initialize: ${why}`,
    );
  }
  return problems;
}
