import type { Redactor } from '../util/redact';
import type { FileRecord } from './handoff';
import { outputPath, redactSummary, writeSummary } from './outputs';
import { summaryOf } from './summary';
import { coverageTable } from './table';
import { type CoverageThreshold, thresholdFailures, thresholdMessage } from './threshold';

/**
 * The end of a run with MCP coverage, whichever runner ran it: the records of every test file
 * become the summary, its files, the table and the threshold's verdict. The runner's reporter
 * prints the text and fails the run on the error in its own way.
 */

export interface FinishOptions {
  outputFile?: string;
  html?: string;
  threshold?: CoverageThreshold;
  table?: boolean;
}

export interface FinishedRun {
  /** What to print on stderr (table, threshold message), empty for nothing. */
  text: string;
  /** Set when the threshold failed: the run must fail. */
  error?: Error;
}

/** `shard` is `2/3` for a part of the suite: the threshold waits for the merged summaries then. */
export function finishRun(records: FileRecord[], options: FinishOptions, rootDir: string, redactor: Redactor, shard?: string): FinishedRun {
  const summary = redactSummary(summaryOf(records, shard), redactor);
  writeSummary(summary, {
    json: options.outputFile && outputPath(options.outputFile, rootDir, shard),
    html: options.html && outputPath(options.html, rootDir, shard),
  });
  const out: string[] = [];
  let error: Error | undefined;
  if (options.table !== false) out.push('', coverageTable(summary));
  const { threshold } = options;
  if (threshold && shard) {
    out.push(
      `jest-mcp coverage: the threshold is not checked on shard ${shard}, a part of the suite: check it on the merged summaries (jest-mcp-coverage merge … --threshold).`,
    );
  } else if (threshold) {
    const failures = thresholdFailures(summary, threshold);
    if (failures.length) {
      error = new Error(thresholdMessage(failures));
      out.push(error.message);
    }
  }
  return { text: out.length ? `${out.join('\n')}\n` : '', error };
}
