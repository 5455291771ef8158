import { AUTH_SERVERS_ENV } from '../channels/env';
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

interface Handoff {
  pid: number;
  /** The private directory of the key files. */
  dir: string;
  servers: Record<string, RunAuthServerInfo>;
}

export function publishAuthServers(dir: string, servers: Record<string, RunAuthServerInfo>): void {
  const value: Handoff = { pid: process.pid, dir, servers: { ...readAuthServers(), ...servers } };
  process.env[AUTH_SERVERS_ENV] = JSON.stringify(value);
}

export function clearAuthServers(): void {
  delete process.env[AUTH_SERVERS_ENV];
}

/** This run's authorization servers: published by this process (in band) or by its parent (a worker). */
export function readAuthServers(env: NodeJS.ProcessEnv = process.env): Record<string, RunAuthServerInfo> {
  const raw = env[AUTH_SERVERS_ENV];
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as Handoff;
    if (value.pid !== process.pid && value.pid !== process.ppid) return {};
    return value.servers ?? {};
  } catch {
    return {};
  }
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
