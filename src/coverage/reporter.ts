import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { knownSecrets } from '../config/known-secrets';
import { McpConfigError } from '../util/errors';
import { Redactor } from '../util/redact';
import { announce, readRecords } from './handoff';
import { finishRun } from './finish-run';
import { type CoverageThreshold, assertThreshold } from './threshold';
import { ServerCoverageReporter } from '../server-coverage/reporter';

/**
 * `jest-mcp/reporter`, in Jest's main process: gives the run a directory for the workers' records
 * before any worker starts, and once the run is complete turns them into the summary: a table on
 * stderr, the JSON and HTML files, and the threshold, which fails the run (exit code 1) through
 * the reporter's last error, the way Jest's own coverage threshold does.
 */

export interface McpCoverageReporterOptions {
  /** Where the JSON summary goes (relative to rootDir); `{shard}` becomes `shard-1-of-3` under --shard, else `all`. */
  outputFile?: string;
  /** Where the HTML page goes (relative to rootDir), the same `{shard}` too. */
  html?: string;
  /** Minimum percentages per client; not checked on a run with --shard (a part of the suite). */
  threshold?: CoverageThreshold;
  /** `false`: no table printed (the files and the threshold still are). */
  table?: boolean;
}

/** The parts of Jest's config the reporter reads (structural: jest-mcp does not depend on @jest/reporters). */
interface GlobalConfigLike {
  rootDir: string;
  shard?: { shardIndex: number; shardCount: number } | null;
}

interface ContextLike {
  config: { rootDir: string; testEnvironmentOptions?: Record<string, unknown> };
}

const OPTION_KEYS = ['outputFile', 'html', 'threshold', 'table'];

/** `where` names the options as the user wrote them; `example` is a correct way to write them there. */
export function assertReporterOptions(
  options: unknown,
  where = "jest-mcp/reporter's options",
  example = "['jest-mcp/reporter', { outputFile: 'mcp-coverage.json' }]",
): asserts options is McpCoverageReporterOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new McpConfigError(`${where} must be an object, e.g. ${example}.`);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.includes(key)) throw new McpConfigError(`${where} have an unknown key "${key}": use ${OPTION_KEYS.join(', ')}.`);
  }
  for (const key of ['outputFile', 'html']) {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || !o[key])) throw new McpConfigError(`${where}: ${key} must be a file path.`);
  }
  if (o.table !== undefined && typeof o.table !== 'boolean') throw new McpConfigError(`${where}: table must be true or false.`);
  assertThreshold(o.threshold, `${where}: threshold`);
}

export class McpCoverageReporter {
  private readonly options: McpCoverageReporterOptions;
  private readonly base: string;
  private runDir = '';
  private runs = 0;
  private error?: Error;
  /** Under --coverage, the servers' code in Jest's coverage: this reporter does that too, so a `reporters` list naming it gets it. */
  private readonly serverCoverage: ServerCoverageReporter;

  constructor(
    private readonly globalConfig: GlobalConfigLike,
    options: unknown = {},
  ) {
    assertReporterOptions(options);
    this.options = options;
    this.serverCoverage = new ServerCoverageReporter(globalConfig as never);
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-coverage-'));
    process.once('exit', () => fs.rmSync(this.base, { recursive: true, force: true }));
    this.startRun();
  }

  /** Before the workers of this run start: they inherit the announced directory. */
  private startRun(): void {
    this.runDir = path.join(this.base, String(++this.runs));
    fs.mkdirSync(this.runDir);
    announce(this.runDir);
  }

  onRunStart(): void {
    this.error = undefined;
    this.serverCoverage.onRunStart();
  }

  /** Under `jest --coverage`: adds the coverage of the servers jest-mcp started for the file (and, at the last file, of `mcp.servers`) to its result. */
  onTestResult(...args: Parameters<ServerCoverageReporter['onTestResult']>): Promise<void> {
    return this.serverCoverage.onTestResult(...args);
  }

  onRunComplete(contexts: Set<ContextLike>): void {
    this.serverCoverage.onRunComplete();
    const records = readRecords(this.runDir);
    fs.rmSync(this.runDir, { recursive: true, force: true });
    // Watch mode runs again in this process: the next run's workers get a fresh directory.
    this.startRun();
    const { shard } = this.globalConfig;
    const shardText = shard && shard.shardCount > 1 ? `${shard.shardIndex}/${shard.shardCount}` : undefined;
    const { text, error } = finishRun(records, this.options, this.globalConfig.rootDir, this.runSecrets(contexts), shardText);
    this.error = error;
    if (text) process.stderr.write(text);
  }

  /** Jest fails the run (exit code 1) when a reporter has an error after onRunComplete. */
  getLastError(): Error | undefined {
    return this.error;
  }

  /** Every project's configured secrets: a last pass over what the workers redacted already. */
  private runSecrets(contexts: Set<ContextLike>): Redactor {
    const redactor = new Redactor();
    for (const { config } of contexts ?? []) {
      const mcp = config.testEnvironmentOptions?.mcp;
      if (typeof mcp !== 'object' || mcp === null) continue;
      try {
        redactor.addAll(knownSecrets(mcp, config.rootDir));
      } catch {
        // A config the environment rejected has been reported there.
      }
    }
    return redactor;
  }
}
