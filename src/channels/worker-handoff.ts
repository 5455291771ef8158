/**
 * What Jest's main process hands to its workers: JSON in an environment variable, set before the
 * workers are forked (they inherit its environment). It names the process that wrote it, so that
 * a value inherited from some outer process (a Jest run that starts Jest) is not taken for this
 * run's: only this process (in band) and its children read it.
 */

export function writeHandoff(variable: string, fields: Record<string, unknown>): void {
  process.env[variable] = JSON.stringify({ pid: process.pid, ...fields });
}

export function readHandoff<T extends object>(variable: string, env: NodeJS.ProcessEnv = process.env): Partial<T> | undefined {
  const raw = env[variable];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<T> & { pid?: unknown };
    return value.pid === process.pid || value.pid === process.ppid ? value : undefined;
  } catch {
    return undefined;
  }
}
