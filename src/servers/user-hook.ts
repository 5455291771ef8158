import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '@jest/types';
import { mcpPath } from '../config/paths';

/**
 * Runs a user's own global setup or teardown module (`mcp.globalSetup` / `mcp.globalTeardown`,
 * which `withMcp()` fills from the config's own `globalSetup` / `globalTeardown`), resolved and
 * loaded the way Jest loads its own: from rootDir, `<rootDir>` replaced, the default export or
 * the module itself. It runs inside Jest's global-hook call, so Jest's transform (TypeScript) applies.
 */

// TypeScript would turn `import()` into `require()`; ESM hooks need the real one.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

function resolveHook(request: string, rootDir: string, extensions: readonly string[]): string {
  const replaced = request.replace(/^<rootDir>/, rootDir);
  const candidates = [replaced, ...extensions.map((ext) => `${replaced}.${ext}`)];
  for (const candidate of candidates) {
    const file = path.resolve(rootDir, candidate);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  for (const candidate of candidates) {
    try {
      // A package's module, e.g. `some-package/global-setup`.
      return require.resolve(candidate, { paths: [rootDir] });
    } catch {
      // try the next
    }
  }
  throw new Error(`cannot find the module "${request}" (from ${rootDir})`);
}

async function load(file: string): Promise<unknown> {
  try {
    return require(file) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    return importModule(pathToFileURL(file).href);
  }
}

export async function runUserHook(
  kind: 'globalSetup' | 'globalTeardown',
  request: string,
  globalConfig: Config.GlobalConfig,
  projectConfig: Config.ProjectConfig,
): Promise<void> {
  const where = mcpPath(kind);
  let file: string;
  try {
    file = resolveHook(request, projectConfig.rootDir, projectConfig.moduleFileExtensions ?? ['js']);
  } catch (error) {
    throw new Error(`jest-mcp: ${where}: ${(error as Error).message}`);
  }
  const loaded = (await load(file)) as { default?: unknown } | undefined;
  const hook = typeof loaded === 'function' ? loaded : loaded?.default;
  if (typeof hook !== 'function') throw new TypeError(`jest-mcp: ${where} (${file}) must export a function`);
  await (hook as (g: Config.GlobalConfig, p: Config.ProjectConfig) => unknown)(globalConfig, projectConfig);
}
