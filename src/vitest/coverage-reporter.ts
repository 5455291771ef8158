import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { knownSecrets } from '../config/known-secrets';
import type { McpOptions } from '../config/types';
import { finishRun } from '../coverage/finish-run';
import { announce, readRecordFiles } from '../coverage/handoff';
import { assertReporterOptions, type McpCoverageReporterOptions } from '../coverage/reporter';
import { Redactor } from '../util/redact';

/**
 * The MCP coverage reporter for Vitest (3.2 and later: both call `onTestRunEnd`; 4 no longer calls
 * `onFinished`). It runs in Vitest's main process and is made before any worker: it announces a
 * directory in an environment variable, which fork workers (children of this process) and thread
 * workers (this process) inherit, and the test files' recorders write one record each there, the
 * same hand-off as under Jest. At the end of each run (watch mode runs again in this process) it
 * takes the records written so far, prints the table and writes the files; a threshold failure
 * sets the exit code, the way Vitest's own coverage thresholds fail a run.
 */

/** The parts of Vitest's `Vitest` object the reporter reads (structural: no import of vitest). */
interface VitestLike {
  config: { root: string; shard?: { index: number; count: number } | null };
}

/** What `mcpVitest()` knows and the reporter does not: the config's secrets, its root. */
export interface McpVitestReporterContext {
  mcp?: McpOptions;
  /** Where the config's relative paths start; Vitest's root otherwise. */
  rootDir?: string;
  /** How the user wrote these options, for errors: `mcpVitest({ coverage })`. */
  where?: string;
}

export class McpVitestCoverageReporter {
  private readonly options: McpCoverageReporterOptions;
  private readonly dir: string;
  private root = process.cwd();
  private shard?: string;

  constructor(
    options: unknown = {},
    private readonly context: McpVitestReporterContext = {},
  ) {
    assertReporterOptions(
      options,
      context.where ?? "jest-mcp/vitest/reporter's options",
      context.where
        ? "mcpVitest({ coverage: { outputFile: 'mcp-coverage.json' } })"
        : "['jest-mcp/vitest/reporter', { outputFile: 'mcp-coverage.json' }]",
    );
    this.options = options;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-coverage-'));
    process.once('exit', () => fs.rmSync(this.dir, { recursive: true, force: true }));
    announce(this.dir);
  }

  onInit(vitest: VitestLike): void {
    this.root = this.context.rootDir ?? vitest.config.root;
    const shard = vitest.config.shard;
    this.shard = shard && shard.count > 1 ? `${shard.index}/${shard.count}` : undefined;
  }

  onTestRunEnd(): void {
    const { records, files } = readRecordFiles(this.dir);
    // Taken: the next run of watch mode counts only what it records itself.
    for (const file of files) fs.rmSync(file, { force: true });
    const { text, error } = finishRun(records, this.options, this.root, this.secrets(), this.shard);
    if (text) process.stderr.write(text);
    if (error) process.exitCode = 1;
  }

  /** The config's secrets: a last pass over what the workers redacted already. */
  private secrets(): Redactor {
    const { mcp } = this.context;
    if (!mcp) return new Redactor();
    try {
      return knownSecrets(mcp, this.root);
    } catch {
      // A config mcpVitest rejected has been reported there.
      return new Redactor();
    }
  }
}

/** `mcpVitest({ coverage })`: Vitest's default reporter and this one, with the config's secrets. */
export function coverageReporters(coverage: McpCoverageReporterOptions, mcp: McpOptions): Array<'default' | McpVitestCoverageReporter> {
  return ['default', new McpVitestCoverageReporter(coverage, { mcp, where: "mcpVitest's coverage options" })];
}
