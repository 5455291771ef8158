import * as fs from 'node:fs';
import { commandLine } from '../process/command-line';
import type { McpSdk } from '../sdk';
import { McpServerError } from '../util/errors';
import type { ServerSpec } from '../config/specs';
import { formatSeconds } from '../util/timeout';
import { ManagedProcess } from '../process/managed-process';
import { ScrubbedLog, tailOfFile } from './log';
import { isPortTaken, pickFreePort } from './port';
import { holderOfPort } from './port-owner';
import { NotReadyError, PortTakenError, waitUntilReady } from './readiness';
import { stopServerProcess } from './stop';
import { runWideCoverageEnv } from '../server-coverage/spawn-env';

/** How many ports jest-mcp picks for one server before it gives up: each lost one was taken by another process. */
export const MAX_PORT_ATTEMPTS = 3;

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

export interface StartedServer {
  process: ManagedProcess;
  /** Start + readiness, in milliseconds, from the first attempt. */
  readyMs: number;
  /** The spec it runs with: for a port jest-mcp picked, that of the last attempt. */
  spec: ServerSpec;
}

/**
 * Starts one server in its own process group, its output going straight to its log file, and
 * waits until it completes an MCP handshake with its own process (not another one that took its
 * port). On any failure the process (group) is stopped before the error is thrown. A port
 * jest-mcp picked that another process took meanwhile is given up for another free one
 * (`withPort` makes the spec for it), up to MAX_PORT_ATTEMPTS ports; a fixed port fails at once.
 */
export async function startServer(spec: ServerSpec, sdk: () => McpSdk, withPort?: (port: number) => ServerSpec): Promise<StartedServer> {
  const started = Date.now();
  const lost: number[] = [];
  for (;;) {
    try {
      const proc = await startOnce(spec, sdk, started);
      return { process: proc, readyMs: Date.now() - started, spec };
    } catch (error) {
      if (!(error instanceof PortTakenError)) throw error;
      lost.push(spec.port);
      if (spec.fixedPort || !withPort || lost.length >= MAX_PORT_ATTEMPTS) {
        const reason = spec.fixedPort
          ? error
          : new NotReadyError(
              `another process took each port jest-mcp picked for it (${lost.join(', ')}) before it listened there; the last: ${error.holder}`,
              `Find what binds free ports on ${spec.host} while Jest starts (another test run, a port scanner), or give ${spec.where}.port a port of its own.`,
            );
        throw failure(spec, reason, Date.now() - started, true);
      }
      const next = withPort(await pickFreePort(spec.host));
      process.stderr.write(
        spec.redactor.redact(
          `jest-mcp: MCP server "${spec.name}": another process took port ${spec.port} before the server listened there ` +
            `(${error.holder}); starting it again on port ${next.port}.\n`,
        ),
      );
      spec = next;
    }
  }
}

/** One attempt: a PortTakenError is thrown as it is (the process stopped), anything else as the server's failure. */
async function startOnce(spec: ServerSpec, sdk: () => McpSdk, firstStarted: number): Promise<ManagedProcess> {
  const started = Date.now();
  if (spec.fixedPort && (await isPortTaken(spec.host, spec.port))) {
    const holder = holderOfPort(spec.host, spec.port, spec.redactor);
    const reason = new NotReadyError(
      `port ${spec.port} on ${spec.host} is already in use by another process${holder ? `: ${holder}` : ''}`,
      `Stop whatever listens there (jest-mcp would talk to it instead of the server), or leave out ${spec.where}.port to let jest-mcp pick a free port (\${PORT}).`,
    );
    throw failure(spec, reason, Date.now() - firstStarted, false);
  }
  // Through pipes, not the file's descriptor: what the server writes is redacted before it is kept.
  const log = spec.logFile ? new ScrubbedLog(spec.logFile, spec.redactor) : undefined;
  let proc: ManagedProcess;
  try {
    const env = { ...process.env, ...spec.env };
    const label = { name: `mcp.servers.${spec.name}`, command: commandLine(spec.command, spec.args) };
    proc = new ManagedProcess(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...env, ...runWideCoverageEnv(label, env) },
      stdio: ['pipe', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'],
      // At exit or on a signal (watch mode ends, Ctrl-C): SIGTERM, then SIGKILL if it lingers.
      exitGraceMs: Math.min(spec.stopTimeout, 3000),
      // Never what keeps Jest's process alive: global teardown or the exit hook stops it.
      unref: true,
    });
  } catch (error) {
    log?.close();
    throw failure(spec, explainSpawnError(spec, error as NodeJS.ErrnoException), Date.now() - firstStarted, false);
  }
  log?.attach(proc.child.stdout);
  log?.attach(proc.child.stderr);
  try {
    await waitUntilReady(spec, proc, started, sdk());
    return proc;
  } catch (error) {
    const elapsed = Date.now() - firstStarted;
    await stopServerProcess(spec, proc).catch(() => {});
    // Its last words (a crash) are in the pipes still: on disk before the message reads the file.
    await log?.flushed(1000);
    if (error instanceof PortTakenError) throw error;
    const reason =
      error instanceof NotReadyError
        ? error
        : proc.spawnError === error
          ? explainSpawnError(spec, error as NodeJS.ErrnoException)
          : new NotReadyError(`the readiness check failed: ${(error as Error)?.message ?? String(error)}`);
    throw failure(spec, reason, elapsed, !proc.spawnError);
  }
}
