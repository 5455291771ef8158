import type { BearerChallenge, ClientCredentials, OAuthRun } from './types';

/**
 * OAuth through `@modelcontextprotocol/sdk` 1.x. Its `auth()` discovers, registers, starts the
 * authorization and redeems the code; what it lacks from MCP 2026-07-28 is added here, around
 * it: the metadata's `issuer` must be the URL it was discovered from (RFC 8414 §3.3), and the
 * authorization response's `iss` must name that issuer (RFC 9207) before the code is redeemed.
 */

type AuthModule = typeof import('@modelcontextprotocol/sdk/client/auth.js');
type Discovery = { authorizationServerUrl?: string; authorizationServerMetadata?: Record<string, unknown> };
type WithDiscovery = {
  discoveryState?(): Discovery | undefined | Promise<Discovery | undefined>;
  saveDiscoveryState?(state: Discovery): unknown;
};

function authModule(): AuthModule {
  return require('@modelcontextprotocol/sdk/client/auth.js') as AuthModule;
}

export class OAuthIssuerError extends Error {
  override name = 'IssuerMismatchError';
}

/** RFC 8414 §3.3: the issuer a metadata document names is the URL it was found from (a trailing slash aside). */
function checkMetadataIssuer(state: Discovery): void {
  const expected = state.authorizationServerUrl;
  const issuer = state.authorizationServerMetadata?.issuer;
  if (expected === undefined || typeof issuer !== 'string') return;
  if (issuer === expected || (expected.endsWith('/') && issuer === expected.slice(0, -1))) return;
  throw new OAuthIssuerError(`the authorization server metadata names issuer "${issuer}", not "${expected}" where it was discovered`);
}

/** RFC 9207 as MCP 2026-07-28 tabulates it: compared without normalisation. */
function checkResponseIssuer(iss: string | undefined, metadata: Record<string, unknown> | undefined): void {
  const expected = metadata?.issuer;
  if (typeof expected !== 'string') return;
  if (iss === undefined) {
    if (metadata?.authorization_response_iss_parameter_supported === true)
      throw new OAuthIssuerError(`the authorization response has no "iss", though the authorization server ${expected} says it sends one`);
    return;
  }
  if (iss !== expected) throw new OAuthIssuerError(`the authorization response comes from issuer "${iss}", not "${expected}"`);
}

export async function runOAuth(provider: unknown, run: OAuthRun): Promise<'AUTHORIZED' | 'REDIRECT'> {
  const own = provider as WithDiscovery;
  if (run.authorizationCode !== undefined) checkResponseIssuer(run.iss, (await own.discoveryState?.())?.authorizationServerMetadata);
  const checked = new Proxy(provider as object, {
    get(target, key, receiver) {
      if (key === 'saveDiscoveryState' && typeof own.saveDiscoveryState === 'function') {
        return (state: Discovery) => {
          checkMetadataIssuer(state);
          return own.saveDiscoveryState?.(state);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return authModule().auth(checked as never, {
    serverUrl: run.serverUrl,
    authorizationCode: run.authorizationCode,
    scope: run.scope,
    resourceMetadataUrl: run.resourceMetadataUrl === undefined ? undefined : new URL(run.resourceMetadataUrl),
    fetchFn: run.fetchFn,
  });
}

export function bearerChallenge(header: string): BearerChallenge {
  const { resourceMetadataUrl, scope, error } = authModule().extractWWWAuthenticateParams(
    new Response(null, { status: 401, headers: { 'www-authenticate': header } }),
  );
  return { resourceMetadataUrl: resourceMetadataUrl?.href, scope, error };
}

export function isRedirectError(error: unknown): boolean {
  return error instanceof authModule().UnauthorizedError;
}

export function clientCredentialsProvider(options: ClientCredentials): unknown {
  const { ClientCredentialsProvider, PrivateKeyJwtProvider } =
    require('@modelcontextprotocol/sdk/client/auth-extensions.js') as typeof import('@modelcontextprotocol/sdk/client/auth-extensions.js');
  const { clientId, clientSecret, privateKey, algorithm, scope, issuer, clientName } = options;
  // With `expectedIssuer`, the SDK sends the credentials only to that authorization server.
  if (privateKey !== undefined) {
    return new PrivateKeyJwtProvider({
      clientId,
      privateKey,
      algorithm: algorithm ?? 'RS256',
      scope,
      expectedIssuer: issuer,
      clientName,
    } as never);
  }
  return new ClientCredentialsProvider({ clientId, clientSecret: clientSecret ?? '', scope, expectedIssuer: issuer, clientName } as never);
}
