import { McpConfigError } from '../util/errors';
import { listNames } from '../util/list-names';
import type { CoverageSummary, Part } from './summary';

/**
 * The coverage threshold: a minimum percentage of tools called, resources read and prompts got,
 * for every client (and server) of the run. A failure names each one below it and what it never
 * exercised, so the message is the to-do list.
 */

export type ThresholdKind = 'tools' | 'resources' | 'prompts';
export type KindThreshold = Partial<Record<ThresholdKind, number>>;
/**
 * Percentages for every client and server of the run, and in `clients` for some of them by their
 * key in the summary (`alice`, `servers.notes`), which replaces the run-wide ones for that one:
 * `{ clients: { 'servers.notes': { tools: 100 } } }` checks the notes server alone.
 */
export type CoverageThreshold = KindThreshold & { clients?: Record<string, KindThreshold> };

export const THRESHOLD_KINDS: readonly ThresholdKind[] = ['tools', 'resources', 'prompts'];
const VERB: Record<ThresholdKind, string> = { tools: 'never called', resources: 'never read', prompts: 'never got' };

function assertKinds(value: unknown, where: string, allowClients: boolean): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new McpConfigError(
      `${where} must be an object such as { tools: 90, resources: 50, prompts: 100 } (percentages), not ${JSON.stringify(value)}.`,
    );
  }
  for (const [key, percent] of Object.entries(value)) {
    if (allowClients && key === 'clients') continue;
    if (!THRESHOLD_KINDS.includes(key as ThresholdKind)) {
      throw new McpConfigError(
        `${where} has an unknown key "${key}": use ${[...THRESHOLD_KINDS, ...(allowClients ? ['clients'] : [])].join(', ')}.`,
      );
    }
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      throw new McpConfigError(`${where}.${key} must be a percentage from 0 to 100, not ${JSON.stringify(percent)}.`);
    }
  }
}

/** Throws, naming `where`, unless `value` is `{ tools?, resources?, prompts?, clients? }` of percentages. */
export function assertThreshold(value: unknown, where: string): asserts value is CoverageThreshold | undefined {
  if (value === undefined) return;
  assertKinds(value, where, true);
  const { clients } = value as { clients?: unknown };
  if (clients === undefined) return;
  if (typeof clients !== 'object' || clients === null || Array.isArray(clients)) {
    throw new McpConfigError(`${where}.clients must map client names (or servers.<name>) to percentages, not ${JSON.stringify(clients)}.`);
  }
  for (const [name, kinds] of Object.entries(clients)) assertKinds(kinds, `${where}.clients[${JSON.stringify(name)}]`, false);
}

/** `tools=90,servers.notes:prompts=100` (the merge command's form) as a threshold. */
export function parseThreshold(text: string): CoverageThreshold {
  const out: Record<string, unknown> = {};
  const clients: Record<string, Record<string, number>> = {};
  for (const item of text.split(',').filter(Boolean)) {
    const [key, value] = item.split('=');
    const percent = value === undefined || value.trim() === '' ? NaN : Number(value);
    const at = key.lastIndexOf(':');
    if (at < 0) out[key.trim()] = percent;
    else (clients[key.slice(0, at).trim()] ??= {})[key.slice(at + 1).trim()] = percent;
  }
  if (Object.keys(clients).length) out.clients = clients;
  assertThreshold(out, `--threshold ${text}`);
  return out;
}

export function formatPart(part: Part): string {
  return part.percent === null ? '-' : `${part.covered}/${part.total} (${part.percent}%)`;
}

/** One line per client below the threshold, or [] when every one meets it. */
export function thresholdFailures(summary: CoverageSummary, threshold: CoverageThreshold): string[] {
  const failures: string[] = [];
  const named = threshold.clients ?? {};
  // A name the run never used is a typo or a client that no file opened: either way nothing was checked.
  for (const name of Object.keys(named)) {
    if (!Object.prototype.hasOwnProperty.call(summary.clients, name)) {
      failures.push(
        `${name}: no test file of this run used it (threshold.clients; the run has ${listNames(Object.keys(summary.clients))})`,
      );
    }
  }
  for (const [key, target] of Object.entries(summary.clients)) {
    const own = Object.prototype.hasOwnProperty.call(named, key) ? named[key] : threshold;
    const kinds = THRESHOLD_KINDS.filter((k) => own[k] !== undefined);
    if (!kinds.length) continue;
    if (!target.listed || target.listErrors?.length) {
      const why = target.listErrors?.length ? target.listErrors.join('; ') : 'no test file listed what its server offers';
      failures.push(`${key}: cannot be checked: ${why}`);
      continue;
    }
    for (const kind of kinds) {
      const part = target[kind];
      const min = own[kind]!;
      if (part.percent === null || part.percent >= min) continue;
      failures.push(`${key}: ${kind} ${formatPart(part)} is below ${min}%; ${VERB[kind]}: ${listNames(part.missed)}`);
    }
  }
  return failures;
}

/** The message for a run that fails its threshold. */
export function thresholdMessage(failures: string[]): string {
  return [`jest-mcp coverage: the threshold is not met:`].concat(failures.map((f) => `  ${f}`)).join('\n');
}
