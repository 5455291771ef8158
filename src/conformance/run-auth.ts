/**
 * The test authorization server of this run (`mcp.authServers`, from `jest-mcp/oauth`) that
 * issues a server's tokens, found by the issuer its protected resource metadata names. It mints
 * the tokens the suite needs to see the server refuse (expired, wrong audience…) and accept.
 * Looked up lazily: a run without test authorization servers loads none of their code.
 */

export interface RunAuthServer {
  name: string;
  issuer: string;
  jwksUri: string;
  /** A signed JWT access token for `options.resource`; the options spoil it the way a check needs. */
  mintToken(claims?: Record<string, unknown>, options?: MintOptions): Promise<string>;
}

/** The part of `jest-mcp/oauth`'s MintOptions the suite uses (same names, so its handle fits as it is). */
export interface MintOptions {
  resource?: string;
  scope?: string;
  withoutScope?: string;
  expired?: boolean;
  notYetValid?: boolean;
  wrongAudience?: boolean;
  wrongIssuer?: boolean;
  badSignature?: boolean;
}

type Finder = (issuer: string) => RunAuthServer | undefined;

/** Where `findRunAuthServer` lives once the authorization server is part of the build. */
const RUN_HANDLE = '../authserver/run-handle';

function finder(): Finder | undefined {
  try {
    const found = (require(RUN_HANDLE) as { findRunAuthServer?: unknown }).findRunAuthServer;
    return typeof found === 'function' ? (found as Finder) : undefined;
  } catch {
    return undefined;
  }
}

/** The run's test authorization server for one of these issuers, if there is one. */
export function runAuthServerFor(issuers: readonly string[], find: Finder | undefined = finder()): RunAuthServer | undefined {
  if (!find) return undefined;
  for (const issuer of issuers) {
    const server = find(issuer);
    if (server) return server;
  }
  return undefined;
}
