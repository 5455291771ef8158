import { randomBytes } from 'node:crypto';
import { type HttpTarget, openingRequest, withoutAuthorization } from '../session/http-target';
import { type HttpAnswer, jsonRpcOf, rawHttp } from '../util/raw-http';
import * as rules from './rules-http';
import { type MintOptions, type RunAuthServer, runAuthServerFor } from './run-auth';
import { isObject } from './show';
import type { Check } from './types';

/**
 * The checks of an HTTP server's own behaviour: as a protected resource when the client has
 * `auth`, and its HTTP hygiene (Host/Origin validation, the version it answers) always. What the
 * server said at setup (its challenge, its metadata) decides which apply; the requests are made
 * when each test runs, with raw HTTP: the SDK transports would add or retry what a check leaves out.
 */

export interface HttpView {
  /** Undefined over stdio. */
  target: HttpTarget | undefined;
  /** The session's version; undefined: SDK 1.x, which asks for the latest 2025 one. */
  negotiatedVersion: string | undefined;
  knownVersions: readonly string[];
  /** The run's test authorization servers (injected by unit tests). */
  findAuthServer?: (issuers: readonly string[]) => RunAuthServer | undefined;
}

export const HYGIENE_RULES = ['http/dns-rebinding-host', 'http/dns-rebinding-origin', 'http/protocol-version-as-asked'] as const;
const MINTED_RULES = [
  'auth/valid-token-accepted',
  'auth/expired-token-refused',
  'auth/not-yet-valid-token-refused',
  'auth/wrong-audience-refused',
  'auth/wrong-issuer-refused',
  'auth/bad-signature-refused',
  'auth/token-in-query-refused',
  'auth/insufficient-scope',
] as const;
export const AUTH_RULES = ['auth/challenge', 'auth/protected-resource-metadata', 'auth/garbage-token-refused', ...MINTED_RULES] as const;

const FOREIGN_HOST = 'evil.example';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const LATEST_2025 = '2025-11-25';

const skipAll = (ids: readonly string[], why: string): Check[] => ids.map((rule) => ({ rule, skipped: why }));

export function httpChecks(view: HttpView, timeout: number): Check[] {
  const { target } = view;
  if (!target) return skipAll([...HYGIENE_RULES, ...AUTH_RULES], 'not an HTTP server');
  if (target.transport !== 'streamable-http')
    return skipAll([...HYGIENE_RULES, ...AUTH_RULES], 'the legacy HTTP+SSE transport is not checked (Streamable HTTP only)');
  const version = view.negotiatedVersion ?? LATEST_2025;
  const post = (headers: Record<string, string>, url = target.url, asked = version) => opening(url, headers, asked, timeout);
  const metadata = target.probe ? documentOf(target.probe.challengeMetadata ?? target.probe.metadata) : undefined;
  const issuers = Array.isArray(metadata?.authorization_servers) ? metadata.authorization_servers.filter((s) => typeof s === 'string') : [];
  const authServer = target.auth ? (view.findAuthServer ?? runAuthServerFor)(issuers) : undefined;
  const resource = typeof metadata?.resource === 'string' ? metadata.resource : rules.canonicalUri(target.url);
  const challenge = target.probe?.challenge;
  const challengeScope =
    challenge?.kind === 'answered' ? rules.parseChallenge(challenge.headers['www-authenticate'])?.params.scope : undefined;
  const supported = Array.isArray(metadata?.scopes_supported) ? metadata.scopes_supported.filter((s) => typeof s === 'string') : [];
  const scope = challengeScope ?? (supported.length ? supported.join(' ') : undefined);
  const mint = authServer && ((options: MintOptions) => authServer.mintToken({}, { resource, ...(scope ? { scope } : {}), ...options }));
  const validToken = mint && (() => mint({}));
  const bearer = (token: string) => ({ ...withoutAuthorization(target.headers), authorization: `Bearer ${token}` });

  // The hygiene checks need a request the server would answer: the client's own headers, or for
  // an OAuth client a token minted for the server.
  const credentials: (() => Promise<Record<string, string>>) | string = !target.auth
    ? async () => target.headers
    : validToken
      ? async () => bearer(await validToken())
      : noAuthServer(target, issuers);
  return [...hygieneChecks(target, view, credentials, post, version, timeout), ...authChecks()];

  function authChecks(): Check[] {
    if (!target!.auth) return skipAll(AUTH_RULES, 'the client has no auth (these check a server protected by OAuth)');
    const probe = target!.probe;
    if (!probe) return skipAll(AUTH_RULES, 'the server was not probed at setup');
    const checks: Check[] = [
      { rule: 'auth/challenge', run: () => rules.challenge(probe.challenge) },
      { rule: 'auth/protected-resource-metadata', run: () => rules.protectedResourceMetadata(probe.metadata, target!.url) },
      {
        rule: 'auth/garbage-token-refused',
        run: async () => rules.refused(await post(bearer(randomBytes(24).toString('base64url'))), 'a random string as token'),
      },
    ];
    if (!mint || !validToken) return [...checks, ...skipAll(MINTED_RULES, noAuthServer(target!, issuers))];
    const refusedToken = (rule: string, what: string, spoiled: MintOptions): Check => ({
      rule,
      run: async () => rules.refused(await post(bearer(await mint(spoiled))), what),
    });
    checks.push(
      { rule: 'auth/valid-token-accepted', run: async () => rules.accepted(await post(bearer(await validToken())), 'a valid token') },
      refusedToken('auth/expired-token-refused', 'an expired token', { expired: true }),
      refusedToken('auth/not-yet-valid-token-refused', 'a token not valid before an hour from now (nbf)', { notYetValid: true }),
      refusedToken('auth/wrong-audience-refused', 'a token for another resource (aud)', { wrongAudience: true }),
      refusedToken('auth/wrong-issuer-refused', 'a token naming another issuer (iss)', { wrongIssuer: true }),
      refusedToken('auth/bad-signature-refused', 'a token signed by a key not in the JWKS', { badSignature: true }),
      {
        rule: 'auth/token-in-query-refused',
        run: async () => {
          const url = new URL(target!.url);
          url.searchParams.set('access_token', await validToken());
          return rules.notAccepted(
            await post(withoutAuthorization(target!.headers), url.href),
            'a valid token in the query string (?access_token=)',
          );
        },
      },
      scope === undefined
        ? { rule: 'auth/insufficient-scope', skipped: 'the server names no scope (neither its 401 challenge nor scopes_supported)' }
        : {
            rule: 'auth/insufficient-scope',
            item: scope,
            run: async () => rules.insufficientScope(await post(bearer(await mint({ withoutScope: scope }))), scope, challengeScope),
          },
    );
    return checks;
  }
}

function noAuthServer(target: HttpTarget, issuers: string[]): string {
  return target.auth && issuers.length
    ? `no test authorization server of this run issues this server's tokens (its metadata names ${issuers.join(', ')}; configure one in mcp.authServers and have the server trust it)`
    : `no test authorization server of this run issues this server's tokens (its metadata names none; configure one in mcp.authServers)`;
}

function hygieneChecks(
  target: HttpTarget,
  view: HttpView,
  credentials: (() => Promise<Record<string, string>>) | string,
  post: (headers: Record<string, string>, url?: string, asked?: string) => Promise<HttpAnswer>,
  version: string,
  timeout: number,
): Check[] {
  if (typeof credentials === 'string') return skipAll(HYGIENE_RULES, `the server wants an OAuth token and ${credentials}`);
  const host = new URL(target.url).host;
  const loopback = LOOPBACK.has(new URL(target.url).hostname);
  const notLocal = 'not a loopback server (DNS rebinding protection is for servers on this machine)';
  const rebinding = (rule: string, foreign: Record<string, string>, header: string): Check =>
    loopback
      ? {
          rule,
          run: async () => {
            const headers = await credentials();
            const [bad, control] = [await post({ ...headers, ...foreign }), await post({ ...headers, host })];
            return rules.rebinding(bad, control, header);
          },
        }
      : { rule, skipped: notLocal };
  const legacyVersions = view.knownVersions.filter((v) => v < '2026-07-28');
  return [
    rebinding('http/dns-rebinding-host', { host: FOREIGN_HOST }, `Host: ${FOREIGN_HOST}`),
    rebinding('http/dns-rebinding-origin', { host, origin: `http://${FOREIGN_HOST}` }, `Origin: http://${FOREIGN_HOST}`),
    {
      rule: 'http/protocol-version-as-asked',
      run: async () => {
        const headers = await credentials();
        // Side by side: each is bounded by the timeout, and the test has three times that in all.
        const asks = await Promise.all(legacyVersions.map(async (asked) => ({ asked, answer: await post(headers, target.url, asked) })));
        const discovered = version >= '2026-07-28' ? supportedOf(await opening(target.url, headers, version, timeout)) : [];
        return rules.versionAsAsked(asks, discovered);
      },
    },
  ];
}

/** Opens a session as a client would (initialize, or server/discover), and ends any it opened. */
async function opening(url: string, headers: Record<string, string>, version: string, timeout: number): Promise<HttpAnswer> {
  const request = openingRequest(version);
  const answer = await rawHttp({ method: 'POST', url, headers: { ...headers, ...request.headers }, body: request.body, timeout });
  const session = answer.kind === 'answered' ? answer.headers['mcp-session-id'] : undefined;
  const host = headers.host;
  if (session) {
    // A well-behaved server frees the session now rather than at its idle timeout.
    const end = { ...headers, 'mcp-session-id': session, 'mcp-protocol-version': version, ...(host ? { host } : {}) };
    await rawHttp({ method: 'DELETE', url, headers: end, timeout });
  }
  return answer;
}

function documentOf(answer: HttpAnswer | undefined): Record<string, unknown> | undefined {
  if (answer?.kind !== 'answered') return undefined;
  try {
    const value: unknown = JSON.parse(answer.body);
    return isObject(value) && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function supportedOf(answer: HttpAnswer): string[] {
  const result = answer.kind === 'answered' ? jsonRpcOf(answer.body)?.result : undefined;
  const versions = isObject(result) ? result.supportedVersions : undefined;
  return Array.isArray(versions) ? versions.filter((v): v is string => typeof v === 'string') : [];
}
