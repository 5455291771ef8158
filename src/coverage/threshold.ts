import { McpConfigError } from '../util/errors';
import { listNames } from '../util/list-names';
import type { CoverageSummary, Part } from './summary';

/**
 * The coverage threshold: a minimum percentage of tools called, resources read and prompts got,
 * for every client (and server) of the run. A failure names each one below it and what it never
 * exercised, so the message is the to-do list.
 */

export type ThresholdKind = 'tools' | 'resources' | 'prompts';
export type CoverageThreshold = Partial<Record<ThresholdKind, number>>;

export const THRESHOLD_KINDS: readonly ThresholdKind[] = ['tools', 'resources', 'prompts'];
const VERB: Record<ThresholdKind, string> = { tools: 'never called', resources: 'never read', prompts: 'never got' };

/** Throws, naming `where`, unless `value` is `{ tools?, resources?, prompts? }` of percentages. */
export function assertThreshold(value: unknown, where: string): asserts value is CoverageThreshold | undefined {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new McpConfigError(
      `${where} must be an object such as { tools: 90, resources: 50, prompts: 100 } (percentages), not ${JSON.stringify(value)}.`,
    );
  }
  for (const [key, percent] of Object.entries(value)) {
    if (!THRESHOLD_KINDS.includes(key as ThresholdKind)) {
      throw new McpConfigError(`${where} has an unknown key "${key}": use ${THRESHOLD_KINDS.join(', ')}.`);
    }
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      throw new McpConfigError(`${where}.${key} must be a percentage from 0 to 100, not ${JSON.stringify(percent)}.`);
    }
  }
}

/** `tools=90,resources=50` (the merge command's form) as a threshold. */
export function parseThreshold(text: string): CoverageThreshold {
  const out: Record<string, number> = {};
  for (const item of text.split(',').filter(Boolean)) {
    const [key, value] = item.split('=');
    out[key.trim()] = value === undefined || value.trim() === '' ? NaN : Number(value);
  }
  assertThreshold(out, `--threshold ${text}`);
  return out;
}

export function formatPart(part: Part): string {
  return part.percent === null ? '-' : `${part.covered}/${part.total} (${part.percent}%)`;
}

/** One line per client below the threshold, or [] when every one meets it. */
export function thresholdFailures(summary: CoverageSummary, threshold: CoverageThreshold): string[] {
  const failures: string[] = [];
  const kinds = THRESHOLD_KINDS.filter((k) => threshold[k] !== undefined);
  if (!kinds.length) return failures;
  for (const [key, target] of Object.entries(summary.clients)) {
    if (!target.listed || target.listErrors?.length) {
      const why = target.listErrors?.length ? target.listErrors.join('; ') : 'no test file listed what its server offers';
      failures.push(`${key}: cannot be checked: ${why}`);
      continue;
    }
    for (const kind of kinds) {
      const part = target[kind];
      const min = threshold[kind]!;
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
