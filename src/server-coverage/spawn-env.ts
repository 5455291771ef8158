import * as path from 'node:path';
import { COVERAGE_ON_SIGNAL_VAR } from '../channels/env';
import { type ServerLabel, announcedBase, fileDir, runWideDir, serverDir } from './dirs';

/**
 * The environment variables a server process gets under `jest --coverage`: `NODE_V8_COVERAGE`
 * (inherited by its whole tree: `npx`, `sh -c`, a loader's child) and a `--require` preload that
 * keeps the coverage of a process ended by a signal. Nothing without `--coverage`, or when no
 * reporter of jest-mcp takes the coverage in: then the servers run exactly as they would.
 */

/** The test file whose stdio servers this worker starts now (a worker runs one file at a time). */
let currentFile: string | undefined;

/** Called by the environment for each test file it is constructed for. */
export function serverCoverageFile(testPath: string): void {
  currentFile = testPath;
}

/** Whether this process's servers run with coverage: their exit is then awaited before the file's result. */
export function serverCoverageActive(): boolean {
  return announcedBase() !== undefined;
}

const PRELOAD = path.join(__dirname, 'preload.js');

/** `--require "<preload>"` added to what NODE_OPTIONS already holds (quoted: paths may have spaces). */
export function withPreload(nodeOptions: string | undefined, preload = PRELOAD): string {
  const require = `--require "${preload.replace(/(["\\])/g, '\\$1')}"`;
  return nodeOptions ? `${nodeOptions} ${require}` : require;
}

function envFor(dir: string, env: Record<string, string | undefined>, runWide: boolean): Record<string, string> {
  return {
    NODE_V8_COVERAGE: dir,
    NODE_OPTIONS: withPreload(env.NODE_OPTIONS),
    // Run-wide servers outlive the reporter's last look: they hand their coverage over on a signal.
    ...(runWide ? { [COVERAGE_ON_SIGNAL_VAR]: '1' } : {}),
  };
}

/** For a stdio client's server, in a worker (or in band): what to add to its environment. */
export function stdioCoverageEnv(label: ServerLabel, env: Record<string, string | undefined>): Record<string, string> {
  const base = announcedBase();
  if (!base || !currentFile) return {};
  return envFor(serverDir(fileDir(base, currentFile), label), env, false);
}

/** For a run-wide server (`mcp.servers`), in Jest's main process. */
export function runWideCoverageEnv(label: ServerLabel, env: Record<string, string | undefined>): Record<string, string> {
  const base = announcedBase();
  if (!base) return {};
  return envFor(serverDir(runWideDir(base), label), env, true);
}
