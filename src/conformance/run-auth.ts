import type * as RunHandle from '../authserver/run-handle';
import type { MintOptions, RunAuthServer } from '../authserver/types';

/**
 * The test authorization server of this run (`mcp.authServers`, `jest-mcp/oauth`) that issues a
 * server's tokens, found by an issuer the server's protected resource metadata names. It mints
 * the tokens the suite needs to see the server refuse (expired, wrong audience…) and accept.
 * Loaded at first use: a file whose clients have no auth loads none of it.
 */

export type { MintOptions, RunAuthServer };

/** The run's test authorization server for one of these issuers (compared exactly), if there is one. */
export function runAuthServerFor(issuers: readonly string[]): RunAuthServer | undefined {
  if (issuers.length === 0) return undefined;
  const { findRunAuthServer } = require('../authserver/run-handle') as typeof RunHandle;
  for (const issuer of issuers) {
    const server = findRunAuthServer(issuer);
    if (server) return server;
  }
  return undefined;
}
