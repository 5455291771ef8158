/**
 * How workers learn about the servers the global setup started: a JSON value in
 * `process.env.JEST_MCP_SERVERS`, set in Jest's main process before the workers are forked
 * (they inherit its environment). It names the process that wrote it, so that a value inherited
 * from some outer process is not mistaken for this run's.
 */

import { SERVERS_ENV } from '../channels/env';
import { readHandoff, writeHandoff } from '../channels/worker-handoff';

export { SERVERS_ENV };

export interface RunningServerInfo {
  url: string;
  transport: 'streamable-http' | 'sse';
  /** The server's log file, for failure messages. */
  log?: string;
}

export function publishServers(servers: Record<string, RunningServerInfo>): void {
  // Added to what this process published already: with several Jest projects, each project's
  // global setup publishes its own servers, and every project's workers need all of them.
  writeHandoff(SERVERS_ENV, { servers: { ...readServers(), ...servers } });
}

export function clearServers(): void {
  delete process.env[SERVERS_ENV];
}

/** This run's servers: written by this process (in band) or by its parent (a worker). */
export function readServers(env: NodeJS.ProcessEnv = process.env): Record<string, RunningServerInfo> {
  return readHandoff<{ servers: Record<string, RunningServerInfo> }>(SERVERS_ENV, env)?.servers ?? {};
}
