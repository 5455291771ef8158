import type { McpAuthServerOptions } from '../config/types';
import type { OAuthBridge } from './bridge-key';
import type { RunAuthServerInfo } from './handoff';
import type { AuthServer, MintOptions } from './types';

/**
 * The environment's side of the bridge (Node's realm, in a worker): starts the authorization
 * servers a test file asks for and closes, at the file's end, any the file left open; signs
 * tokens of the run's servers. Loads oidc-provider and jose only when a test uses them.
 */
export class AuthServerBridge {
  private readonly open = new Set<AuthServer>();

  readonly api: OAuthBridge = {
    start: async (options: McpAuthServerOptions) => {
      const { startAuthServer } = await import('./server');
      const started = await startAuthServer(options);
      this.open.add(started);
      const close = () => started.close().finally(() => this.open.delete(started));
      return {
        issuer: started.issuer,
        jwksUri: started.jwksUri,
        metadataUrl: started.metadataUrl,
        mintToken: started.mintToken,
        tokenRequests: started.tokenRequests,
        close,
      };
    },
    mint: async (server: RunAuthServerInfo, claims?: Record<string, unknown>, options?: MintOptions) => {
      // Here, in the worker's realm, there is no bridge: this signs.
      const { mintWithKeyFile } = await import('./run-handle');
      return mintWithKeyFile(server, claims, options);
    },
  };

  /** Closes what the file's tests left open. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
    this.open.clear();
  }
}
