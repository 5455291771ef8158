/** The OAuth part of the public option types (`clients.<name>.auth`), re-exported by `types.ts`. */

/**
 * A user signing in with the authorization code grant (PKCE S256), headless: jest-mcp follows
 * the authorization server's redirects itself, once per run and user (the client's name is the
 * user), in Jest's main process. Every key is optional; values may use `${VAR}`, and secrets
 * (`clientSecret`, `login.password`) are never printed. Registration goes the way the MCP spec
 * orders it: `clientId` (pre-registered), else `clientMetadataUrl` where the authorization server
 * supports Client ID Metadata Documents, else dynamic registration.
 */
export interface McpAuthorizationCodeOptions {
  /** A client registered with the authorization server beforehand. */
  clientId?: string;
  /** The pre-registered client's secret (a confidential client). */
  clientSecret?: string;
  /** An https URL of this client's Client ID Metadata Document, used as its `client_id`. */
  clientMetadataUrl?: string;
  /** The scope to ask for; default: what the server's challenge or metadata names. */
  scope?: string;
  /**
   * How to get past a login page: `{ username, password }` posts a plain HTML login form; a
   * module path (from rootDir) exporting `async ({ authorizationUrl, redirectUrl, user }) => url`
   * signs in any other way (a browser driven by Playwright) and returns the URL the server
   * redirected to. Without it, only an authorization server that approves at once works.
   */
  login?: string | { username: string; password: string };
  /** The redirect URI sent (and registered). Default `http://127.0.0.1/jest-mcp/callback` (a loopback URI, as native clients use); nothing listens there. */
  redirectUrl?: string;
}

/**
 * OAuth for an HTTP client: the authorization code grant for a user (`authorizationCode`), the
 * client-credentials grant (machine to machine, with a secret or a private key signing a JWT
 * assertion; values may use `${VAR}`, secrets are never printed), or a module (path from
 * rootDir) exporting an `OAuthClientProvider`, a 2.x `{ token, onUnauthorized }` provider, or a
 * function `({ client, url }) => provider`.
 */
export type McpAuthOptions =
  | { authorizationCode: McpAuthorizationCodeOptions }
  | {
      clientCredentials: {
        clientId: string;
        /** client_secret_basic or client_secret_post, whichever the server's metadata lists. */
        clientSecret?: string;
        /** A PEM private key (instead of `clientSecret`): the client authenticates with private_key_jwt. */
        privateKey?: string;
        /** The JWS algorithm for `privateKey`, e.g. `RS256` (default) or `ES256`. */
        algorithm?: string;
        scope?: string;
        /** The authorization server's issuer URL: the secret is sent only there (the SDK warns without it). */
        issuer?: string;
      };
    }
  | { module: string };
