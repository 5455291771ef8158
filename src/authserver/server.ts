import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpAuthServerOptions } from '../config/types';
import { importPackage } from '../util/load-module';
import { handleInteraction } from './interactions';
import { newSigningKey } from './keys';
import { signToken } from './mint';
import { DEFAULT_SCOPES, type OidcContext, type OidcProvider, providerConfig } from './provider-config';
import { quietly } from './quiet';
import type { AuthServer, TokenRequest } from './types';
import { assertAuthServerOptions } from '../config/validate-auth-servers';

/**
 * A test authorization server: oidc-provider behind a plain Node HTTP server on 127.0.0.1, with
 * the login and consent steps served beside it. Everything OAuth is the engine's.
 */

export const AUTH_SERVER_HOST = '127.0.0.1';
const INTERACTION_PATH = /^\/interaction\/[^/?]+(?:\?|$)/;

export interface StartHooks {
  /** Called for every token request, after it was answered. */
  onTokenRequest?(request: TokenRequest): void;
  /** How messages name the options (a config path, or `startAuthServer(options)`). */
  where?: string;
}

/** The user a token request acted for: the code's, the refresh token's. */
function userOf(ctx: OidcContext): string | undefined {
  const entities = ctx.oidc?.entities ?? {};
  for (const kind of ['Account', 'AuthorizationCode', 'RefreshToken']) {
    if (entities[kind]?.accountId) return entities[kind].accountId;
  }
  return undefined;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, AUTH_SERVER_HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * An authorization request without `scope` (an MCP client whose server lists no scopes sends
 * none) gets every offered scope, the server's default scope (RFC 6749 section 3.3): the engine
 * would otherwise grant nothing and answer `access_denied`.
 */
function withDefaultScope(req: http.IncomingMessage, scopes: string[]): http.IncomingMessage {
  if (req.method !== 'GET' || !req.url?.startsWith('/auth?')) return req;
  const url = new URL(req.url, 'http://localhost');
  if (url.searchParams.get('scope')) return req;
  url.searchParams.set('scope', scopes.join(' '));
  req.url = `${url.pathname}${url.search}`;
  return req;
}

export interface StartedAuthServer extends AuthServer {
  /** The private signing key, for a run's key file. */
  signingKey: Record<string, unknown>;
  users: string[];
  scopes: string[];
  clientId?: string;
}

export async function startAuthServer(options: McpAuthServerOptions = {}, hooks: StartHooks = {}): Promise<StartedAuthServer> {
  const checked: unknown = options;
  assertAuthServerOptions(checked, hooks.where ?? 'startAuthServer(options)');
  const { default: Provider } = (await quietly(() => importPackage('oidc-provider'))) as {
    default: new (issuer: string, config: Record<string, unknown>) => OidcProvider;
  };
  const signingKey = await newSigningKey();
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  // Never what keeps a process alive: the test, or the run's teardown, closes it.
  server.unref();
  const port = await listen(server, checked.port ?? 0);
  const issuer = `http://${AUTH_SERVER_HOST}:${port}`;
  const provider = new Provider(issuer, providerConfig(checked, signingKey));
  const requests: TokenRequest[] = [];
  const record = (ctx: OidcContext, error?: string) => {
    const request: TokenRequest = {
      grantType: ctx.oidc?.params?.grant_type ?? '(none)',
      clientId: ctx.oidc?.client?.clientId ?? ctx.oidc?.params?.client_id,
      user: userOf(ctx),
      ...(error ? { error } : {}),
    };
    requests.push(request);
    hooks.onTokenRequest?.(request);
  };
  provider.on('grant.success', (ctx) => record(ctx));
  provider.on('grant.error', (ctx, error) => record(ctx, error?.error ?? 'server_error'));
  const engine = provider.callback();
  const interactions = { users: checked.users ?? {}, autoApprove: checked.autoApprove };
  const scopes = checked.scopes ?? DEFAULT_SCOPES;
  handler = (req, res) => {
    if (!INTERACTION_PATH.test(req.url ?? '')) return engine(withDefaultScope(req, scopes), res);
    handleInteraction(provider, interactions, req, res).catch((error: Error) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`This sign-in cannot go on: ${error.message}\n`);
    });
  };
  const users = Object.keys(checked.users ?? {});
  if (checked.autoApprove !== undefined && !users.includes(checked.autoApprove)) users.push(checked.autoApprove);
  const clientId = checked.clients?.[0]?.client_id;
  let closing: Promise<void> | undefined;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    metadataUrl: `${issuer}/.well-known/oauth-authorization-server`,
    signingKey,
    users,
    scopes,
    clientId,
    mintToken: (claims, mintOptions) => signToken({ jwk: signingKey }, { issuer, users, scopes, clientId }, claims, mintOptions),
    tokenRequests: () => requests.map((r) => ({ ...r })),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
