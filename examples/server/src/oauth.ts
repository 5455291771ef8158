import type { IncomingMessage } from 'node:http';

/**
 * The notes server as an OAuth protected resource (MCP authorization): when OAUTH_ISSUER and
 * OAUTH_JWKS are set, a bearer token may be a JWT access token (RFC 9068) from that
 * authorization server, verified here with jose against its JWKS: issuer, audience (this
 * server's own /mcp URL), expiry, signature, and the `notes` scope. The user is its `sub`.
 * Clients find the authorization server through the protected resource metadata (RFC 9728).
 */

export const NOTES_SCOPE = 'notes';

export interface OAuthConfig {
  issuer: string;
  jwksUri: string;
}

export function oauthFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthConfig | undefined {
  if (!env.OAUTH_ISSUER || !env.OAUTH_JWKS) return undefined;
  return { issuer: env.OAUTH_ISSUER, jwksUri: env.OAUTH_JWKS };
}

export type Verdict = { user: string } | { status: 401 | 403; error: string; description: string; scope?: string };

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
let jose: Promise<Jose> | undefined;

export class ProtectedResource {
  private jwks?: ReturnType<Jose['createRemoteJWKSet']>;

  constructor(
    private readonly config: OAuthConfig,
    /** This server's MCP endpoint: the `resource`, and the audience its tokens must have. */
    readonly resource: string,
  ) {}

  get metadataUrl(): string {
    const url = new URL(this.resource);
    return `${url.origin}/.well-known/oauth-protected-resource${url.pathname}`;
  }

  metadata(): Record<string, unknown> {
    return {
      resource: this.resource,
      authorization_servers: [this.config.issuer],
      scopes_supported: [NOTES_SCOPE],
      bearer_methods_supported: ['header'],
    };
  }

  /** `WWW-Authenticate` for a refusal (or for no token at all). */
  challenge(refusal?: { error: string; description: string; scope?: string }): string {
    const params: Record<string, string> = refusal ? { error: refusal.error, error_description: refusal.description } : {};
    params.scope = refusal?.scope ?? NOTES_SCOPE;
    params.resource_metadata = this.metadataUrl;
    return `Bearer ${Object.entries(params)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}`;
  }

  async verify(token: string): Promise<Verdict> {
    const { createRemoteJWKSet, jwtVerify } = await (jose ??= import('jose'));
    this.jwks ??= createRemoteJWKSet(new URL(this.config.jwksUri));
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, { issuer: this.config.issuer, audience: this.resource, typ: 'at+jwt' }));
    } catch (error) {
      return { status: 401, error: 'invalid_token', description: (error as { code?: string }).code ?? 'invalid token' };
    }
    const scopes = String(payload.scope ?? '').split(' ');
    if (!scopes.includes(NOTES_SCOPE)) {
      return { status: 403, error: 'insufficient_scope', description: `the ${NOTES_SCOPE} scope is needed`, scope: NOTES_SCOPE };
    }
    if (typeof payload.sub !== 'string' || !payload.sub) return { status: 401, error: 'invalid_token', description: 'no sub' };
    return { user: payload.sub };
  }
}

/** A JWT, by shape: three base64url parts. Static tokens never look like one. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** A token in the query string is refused, whoever sends it: MCP clients send it in the header only. */
export function hasQueryToken(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.has('access_token');
}
