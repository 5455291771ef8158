/** The public shapes of a test authorization server and the tokens it mints. */

/**
 * How `mintToken` spoils a token, to check that a resource server refuses it. The defaults make
 * a valid access token (RFC 9068 JWT): `iss` the server, `aud` the resource, `sub` a user,
 * `scope` every offered scope, `client_id`, `iat`, `exp` in `expiresIn` seconds, `jti`.
 */
export interface MintOptions {
  /** The resource (MCP server URL) the token is for: its `aud`. Required unless `audience` is given. */
  resource?: string;
  /** `aud` as it is, instead of `resource`. */
  audience?: string | string[];
  /** The user (`sub`). Default: the first configured user, else `test-user`. */
  user?: string;
  /** The scopes, space-separated or a list. Default: every offered scope. */
  scope?: string | string[];
  /** Scopes left out of the default (or given) ones: a token missing a scope. */
  withoutScope?: string | string[];
  /** `client_id`. Default: the first pre-registered client, else `jest-mcp-minted`. */
  clientId?: string;
  /** Seconds until `exp`. Default 300. */
  expiresIn?: number;
  /** Expired an hour ago. */
  expired?: boolean;
  /** Valid only from an hour from now (`nbf`, `iat`). */
  notYetValid?: boolean;
  /** `aud` some other resource. */
  wrongAudience?: boolean;
  /** `iss` some other authorization server. */
  wrongIssuer?: boolean;
  /** Signed by a key that is not in the JWKS (with the JWKS key's `kid`): the signature does not verify. */
  badSignature?: boolean;
}

/** One request at the token endpoint: never a code, token or secret. */
export interface TokenRequest {
  grantType: string;
  clientId?: string;
  /** The signed-in user, for grants that have one. */
  user?: string;
  /** The OAuth error the request was refused with. */
  error?: string;
}

/** A run-wide test authorization server (`mcp.authServers.<name>`), as workers and test files see it. */
export interface RunAuthServer {
  name: string;
  issuer: string;
  jwksUri: string;
  /** A signed JWT access token; `claims` are added last (they win). */
  mintToken: (claims?: Record<string, unknown>, options?: MintOptions) => Promise<string>;
}

/** A test authorization server this process started (`startAuthServer`). */
export interface AuthServer {
  issuer: string;
  jwksUri: string;
  /** RFC 8414 metadata: `<issuer>/.well-known/oauth-authorization-server`. */
  metadataUrl: string;
  mintToken: (claims?: Record<string, unknown>, options?: MintOptions) => Promise<string>;
  /** Every token request so far, oldest first. */
  tokenRequests: () => TokenRequest[];
  close: () => Promise<void>;
}
