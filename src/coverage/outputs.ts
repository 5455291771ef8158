import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Redactor } from '../util/redact';
import { coverageHtml } from './html';
import type { CoverageSummary } from './summary';

/**
 * Writing a summary where the reporter's options (or the merge command's) say, and one last pass
 * of the run's secrets over every string in it: resource URIs can carry tokens.
 */

/** `{shard}` in a file name: `shard-1-of-3` in a run with --shard=1/3, `all` otherwise; shards side by side keep their own files. */
export function outputPath(file: string, rootDir: string, shard?: string): string {
  const name = file.replace(/\{shard\}/g, shard ? `shard-${shard.replace('/', '-of-')}` : 'all');
  return path.resolve(rootDir, name);
}

export function writeText(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export function writeSummary(summary: CoverageSummary, options: { json?: string; html?: string }): void {
  if (options.json) writeText(options.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (options.html) writeText(options.html, coverageHtml(summary));
}

/** Every string of the summary, keys included, through `redactor`. */
export function redactSummary(summary: CoverageSummary, redactor: Redactor): CoverageSummary {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactor.redact(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactor.redact(k), walk(v)]));
    }
    return value;
  };
  return walk(summary) as CoverageSummary;
}
