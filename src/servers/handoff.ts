/**
 * How workers learn about the servers the global setup started: a JSON value in
 * `process.env.JEST_MCP_SERVERS`, set in Jest's main process before the workers are forked
 * (they inherit its environment). It names the process that wrote it, so that a value inherited
 * from some outer process is not mistaken for this run's.
 */

import { SERVERS_ENV } from '../channels/env';

export { SERVERS_ENV };

export interface RunningServerInfo {
  url: string;
  transport: 'streamable-http' | 'sse';
  /** The server's log file, for failure messages. */
  log?: string;
}

interface Handoff {
  pid: number;
  servers: Record<string, RunningServerInfo>;
}

export function publishServers(servers: Record<string, RunningServerInfo>): void {
  // Added to what this process published already: with several Jest projects, each project's
  // global setup publishes its own servers, and every project's workers need all of them.
  const value: Handoff = { pid: process.pid, servers: { ...readServers(), ...servers } };
  process.env[SERVERS_ENV] = JSON.stringify(value);
}

export function clearServers(): void {
  delete process.env[SERVERS_ENV];
}

/** This run's servers: written by this process (in band) or by its parent (a worker). */
export function readServers(env: NodeJS.ProcessEnv = process.env): Record<string, RunningServerInfo> {
  const raw = env[SERVERS_ENV];
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as Handoff;
    if (value.pid !== process.pid && value.pid !== process.ppid) return {};
    return value.servers ?? {};
  } catch {
    return {};
  }
}
