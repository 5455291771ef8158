import { randomBytes } from 'node:crypto';
import type { McpAuthServerClient, McpAuthServerOptions } from '../config/types';
import { createAdapterFactory } from './adapter';

/**
 * What oidc-provider is told: the features an MCP authorization server needs (RFC 8414 and OIDC
 * discovery, PKCE S256 required, RFC 8707 resources bound into JWT access tokens (RFC 9068),
 * refresh token rotation, `iss` in authorization responses (RFC 9207, on by default), client
 * credentials, dynamic registration, Client ID Metadata Documents), the accounts, the clients.
 */

/** The part of oidc-provider's API jest-mcp uses (the package ships no types). */
export interface OidcProvider {
  callback(): (req: unknown, res: unknown) => void;
  on(event: string, listener: (ctx: OidcContext, error?: { error?: string }) => void): void;
  interactionDetails(req: unknown, res: unknown): Promise<unknown>;
  interactionFinished(
    req: unknown,
    res: unknown,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: GrantClass;
}

interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}

interface GrantClass {
  new (init: { accountId: string; clientId: string }): GrantInstance;
  find(id: string): Promise<GrantInstance | undefined>;
}

export interface OidcContext {
  oidc?: {
    params?: { grant_type?: string; client_id?: string };
    client?: { clientId: string };
    entities?: Record<string, { accountId?: string } | undefined>;
  };
}

export const DEFAULT_SCOPES = ['mcp'];
export const DEFAULT_TTL = { access: 3600, refresh: 86_400 } as const;

function clientMetadata(client: McpAuthServerClient, scopes: string[]): Record<string, unknown> {
  const confidential = client.client_secret !== undefined || client.token_endpoint_auth_method === 'private_key_jwt';
  const codeFlow = Boolean(client.redirect_uris?.length);
  const grantTypes = client.grant_types ?? [
    ...(codeFlow ? ['authorization_code', 'refresh_token'] : []),
    ...(confidential ? ['client_credentials'] : []),
  ];
  return {
    redirect_uris: [],
    response_types: grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: client.token_endpoint_auth_method ?? (client.client_secret !== undefined ? 'client_secret_basic' : 'none'),
    scope: ['openid', 'offline_access', ...scopes].join(' '),
    ...client,
    grant_types: grantTypes,
  };
}

export function providerConfig(options: McpAuthServerOptions, signingKey: Record<string, unknown>): Record<string, unknown> {
  const users = options.users ?? {};
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const accessTokenTTL = options.accessTokenTtl ?? DEFAULT_TTL.access;
  const refreshTokenTTL = options.refreshTokenTtl ?? DEFAULT_TTL.refresh;
  const claimNames = [...new Set(Object.values(users).flatMap((u) => Object.keys(u.claims ?? {})))];
  const known = (sub: string) => sub in users || sub === options.autoApprove;
  return {
    adapter: createAdapterFactory({ clientIdMetadataDocuments: options.clientIdMetadataDocuments ?? true }),
    clients: (options.clients ?? []).map((c) => clientMetadata(c, scopes)),
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    findAccount: (_ctx: unknown, sub: string) =>
      known(sub) ? { accountId: sub, claims: () => ({ sub, ...(users[sub]?.claims ?? {}) }) } : undefined,
    claims: { openid: ['sub', ...claimNames] },
    scopes: ['openid', 'offline_access', ...scopes],
    responseTypes: ['code'],
    jwks: { keys: [signingKey] },
    // Signs the interaction cookies; a new server, new keys.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: options.dynamicRegistration ?? true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientIdMetadataDocument: { enabled: options.clientIdMetadataDocuments ?? true, ack: 'draft-02' },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string) => oneOf,
        // A refresh without `resource` gets a token for the resource the user consented to.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: scopes.join(' '),
          audience: resource,
          accessTokenTTL,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: signingKey.alg } },
        }),
      },
    },
    ttl: {
      AccessToken: accessTokenTTL,
      ClientCredentials: accessTokenTTL,
      RefreshToken: refreshTokenTTL,
      Grant: refreshTokenTTL,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: refreshTokenTTL,
    },
    // Every refresh answers with a new refresh token and retires the old one (OAuth 2.1 rotation).
    rotateRefreshToken: true,
    // Any client allowed the refresh_token grant gets one, `offline_access` asked for or not: MCP clients refresh when they can.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
  };
}
