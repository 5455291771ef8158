import type { ServerSpec } from '../config/specs';
import { formatSeconds } from '../util/timeout';
import type { ManagedProcess } from '../process/managed-process';

/**
 * Stops a server's whole process group: stdin closed (a short wait: HTTP servers rarely care),
 * then SIGTERM and up to `stopTimeout`, then SIGKILL and up to `stopTimeout` again.
 */
const STDIN_WAIT_MS = 100;

export async function stopServerProcess(spec: ServerSpec, proc: ManagedProcess): Promise<void> {
  const step = await proc.stop({ stdin: Math.min(STDIN_WAIT_MS, spec.stopTimeout), term: spec.stopTimeout, kill: spec.stopTimeout });
  if (step === 'SIGKILL') {
    const log = spec.logFile ? ` (its log: ${spec.logFile})` : '';
    process.stderr.write(
      `jest-mcp: MCP server "${spec.name}" did not stop within ${formatSeconds(spec.stopTimeout)} of SIGTERM and was killed (SIGKILL)${log}. ` +
        `Raise ${spec.where}.stopTimeout if it needs longer to shut down.\n`,
    );
  }
}
