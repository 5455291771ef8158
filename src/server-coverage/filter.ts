import * as path from 'node:path';
import type { Config } from '@jest/types';

/**
 * Which of a server's source files go into Jest's coverage: the ones Jest would have instrumented
 * had a test imported them. Decided by Jest's own `shouldInstrument` (collectCoverageFrom,
 * coveragePathIgnorePatterns, never test files nor setup files), on the source a map leads back to
 * (`src/tools.ts`, not the `dist/tools.js` the server ran), and only under the project's rootDir.
 */

export type Keep = (file: string) => boolean;

type ShouldInstrument = (
  filename: string,
  options: { collectCoverage: boolean; collectCoverageFrom: string[]; coverageProvider: string },
  config: Config.ProjectConfig,
) => boolean;

let loaded: ShouldInstrument | null | undefined;

/**
 * `@jest/transform` of the Jest that runs: reachable from the project (npm hoists it), else
 * through `jest` → `@jest/core` (pnpm keeps each package's dependencies beside it).
 */
function jestShouldInstrument(rootDir: string): ShouldInstrument | null {
  if (loaded !== undefined) return loaded;
  const attempts: string[][] = [[rootDir], [process.cwd()]];
  for (const chain of [['jest', '@jest/core'], ['@jest/core']]) {
    try {
      let from = rootDir;
      for (const name of chain) from = path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
      attempts.push([from]);
    } catch {
      // Not this way.
    }
  }
  for (const paths of attempts) {
    try {
      const transform = require(require.resolve('@jest/transform', { paths })) as { shouldInstrument?: ShouldInstrument };
      if (typeof transform.shouldInstrument === 'function') return (loaded = transform.shouldInstrument);
    } catch {
      // Try the next place.
    }
  }
  return (loaded = null);
}

export function underRoot(file: string, rootDir: string): boolean {
  const relative = path.relative(rootDir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Without Jest's own rule (not found): what Jest does by default, rootDir minus node_modules. */
export function defaultKeep(rootDir: string): Keep {
  return (file) => underRoot(file, rootDir) && !file.split(path.sep).includes('node_modules');
}

export function keepFor(globalConfig: Config.GlobalConfig, config: Config.ProjectConfig): Keep {
  const should = jestShouldInstrument(config.rootDir);
  if (!should) return defaultKeep(config.rootDir);
  const options = {
    collectCoverage: true,
    collectCoverageFrom: globalConfig.collectCoverageFrom ?? [],
    coverageProvider: globalConfig.coverageProvider,
  };
  return (file) => underRoot(file, config.rootDir) && should(file, options, config);
}

/** Several projects: a file is kept when one of them keeps it. */
export function keepAny(keeps: Keep[]): Keep {
  return (file) => keeps.some((keep) => keep(file));
}
