import type { McpSdk } from '../sdk';
import type { HttpClientSpec } from '../config/specs';
import { McpModuleError } from '../util/errors';
import { loadUserModule } from '../util/load-module';

/**
 * OAuth for HTTP clients: the SDK's client-credentials provider from config, or any
 * `OAuthClientProvider` a project writes, loaded from a module (config reaches workers
 * serialized, so it cannot hold the provider itself). The SDK runs the flow: on a 401 it
 * discovers the authorization server, gets a token, and retries.
 */

type ProviderFactory = (context: { client: string; url: string }) => unknown;

export async function createAuthProvider(sdk: McpSdk, spec: HttpClientSpec): Promise<unknown> {
  const auth = spec.auth;
  // The authorization code grant is not the transport's business: `bearerFetch` sends the token.
  if (!auth || 'authorizationCode' in auth) return undefined;
  if ('clientCredentials' in auth) {
    return sdk.clientCredentialsProvider({ ...auth.clientCredentials, clientName: `jest-mcp (${spec.name})` });
  }
  const file = auth.module; // made absolute (from rootDir) by config
  const where = `${spec.where}.auth.module`;
  const mod = (await loadUserModule(file)) as { default?: unknown; provider?: unknown; createProvider?: unknown };
  for (const candidate of [mod, mod.default, mod.provider, mod.createProvider]) {
    if (sdk.isAuthProvider(candidate)) return candidate;
    if (typeof candidate === 'function') {
      const made = await (candidate as ProviderFactory)({ client: spec.name, url: spec.url });
      if (sdk.isAuthProvider(made)) return made;
      throw new McpModuleError(`jest-mcp: ${where} (${file}): its function did not return an OAuthClientProvider`, file);
    }
  }
  throw new McpModuleError(
    `jest-mcp: ${where} (${file}) must export an OAuthClientProvider, or a function ({ client, url }) that returns one`,
    file,
  );
}
