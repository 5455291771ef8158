import type { Config } from '@jest/types';

/** What jest-mcp's global setup and teardown read from the arguments Jest gives them. */

type Raw = Record<string, unknown>;

export function mcpOptionsOf(projectConfig: Config.ProjectConfig | undefined, caller: string): Raw | undefined {
  if (!projectConfig || typeof projectConfig !== 'object') {
    throw new TypeError(
      `jest-mcp: ${caller}(globalConfig, projectConfig) needs the project config, which Jest passes to global setup and teardown modules as their second argument.`,
    );
  }
  const mcp = (projectConfig.testEnvironmentOptions as Raw | undefined)?.mcp;
  return typeof mcp === 'object' && mcp !== null ? (mcp as Raw) : undefined;
}

export function isWatching(globalConfig: Config.GlobalConfig | undefined): boolean {
  return Boolean(globalConfig?.watch || globalConfig?.watchAll);
}
