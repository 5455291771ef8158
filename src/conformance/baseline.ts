import { CONFORMANCE_BASELINE_VAR } from '../channels/env';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Known failures, kept in a JSON file beside the project so a server can adopt the suite before
 * it passes every rule: `{ "<client name>": ["rule-id: item", "rule-id", …] }`. One file may hold
 * several servers. Entries are check ids (`rule-id: item`) or a rule id for all its items.
 */

export const WRITE_VAR = CONFORMANCE_BASELINE_VAR;

export function writeMode(env: Record<string, string | undefined> = process.env): boolean {
  return env[WRITE_VAR] === 'write';
}

/** The entries for one client; none while the file does not exist (before the first write). */
export function readBaseline(file: string, client: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `jest-mcp conformance: the baseline ${file} is not JSON (${(error as Error).message}); rewrite it with ${WRITE_VAR}=write`,
    );
  }
  const entries = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)[client] : undefined;
  if (entries === undefined) return [];
  if (!Array.isArray(entries) || !entries.every((e) => typeof e === 'string'))
    throw new Error(`jest-mcp conformance: in the baseline ${file}, "${client}" must be an array of check ids ("rule-id: item")`);
  return entries;
}

/** Replaces one client's entries, keeping the others'; sorted, so the file diffs well. */
export function writeBaseline(file: string, client: string, failures: string[]): void {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // None yet, or unreadable: this write makes it anew.
  }
  if (failures.length) data[client] = [...new Set(failures)].sort();
  else delete data[client];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Whether `id` (`rule: item` or `rule`) is named by a list of entries: exactly, or by its rule. */
export function listed(entries: readonly string[], rule: string, id: string): boolean {
  return entries.includes(id) || entries.includes(rule);
}
