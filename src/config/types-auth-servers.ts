/**
 * The public shape of `testEnvironmentOptions.mcp.authServers.<name>` and of `startAuthServer`'s
 * options (jest-mcp/oauth). Part of `types.ts`, which re-exports it; a file of its own only to keep
 * each under 300 lines.
 */

/** A user of a test authorization server (`mcp.authServers.<name>.users.<username>`). */
export interface McpAuthServerUser {
  /** What the login form wants. May use `${VAR}`; never printed. */
  password: string;
  /** Extra claims of the user (`email`, `name`, …), in ID tokens and the userinfo answer. */
  claims?: Record<string, unknown>;
  /** `grant` (default): consent is given at once. `deny`: the user refuses (the client gets `error=access_denied`). */
  consent?: 'grant' | 'deny';
}

/**
 * A client registered with a test authorization server in advance, in RFC 7591 metadata names.
 * `client_secret` may use `${VAR}` and is never printed.
 */
export interface McpAuthServerClient {
  client_id: string;
  client_secret?: string;
  /** Where the authorization server may send the code. Loopback `http://127.0.0.1:<any port>` URIs match any port. */
  redirect_uris?: string[];
  /** Default `client_secret_basic` with a secret, `none` without one. */
  token_endpoint_auth_method?: 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** Default: `authorization_code` and `refresh_token`, plus `client_credentials` for a confidential client. */
  grant_types?: Array<'authorization_code' | 'refresh_token' | 'client_credentials'>;
  /** The client's public keys, for `private_key_jwt`. */
  jwks?: { keys: Array<Record<string, unknown>> };
  /** Space-separated scopes the client may ask for. Default: all of `scopes`. */
  scope?: string;
}

/**
 * A test OAuth 2.1 authorization server (built on `oidc-provider`), listening on 127.0.0.1: from
 * `jest-mcp/oauth`'s `startAuthServer(options)`, or started for the run by `mcp.authServers`.
 */
export interface McpAuthServerOptions {
  /** The port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** The users who can sign in, by username. */
  users?: Record<string, McpAuthServerUser>;
  /** Clients registered in advance. */
  clients?: McpAuthServerClient[];
  /** The scopes it offers (`scopes_supported`, besides `openid` and `offline_access`). Default `['mcp']`. */
  scopes?: string[];
  /** Seconds an access token lives. Default 3600. */
  accessTokenTtl?: number;
  /** Seconds a refresh token lives. Default 86400 (one day). */
  refreshTokenTtl?: number;
  /** Dynamic client registration (RFC 7591). Default true. */
  dynamicRegistration?: boolean;
  /**
   * Client ID Metadata Documents: a `client_id` that is an https URL (or an http URL on
   * 127.0.0.1/localhost, for tests) is fetched as the client's metadata. Default true.
   */
  clientIdMetadataDocuments?: boolean;
  /** A username: that user is signed in without a login page (a suite with one user). */
  autoApprove?: string;
}
