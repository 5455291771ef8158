import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { createCoverageMap } from 'istanbul-lib-coverage';
import { type Converted, type JestV8Entry, convertScripts } from './convert';
import { type ServerLabel, ensureBase, fileDir, runWideDir, serversIn } from './dirs';
import { type ProjectScript, projectScripts, readDumps } from './dumps';
import { type Keep, keepAny, keepFor } from './filter';
import { notCoveredMessage } from './messages';
import { removeDumps, takeRunWide } from './run-wide';
import { inSourcePositions } from './source-positions';

/**
 * In Jest's main process, under `jest --coverage`: adds the coverage of the servers jest-mcp
 * started to Jest's own. Jest's CoverageReporter comes after the reporters a config lists, and
 * Jest awaits each reporter's onTestResult in turn: a file's result reaches it with the coverage
 * of the file's stdio servers (stopped, their coverage written, before the result left the
 * worker), and the last file's result with that of the run-wide servers, which run on until the
 * global teardown, after the report is written.
 */

interface TestLike {
  context: { config: Config.ProjectConfig };
}

interface TestResultLike {
  testFilePath: string;
  coverage?: Record<string, unknown>;
  v8Coverage?: JestV8Entry[];
}

interface AggregatedLike {
  numTotalTestSuites: number;
  numPassedTestSuites: number;
  numFailedTestSuites: number;
  numPendingTestSuites: number;
}

/** The reporters of one run (one globalConfig) share the work: the first one constructed does it. */
const claimed = new WeakSet<object>();

export class ServerCoverageReporter {
  private readonly base?: string;
  private readonly keeps = new Map<string, Keep>();
  private notCovered = new Map<string, ServerLabel>();
  private runWideTaken = false;

  constructor(private readonly globalConfig: Config.GlobalConfig) {
    if (!globalConfig.collectCoverage || claimed.has(globalConfig)) return;
    claimed.add(globalConfig);
    this.base = ensureBase();
  }

  onRunStart(): void {
    this.notCovered = new Map();
    this.runWideTaken = false;
  }

  async onTestResult(test: TestLike, testResult: TestResultLike, aggregated: AggregatedLike): Promise<void> {
    const { base } = this;
    if (!base) return;
    const { config } = test.context;
    if (!this.keeps.has(config.rootDir)) this.keeps.set(config.rootDir, keepFor(this.globalConfig, config));
    const dir = fileDir(base, testResult.testFilePath);
    const scripts = this.collect(dir, [config.rootDir]);
    fs.rmSync(dir, { recursive: true, force: true });
    const done = aggregated.numPassedTestSuites + aggregated.numFailedTestSuites + aggregated.numPendingTestSuites;
    if (done >= aggregated.numTotalTestSuites) scripts.push(...(await this.takeRunWide()));
    // Every result, not only those with servers: a server may cover the same file in a later one.
    if (this.globalConfig.coverageProvider !== 'v8' && testResult.coverage)
      testResult.coverage = await inSourcePositions(testResult.coverage as never);
    if (!scripts.length) return;
    const converted = await convertScripts(scripts, keepAny([...this.keeps.values()]), path.join(base, 'maps'));
    this.attach(testResult, converted);
  }

  onRunComplete(): void {
    if (!this.base) return;
    // Watch mode makes new reporters for the next run, with the same globalConfig.
    claimed.delete(this.globalConfig);
    const lines: string[] = [];
    if (!this.runWideTaken && serversIn(runWideDir(this.base)).length) {
      lines.push(
        'jest-mcp: the coverage of the run-wide servers (mcp.servers) is not in this report: the run ended before its last test file (bail, or interrupted).',
      );
    }
    const message = notCoveredMessage([...this.notCovered.values()]);
    if (message) lines.push(message);
    if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
  }

  /** The project scripts the servers under `parent` ran; the ones that wrote nothing are noted. */
  private collect(parent: string, rootDirs: string[]): ProjectScript[] {
    const scripts: ProjectScript[] = [];
    for (const { dir, label } of serversIn(parent)) {
      const dumps = readDumps(dir);
      if (!dumps.length) this.notCovered.set(`${label.name}\0${label.command}`, label);
      scripts.push(...projectScripts(dumps, rootDirs));
    }
    return scripts;
  }

  private async takeRunWide(): Promise<ProjectScript[]> {
    this.runWideTaken = true;
    const parent = runWideDir(this.base!);
    for (const { dir } of serversIn(parent)) await takeRunWide(dir);
    const scripts = this.collect(parent, [...this.keeps.keys()]);
    for (const { dir } of serversIn(parent)) removeDumps(dir);
    return scripts;
  }

  private attach(testResult: TestResultLike, converted: Converted): void {
    if (this.globalConfig.coverageProvider === 'v8') {
      testResult.v8Coverage = [...(testResult.v8Coverage ?? []), ...converted.v8];
      return;
    }
    const map = createCoverageMap((testResult.coverage ?? {}) as never);
    map.merge(converted.istanbul);
    testResult.coverage = map.toJSON();
  }
}
