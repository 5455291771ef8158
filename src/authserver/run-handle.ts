import * as fs from 'node:fs';
import { oauthBridge } from './bridge-key';
import { type RunAuthServerInfo, readAuthServers } from './handoff';
import type { MintOptions, RunAuthServer } from './types';

/**
 * The run's test authorization servers (`mcp.authServers`) as a worker or a test file sees them:
 * their URLs, and tokens minted with their own signing key (read from the run's key file).
 */

export type { MintOptions, RunAuthServer } from './types';

/** Signs in this realm (a worker, Jest's main process) or through the environment (a test file). */
export async function mintWithKeyFile(info: RunAuthServerInfo, claims?: Record<string, unknown>, options?: MintOptions): Promise<string> {
  const bridge = oauthBridge();
  if (bridge) return bridge.mint(info, claims, options);
  const { signToken } = await import('./mint');
  const jwk = JSON.parse(fs.readFileSync(info.keyFile, 'utf8')) as Record<string, unknown>;
  return signToken({ jwk }, info, claims, options);
}

function handle(name: string, info: RunAuthServerInfo): RunAuthServer {
  return {
    name,
    issuer: info.issuer,
    jwksUri: info.jwksUri,
    mintToken: (claims, options) => mintWithKeyFile(info, claims, options),
  };
}

/** The run-wide authorization server configured as `mcp.authServers.<name>`, if the run started one. */
export function runAuthServer(name: string): RunAuthServer | undefined {
  const info = readAuthServers()[name];
  return info ? handle(name, info) : undefined;
}

/** The run-wide authorization server with this issuer (compared exactly, as RFC 8414 does), if any. */
export function findRunAuthServer(issuer: string): RunAuthServer | undefined {
  const found = Object.entries(readAuthServers()).find(([, info]) => info.issuer === issuer);
  return found ? handle(found[0], found[1]) : undefined;
}
