import type { Config } from '@jest/types';
import { isWatching, mcpOptionsOf } from './hook-args';
import { runningServers } from './servers/registry';

/**
 * jest-mcp's global teardown (the preset's `globalTeardown`): runs `mcp.globalTeardown` (the
 * user's own) if there is one, then stops the servers the global setup started, last started
 * first. In watch mode the servers stay up for the next run; they stop when Jest's process ends.
 */
export async function mcpGlobalTeardown(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  const mcp = mcpOptionsOf(projectConfig, 'mcpGlobalTeardown');
  let hookError: unknown;
  if (typeof mcp?.globalTeardown === 'string') {
    const { runUserHook } = await import('./user-hook');
    await runUserHook('globalTeardown', mcp.globalTeardown, globalConfig, projectConfig).catch((error: unknown) => {
      hookError = error;
    });
  }
  if (runningServers().length && !isWatching(globalConfig)) {
    const { stopRunServers } = await import('./servers/run');
    await stopRunServers();
  }
  if (hookError !== undefined) throw hookError;
}

export default mcpGlobalTeardown;
