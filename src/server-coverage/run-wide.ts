import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The coverage of a run-wide server (`mcp.servers`) so far, taken while it runs: Jest writes its
 * coverage report before the global teardown stops the servers. Each Node process of the server's
 * tree registered its pid (the preload); each is sent SIGUSR2, writes its coverage and then a
 * `taken-` marker. Processes that are gone are skipped: they wrote theirs when they exited.
 */

const SIGNAL = 'SIGUSR2';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function markers(dir: string, prefix: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name.startsWith(prefix));
  } catch {
    return [];
  }
}

/** Asks every live registered process of `dir` for its coverage; resolves when all answered or after `timeoutMs`. */
export async function takeRunWide(dir: string, timeoutMs = 5000): Promise<{ unanswered: number[] }> {
  const asked = new Map<number, number>();
  for (const name of markers(dir, 'pid-')) {
    const pid = Number(name.slice('pid-'.length));
    if (!alive(pid)) continue;
    asked.set(pid, markers(dir, `taken-${pid}-`).length);
    try {
      process.kill(pid, SIGNAL);
    } catch {
      asked.delete(pid);
    }
  }
  const deadline = Date.now() + timeoutMs;
  const unanswered = () =>
    [...asked].filter(([pid, before]) => markers(dir, `taken-${pid}-`).length <= before && alive(pid)).map(([pid]) => pid);
  while (unanswered().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return { unanswered: unanswered() };
}

/** After reading them: the coverage files go, so a next run (watch mode) counts only its own. */
export function removeDumps(dir: string): void {
  for (const name of markers(dir, 'coverage-')) fs.rmSync(path.join(dir, name), { force: true });
}
