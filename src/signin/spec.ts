import type { HttpClientSpec } from '../config/specs';
import type { McpAuthorizationCodeOptions } from '../config/types';
import type { SdkGeneration } from '../sdk';
import type { SignInSpec } from './user-session';

/** Nothing listens there: jest-mcp reads the code from the redirect before any request is made to it. */
export const DEFAULT_REDIRECT_URL = 'http://127.0.0.1/jest-mcp/callback';

/** A client's resolved `auth.authorizationCode` as the broker takes it. */
export function signInSpec(spec: HttpClientSpec, code: McpAuthorizationCodeOptions, sdk: SdkGeneration): SignInSpec {
  const { login } = code;
  return {
    user: spec.name,
    where: `${spec.where}.auth.authorizationCode`,
    serverUrl: spec.url,
    sdk,
    redirectUrl: code.redirectUrl ?? DEFAULT_REDIRECT_URL,
    clientId: code.clientId,
    clientSecret: code.clientSecret,
    clientMetadataUrl: code.clientMetadataUrl,
    scope: code.scope,
    login: typeof login === 'string' ? { module: login } : login,
    stepTimeoutMs: spec.timeouts.connect,
  };
}

/** For a project's own provider (`auth: { module }`): its redirect URI, no login. */
export function providerSignInSpec(spec: HttpClientSpec, provider: unknown, sdk: SdkGeneration): SignInSpec {
  return {
    user: spec.name,
    where: `${spec.where}.auth.module`,
    serverUrl: spec.url,
    sdk,
    redirectUrl: String((provider as { redirectUrl: unknown }).redirectUrl),
    stepTimeoutMs: spec.timeouts.connect,
  };
}
