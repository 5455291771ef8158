import type { Config } from '@jest/types';
import { mcpGlobalSetup, mcpGlobalTeardown } from '../servers/global-hooks';
import { inVitestTerms } from './paths';
import { OPTIONS_PROVIDED, ROOT_PROVIDED } from './provided';

/**
 * mcpVitest's global setup module, run once per run in Vitest's main process: the same start and
 * stop of `servers`, `authServers` and the sign-in broker as the Jest preset's, fed from the
 * options mcpVitest provided. Their hand-off to the workers is the same too (environment
 * variables set here, before Vitest starts its workers, which inherit them).
 */

/** What this module reads of Vitest's TestProject (3.2 and 4 alike). */
interface ProjectLike {
  config: { root: string; provide?: Record<string, unknown> };
  provide(key: string, value: unknown): void;
}

/** The arguments the shared hooks take, in the shape they read (Jest's): only these fields are read. */
function hookArgs(project: ProjectLike): [Config.GlobalConfig, Config.ProjectConfig] {
  const mcp = project.config.provide?.[OPTIONS_PROVIDED];
  const projectConfig = { rootDir: project.config.root, testEnvironmentOptions: { mcp } };
  return [{} as Config.GlobalConfig, projectConfig as unknown as Config.ProjectConfig];
}

async function setup(project: ProjectLike): Promise<() => Promise<void>> {
  project.provide(ROOT_PROVIDED, project.config.root);
  const args = hookArgs(project);
  await mcpGlobalSetup(...args).catch((error: unknown) => {
    throw inVitestTerms(error);
  });
  return () => mcpGlobalTeardown(...args);
}

// `export =`: Vitest takes the module's default export (for CommonJS, `module.exports`) as the setup function.
export = setup;
