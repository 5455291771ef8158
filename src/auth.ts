import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { HttpClientSpec } from './config';

/**
 * OAuth for HTTP clients: the SDK's client-credentials provider from config, or any
 * `OAuthClientProvider` a project writes, loaded from a module (config reaches workers
 * serialized, so it cannot hold the provider itself). The SDK runs the flow: on a 401 it
 * discovers the authorization server, gets a token, and retries.
 */

export type AuthSpec =
  | { clientCredentials: { clientId: string; clientSecret: string; scope?: string; issuer?: string } }
  | { module: string };

type ProviderFactory = (context: { client: string; url: string }) => OAuthClientProvider | Promise<OAuthClientProvider>;

function isProvider(value: unknown): value is OAuthClientProvider {
  return typeof value === 'object' && value !== null && typeof (value as OAuthClientProvider).tokens === 'function';
}

async function loadModule(file: string): Promise<unknown> {
  try {
    return require(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    return import(file);
  }
}

export async function createAuthProvider(spec: HttpClientSpec): Promise<OAuthClientProvider | undefined> {
  const auth = spec.auth;
  if (!auth) return undefined;
  if ('clientCredentials' in auth) {
    const { ClientCredentialsProvider } = await import('@modelcontextprotocol/sdk/client/auth-extensions.js');
    const { clientId, clientSecret, scope, issuer } = auth.clientCredentials;
    // With `issuer`, the SDK sends the secret only to that authorization server.
    return new ClientCredentialsProvider({ clientId, clientSecret, scope, expectedIssuer: issuer, clientName: `jest-mcp (${spec.name})` });
  }
  const file = auth.module; // made absolute (from rootDir) by config
  const where = `testEnvironmentOptions.mcp.clients.${spec.name}.auth.module`;
  const mod = (await loadModule(file)) as { default?: unknown; provider?: unknown; createProvider?: unknown };
  for (const candidate of [mod, mod.default, mod.provider, mod.createProvider]) {
    if (isProvider(candidate)) return candidate;
    if (typeof candidate === 'function') {
      const made = await (candidate as ProviderFactory)({ client: spec.name, url: spec.url });
      if (isProvider(made)) return made;
      throw new Error(`jest-mcp: ${where} (${file}): its function did not return an OAuthClientProvider`);
    }
  }
  throw new Error(
    `jest-mcp: ${where} (${file}) must export an OAuthClientProvider, or a function ({ client, url }) that returns one`,
  );
}
