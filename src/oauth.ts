/**
 * `jest-mcp/oauth`: a test OAuth authorization server for MCP servers that are protected
 * resources. In a test file it runs in jest-mcp's environment (the file's worker) and is closed
 * at the end of the file at the latest; elsewhere (a script, a global setup) in the calling process.
 *
 * ```js
 * const { startAuthServer, authServer } = require('jest-mcp/oauth');
 * ```
 *
 * An entry of its own, so a test file that does not use it loads none of it.
 *
 * @module jest-mcp/oauth
 */
import type { McpAuthServerOptions } from './config/types';
import { oauthBridge } from './authserver/bridge-key';
import { runAuthServer } from './authserver/run-handle';
import type { AuthServer, RunAuthServer } from './authserver/types';

export type { McpAuthServerClient, McpAuthServerOptions, McpAuthServerUser } from './config/types';
export type { AuthServer, MintOptions, RunAuthServer, TokenRequest } from './authserver/types';

/** Values made in the worker's realm, re-made in this one, so that `toEqual` and `instanceof` work in tests. */
function here<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function inThisRealm(error: unknown): Error {
  const e = error as { message?: string; name?: string; code?: string } | undefined;
  const made = new Error(e?.message ?? String(error));
  if (e?.name) made.name = e.name;
  if (e?.code) (made as Error & { code?: string }).code = e.code;
  return made;
}

/**
 * Starts a test authorization server on 127.0.0.1 (oidc-provider): RFC 8414 and OIDC metadata,
 * JWKS, authorization code + PKCE (S256), RFC 8707 resources in JWT access tokens, refresh
 * token rotation, client credentials, dynamic registration, Client ID Metadata Documents, a
 * login page for `users` (or `autoApprove`). `close()` it when done.
 */
export async function startAuthServer(options: McpAuthServerOptions = {}): Promise<AuthServer> {
  const bridge = oauthBridge();
  if (!bridge) {
    const { startAuthServer: start } = await import('./authserver/server');
    const { issuer, jwksUri, metadataUrl, mintToken, tokenRequests, close } = await start(options);
    return { issuer, jwksUri, metadataUrl, mintToken, tokenRequests, close };
  }
  const started = await bridge.start(here(options)).catch((error: unknown) => {
    throw inThisRealm(error);
  });
  return {
    issuer: started.issuer,
    jwksUri: started.jwksUri,
    metadataUrl: started.metadataUrl,
    mintToken: (claims, mintOptions) =>
      started.mintToken(claims && here(claims), mintOptions && here(mintOptions)).catch((error: unknown) => {
        throw inThisRealm(error);
      }),
    tokenRequests: () => here(started.tokenRequests()),
    close: () => started.close(),
  };
}

/**
 * The run's authorization server `mcp.authServers.<name>`: its issuer, JWKS URL and `mintToken`.
 * Throws, naming the configured ones, if the run has none of that name.
 */
export function authServer(name: string): RunAuthServer {
  const found = runAuthServer(name);
  if (found) return found;
  throw new Error(
    `jest-mcp: no authorization server "${name}" in this run. Configure it as testEnvironmentOptions.mcp.authServers.${name}; ` +
      `jest-mcp's global setup (the preset's) starts it.`,
  );
}
