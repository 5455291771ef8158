import * as path from 'node:path';
import type { McpOptions } from '../config/types';
import { assertMcpOptions } from '../config/validate';
import { McpConfigError } from '../util/errors';
import type { McpCoverageReporterOptions } from '../coverage/reporter';
import { coverageReporters, type McpVitestCoverageReporter } from './coverage-reporter';
import { inVitestTerms } from './paths';
import { OPTIONS_PROVIDED } from './provided';

/**
 * `mcpVitest(options)` (jest-mcp/vitest/config): what goes under `test` in `vitest.config.ts`.
 * Runs where Vitest reads its config (its main process), so the options are checked once, before
 * any worker starts; loads nothing of Vitest's or Jest's.
 */

/** What mcpVitest returns: spread it into `test`, beside your own settings. */
export interface McpVitestConfig {
  /** Starts `servers`, `authServers` and the sign-in broker once per run, in Vitest's main process. */
  globalSetup: string[];
  /** Installs the MCP matchers and the snapshot serializer in every test file. */
  setupFiles: string[];
  /** The options, for the workers (`inject`). */
  provide: Record<string, unknown>;
  /**
   * 30 s: Vitest counts a fixture's setup in the test's time, and the first test of a file that
   * uses `mcpClients` opens the file's sessions (each bounded by `timeouts.connect`, 10 s by
   * default), which Vitest's default 5 s would cut short with a bare "Test timed out". Yours wins
   * when you set it after the spread.
   */
  testTimeout: number;
  /** With `coverage`: Vitest's default reporter and the MCP coverage reporter (add yours: `[...mcp.reporters, 'junit']`). */
  reporters?: Array<'default' | McpVitestCoverageReporter>;
}

/** mcpVitest's options: the preset's `mcp` options, and `coverage` for the MCP coverage reporter. */
export type McpVitestOptions = McpOptions & {
  /** Adds the MCP coverage reporter with these options (`outputFile`, `html`, `threshold`, `table`). */
  coverage?: McpCoverageReporterOptions;
};

/** Where the compiled package keeps its ES module files (`preset/`), from `dist/vitest/`. */
const PRESET = path.join(__dirname, '..', '..', 'preset');

/** Jest-shaped hooks (`(globalConfig, projectConfig)`) that Vitest has its own way for. */
const JEST_ONLY: Partial<Record<keyof McpOptions, string>> = {
  globalSetup:
    "Vitest runs global setup modules itself: list yours in test.globalSetup beside mcpVitest's (`globalSetup: [...mcp.globalSetup, './my-setup.ts']`).",
  globalTeardown:
    'Vitest takes a global teardown as the function your global setup module returns (or its `teardown` export), listed in test.globalSetup.',
};

export function mcpVitest(withCoverage: McpVitestOptions = {}): McpVitestConfig {
  const { coverage, ...options } = withCoverage;
  try {
    assertMcpOptions(options);
  } catch (error) {
    throw inVitestTerms(error);
  }
  for (const [key, why] of Object.entries(JEST_ONLY)) {
    if ((options as Record<string, unknown>)[key] !== undefined)
      throw new McpConfigError(`jest-mcp: mcpVitest({ ${key} }) is a Jest option. ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(options)) as unknown;
  } catch (error) {
    throw new McpConfigError(
      `jest-mcp: mcpVitest(options) must be plain data (it is sent to Vitest's workers): ${(error as Error).message}`,
    );
  }
  return {
    globalSetup: [path.join(__dirname, 'global-setup.js')],
    setupFiles: [path.join(PRESET, 'vitest-setup.mjs')],
    provide: { [OPTIONS_PROVIDED]: json },
    testTimeout: 30_000,
    ...(coverage === undefined ? {} : { reporters: coverageReporters(coverage, options) }),
  };
}
