import * as fs from 'node:fs';
import { commandLine } from '../process/command-line';
import type { McpSdk } from '../sdk';
import { McpServerError } from '../util/errors';
import type { ServerSpec } from '../config/specs';
import { formatSeconds } from '../util/timeout';
import { ManagedProcess } from '../process/managed-process';
import { ScrubbedLog, tailOfFile } from './log';
import { isPortTaken } from './port';
import { NotReadyError, waitUntilReady } from './readiness';
import { stopServerProcess } from './stop';

function explainSpawnError(spec: ServerSpec, error: NodeJS.ErrnoException): NotReadyError {
  const { where } = spec;
  if (error.code === 'ENOENT' && !fs.existsSync(spec.cwd)) {
    return new NotReadyError(`its working directory does not exist: ${spec.cwd}`, `Fix ${where}.cwd (relative to rootDir).`);
  }
  if (error.code === 'ENOENT') {
    return new NotReadyError(
      `command not found: ${spec.command}`,
      `Check ${where}.command: it is looked up on PATH, and a relative path is taken from the server's cwd.`,
    );
  }
  if (error.code === 'EACCES') return new NotReadyError(`permission denied starting ${spec.command}`, `Make ${where}.command executable.`);
  return new NotReadyError(`it could not be started: ${error.message}`);
}

function failure(spec: ServerSpec, reason: NotReadyError, ms: number, started: boolean): McpServerError {
  const lines = [
    `jest-mcp: MCP server "${spec.name}" (${spec.where}) did not start: ${reason.reason} (after ${formatSeconds(ms)}).`,
    `  Command: ${commandLine(spec.command, spec.args)} (cwd ${spec.cwd})`,
    `  URL: ${spec.url} (${spec.transport})`,
  ];
  if (reason.hint) lines.push(`  What to do: ${reason.hint}`);
  if (started && spec.logFile) {
    const tail = tailOfFile(spec.logFile, 30, 16_384, spec.redactor);
    if (tail) lines.push(`  Its output (last lines of ${spec.logFile}):`, tail.replace(/^/gm, '    '));
    else lines.push(`  It wrote no output (${spec.logFile} is empty).`);
  } else if (started) {
    lines.push(`  Its output went to Jest's own output (output: 'inherit').`);
  }
  lines.push('  No test ran; every server jest-mcp started for this run was stopped.');
  return new McpServerError(spec.redactor.redact(lines.join('\n')), spec.name, spec.logFile);
}

/**
 * Starts one server in its own process group, its output going straight to its log file, and
 * waits until it completes an MCP handshake. On any failure the process (group) is stopped
 * before the error is thrown. Returns the process and how long start + readiness took.
 */
export async function startServer(spec: ServerSpec, sdk: () => McpSdk): Promise<{ process: ManagedProcess; readyMs: number }> {
  const started = Date.now();
  if (spec.fixedPort && (await isPortTaken(spec.host, spec.port))) {
    const reason = new NotReadyError(
      `port ${spec.port} on ${spec.host} is already in use by another process (jest-mcp would have talked to it instead)`,
      `Stop whatever listens there, or leave out ${spec.where}.port to let jest-mcp pick a free port (\${PORT}).`,
    );
    throw failure(spec, reason, Date.now() - started, false);
  }
  // Through pipes, not the file's descriptor: what the server writes is redacted before it is kept.
  const log = spec.logFile ? new ScrubbedLog(spec.logFile, spec.redactor) : undefined;
  let proc: ManagedProcess;
  try {
    proc = new ManagedProcess(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['pipe', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'],
      // At exit or on a signal (watch mode ends, Ctrl-C): SIGTERM, then SIGKILL if it lingers.
      exitGraceMs: Math.min(spec.stopTimeout, 3000),
      // Never what keeps Jest's process alive: global teardown or the exit hook stops it.
      unref: true,
    });
  } catch (error) {
    log?.close();
    throw failure(spec, explainSpawnError(spec, error as NodeJS.ErrnoException), Date.now() - started, false);
  }
  log?.attach(proc.child.stdout);
  log?.attach(proc.child.stderr);
  try {
    await waitUntilReady(spec, proc, started, sdk());
    return { process: proc, readyMs: Date.now() - started };
  } catch (error) {
    const elapsed = Date.now() - started;
    await stopServerProcess(spec, proc).catch(() => {});
    // Its last words (a crash) are in the pipes still: on disk before the message reads the file.
    await log?.flushed(1000);
    const reason =
      error instanceof NotReadyError
        ? error
        : proc.spawnError === error
          ? explainSpawnError(spec, error as NodeJS.ErrnoException)
          : new NotReadyError(`the readiness check failed: ${(error as Error)?.message ?? String(error)}`);
    throw failure(spec, reason, elapsed, !proc.spawnError);
  }
}
