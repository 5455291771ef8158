import { OAUTH_BRIDGE_KEY } from '../channels/keys';
import type { McpAuthServerOptions } from '../config/types';
import type { RunAuthServerInfo } from './handoff';
import type { AuthServer, MintOptions } from './types';

/**
 * Where jest-mcp's environment leaves, on a test file's global, what test-realm code cannot do
 * itself: start an authorization server and sign tokens (oidc-provider and jose are ES modules,
 * which Jest's vm cannot `import()` without --experimental-vm-modules). A module of its own, so
 * that the test realm loads nothing else to find it.
 */
export { OAUTH_BRIDGE_KEY };

export interface OAuthBridge {
  start(options: McpAuthServerOptions): Promise<AuthServer>;
  mint(server: RunAuthServerInfo, claims?: Record<string, unknown>, options?: MintOptions): Promise<string>;
}

export function oauthBridge(): OAuthBridge | undefined {
  return (globalThis as Record<symbol, OAuthBridge | undefined>)[OAUTH_BRIDGE_KEY];
}
