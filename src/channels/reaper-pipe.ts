/**
 * The reaper's pipe: what the owner (reaper.ts) tells the reaper process (reaper-main.ts) on its
 * stdin, one line each, and how the reaper is started. The pipe closing is the last message:
 * the owner is gone.
 */

/** `node reaper-main.js <owner> <owner pid>`. */
export function reaperArgs(script: string, owner: string, ownerPid: number): string[] {
  return [script, owner, String(ownerPid)];
}

export type ReaperLine = { verb: 'watch'; pgid: number; graceMs: number } | { verb: 'forget'; pgid: number };

/** Watch this process group (SIGTERM, `graceMs`, SIGKILL once the owner is gone); or forget it, it was stopped. */
export function formatReaperLine(line: ReaperLine): string {
  return line.verb === 'watch' ? `watch ${line.pgid} ${line.graceMs}\n` : `forget ${line.pgid}\n`;
}

/** A line the owner sent (without its newline); undefined for anything else. */
export function parseReaperLine(text: string): ReaperLine | undefined {
  const [verb, pgid, grace] = text.split(' ');
  if (verb === 'watch') return { verb, pgid: Number(pgid), graceMs: Number(grace) || 0 };
  if (verb === 'forget') return { verb, pgid: Number(pgid) };
  return undefined;
}
