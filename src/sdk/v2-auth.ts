import type { BearerChallenge, ClientCredentials, OAuthRun } from './types';

/**
 * OAuth through `@modelcontextprotocol/client` 2.x: its `auth()` already does everything the
 * MCP authorization spec asks of a client (discovery orders, PKCE, `resource`, scope choice,
 * registration order, `iss` and metadata-issuer checks, refresh, `offline_access`).
 */

type ClientPackage = typeof import('@modelcontextprotocol/client');

function client(): ClientPackage {
  return require('@modelcontextprotocol/client') as ClientPackage;
}

export async function runOAuth(provider: unknown, run: OAuthRun): Promise<'AUTHORIZED' | 'REDIRECT'> {
  const { auth } = client();
  return auth(provider as never, {
    serverUrl: run.serverUrl,
    authorizationCode: run.authorizationCode,
    iss: run.iss,
    scope: run.scope,
    resourceMetadataUrl: run.resourceMetadataUrl === undefined ? undefined : new URL(run.resourceMetadataUrl),
    fetchFn: run.fetchFn,
  });
}

export function bearerChallenge(header: string): BearerChallenge {
  const { resourceMetadataUrl, scope, error } = client().extractWWWAuthenticateParams(
    new Response(null, { status: 401, headers: { 'www-authenticate': header } }),
  );
  return { resourceMetadataUrl: resourceMetadataUrl?.href, scope, error };
}

export function isRedirectError(error: unknown): boolean {
  return error instanceof client().UnauthorizedError;
}

export function clientCredentialsProvider(options: ClientCredentials): unknown {
  const { ClientCredentialsProvider, PrivateKeyJwtProvider } = client();
  const { clientId, clientSecret, privateKey, algorithm, scope, issuer, clientName } = options;
  // With `expectedIssuer`, the SDK sends the credentials only to that authorization server.
  if (privateKey !== undefined) {
    return new PrivateKeyJwtProvider({ clientId, privateKey, algorithm: algorithm ?? 'RS256', scope, expectedIssuer: issuer, clientName });
  }
  return new ClientCredentialsProvider({ clientId, clientSecret: clientSecret ?? '', scope, expectedIssuer: issuer, clientName });
}
