import type { ServerSpec } from '../config/specs';
import type { ManagedProcess } from '../process/managed-process';
import { RUN_SERVERS_KEY } from '../channels/keys';

/**
 * The servers this process started, in start order. Kept on the process's global object, not in
 * module state: in watch mode the global setup runs again on every re-run and must find the
 * servers of the previous run, whatever copy of this module it loaded.
 */

export interface RunningServer {
  spec: ServerSpec;
  process: ManagedProcess;
  fingerprint: string;
  /** Start + readiness, in milliseconds. */
  readyMs: number;
}

function list(): RunningServer[] {
  const holder = globalThis as Record<symbol, RunningServer[] | undefined>;
  return (holder[RUN_SERVERS_KEY] ??= []);
}

export function runningServers(): readonly RunningServer[] {
  return list();
}

export function addServer(server: RunningServer): void {
  list().push(server);
}

export function removeServer(server: RunningServer): void {
  const all = list();
  const at = all.indexOf(server);
  if (at >= 0) all.splice(at, 1);
}

export function findServer(name: string): RunningServer | undefined {
  return list().find((s) => s.spec.name === name);
}
