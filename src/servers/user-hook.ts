import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@jest/types';
import { mcpPath } from '../config/paths';
import { McpModuleError } from '../util/errors';
import { exportedFunction, loadUserModule } from '../util/load-module';

/**
 * Runs a user's own global setup or teardown module (`mcp.globalSetup` / `mcp.globalTeardown`,
 * which `withMcp()` fills from the config's own `globalSetup` / `globalTeardown`), resolved and
 * loaded the way Jest loads its own: from rootDir, `<rootDir>` replaced, the default export or
 * the module itself. It runs inside Jest's global-hook call, so Jest's transform (TypeScript) applies.
 */

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
    throw new McpModuleError(`jest-mcp: ${where}: ${(error as Error).message}`, request);
  }
  const hook = exportedFunction(await loadUserModule(file));
  if (!hook) throw new McpModuleError(`jest-mcp: ${where} (${file}) must export a function`, file);
  await (hook as (g: Config.GlobalConfig, p: Config.ProjectConfig) => unknown)(globalConfig, projectConfig);
}
