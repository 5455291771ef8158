import { listNames } from '../util/list-names';
import type { CoverageSummary } from './summary';
import { formatPart } from './threshold';

/**
 * The short text summary printed after the run, like Istanbul's: one row per client (or server)
 * with tools, resources and prompts exercised of those listed, then what was never exercised.
 */

const HEADERS = ['MCP coverage', 'Tools', 'Resources', 'Prompts'];
/** A name list in the table stays one readable line. */
const MAX_NAMES = 10;

export function coverageTable(summary: CoverageSummary): string {
  const entries = Object.entries(summary.clients);
  if (!entries.length) return 'MCP coverage: no test file opened an MCP client.';
  const rows = entries.map(([key, t]) => [
    t.kind === 'server' ? `${key} (${t.clients.join(', ')})` : key,
    formatPart(t.tools),
    formatPart(t.resources),
    formatPart(t.prompts),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const out = [rule, line(HEADERS), rule, ...rows.map(line), rule];
  const notes: string[] = [];
  for (const [key, t] of entries) {
    if (!t.listed) notes.push(`  ${key}: not listed (no session of it closed normally), so nothing is known to be missed`);
    for (const error of t.listErrors ?? []) notes.push(`  ${key}: ${error}`);
    const missed = [
      t.tools.missed.length ? `tools never called: ${listNames(t.tools.missed, { max: MAX_NAMES })}` : '',
      t.resources.missed.length ? `resources never read: ${listNames(t.resources.missed, { max: MAX_NAMES })}` : '',
      t.prompts.missed.length ? `prompts never got: ${listNames(t.prompts.missed, { max: MAX_NAMES })}` : '',
    ].filter(Boolean);
    for (const m of missed) notes.push(`  ${key}: ${m}`);
  }
  if (notes.length) out.push('Never exercised:', ...notes);
  if (summary.shard)
    out.push(`This is shard ${summary.shard} of the suite: merge the shards' summaries (jest-mcp-coverage merge) for the whole.`);
  return out.join('\n');
}
