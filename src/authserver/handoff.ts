import { AUTH_SERVERS_ENV } from '../channels/env';
import { readHandoff, writeHandoff } from '../channels/worker-handoff';
import type { MintDefaults } from './mint-claims';

/**
 * How workers learn about the run's test authorization servers: a JSON value in
 * `process.env.JEST_MCP_AUTH_SERVERS`, set in Jest's main process before workers are forked.
 * It holds URLs and the path of each server's key file (0600, in a private 0700 directory
 * removed at global teardown), never a key. It names the process that wrote it, so that a value
 * inherited from some outer process is not taken for this run's.
 */

export { AUTH_SERVERS_ENV };

export interface RunAuthServerInfo extends MintDefaults {
  jwksUri: string;
  /** The private signing key (a JWK, as JSON). */
  keyFile: string;
  log?: string;
}

export function publishAuthServers(dir: string, servers: Record<string, RunAuthServerInfo>): void {
  // `dir`: the private directory of the key files.
  writeHandoff(AUTH_SERVERS_ENV, { dir, servers: { ...readAuthServers(), ...servers } });
}

export function clearAuthServers(): void {
  delete process.env[AUTH_SERVERS_ENV];
}

/** This run's authorization servers: published by this process (in band) or by its parent (a worker). */
export function readAuthServers(env: NodeJS.ProcessEnv = process.env): Record<string, RunAuthServerInfo> {
  return readHandoff<{ servers: Record<string, RunAuthServerInfo> }>(AUTH_SERVERS_ENV, env)?.servers ?? {};
}

/** `${authServers.<name>.issuer}` and `.jwksUri` as variables for interpolation. */
export function authServerVariables(servers: Record<string, { issuer: string; jwksUri: string }>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, s] of Object.entries(servers)) {
    vars[`authServers.${name}.issuer`] = s.issuer;
    vars[`authServers.${name}.jwksUri`] = s.jwksUri;
  }
  return vars;
}
