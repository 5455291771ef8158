import type { Config } from '@jest/types';
import { isWatching, mcpOptionsOf } from './hook-args';
import { runningServers } from './registry';
import { prepareServerCoverage } from '../server-coverage/setup';

/** Whether a client signs a user in (`auth.authorizationCode`): then the run gets a token broker. */
function signsIn(mcp: Record<string, unknown>): boolean {
  const clients = mcp.clients;
  if (typeof clients !== 'object' || clients === null) return false;
  return Object.values(clients as Record<string, { auth?: unknown }>).some(
    (client) => typeof client?.auth === 'object' && client.auth !== null && 'authorizationCode' in client.auth,
  );
}

/**
 * jest-mcp's global setup (the preset's `globalSetup`), run once per run in Jest's main process:
 * starts `mcp.servers` and waits until each completes an MCP handshake, publishes their URLs to
 * the workers, then runs `mcp.globalSetup` (the user's own) if there is one. Without either it
 * returns at once and loads nothing. Call it from your own global setup if you replace the preset's.
 */

export async function mcpGlobalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  const mcp = mcpOptionsOf(projectConfig, 'mcpGlobalSetup');
  if (mcp) prepareServerCoverage(globalConfig, mcp.servers !== undefined || (typeof mcp.clients === 'object' && mcp.clients !== null));
  if (!mcp || (mcp.servers === undefined && mcp.globalSetup === undefined && mcp.authServers === undefined && !signsIn(mcp))) return;
  // Validated here, once; from here on the options are typed, and nothing checks them again.
  const options: unknown = mcp;
  // Loaded late, like the rest, for runs without servers; the declared type is what lets TypeScript
  // treat a call through it as an assertion.
  const config: typeof import('../config/validate') = await import('../config/validate');
  config.assertMcpOptions(options);
  const { startRunServers, stopRunServers } = await import('./run');
  if (signsIn(mcp)) await (await import('../signin/broker-server')).startTokenBroker();
  const stopBroker = async () => (await import('../signin/broker-server')).stopTokenBroker();
  // The authorization servers first: servers are given their issuer and trust it from their first request.
  const authServers = options.authServers === undefined ? undefined : await import('../authserver/run');
  await authServers?.startRunAuthServers(options, projectConfig.rootDir).catch(async (error: unknown) => {
    await stopBroker();
    throw error;
  });
  if (options.servers !== undefined) {
    await startRunServers(options, projectConfig.rootDir).catch(async (error: unknown) => {
      await authServers?.stopRunAuthServers();
      await stopBroker();
      throw error;
    });
  }
  if (options.globalSetup !== undefined) {
    const { runUserHook } = await import('./user-hook');
    try {
      await runUserHook('globalSetup', options.globalSetup, globalConfig, projectConfig);
    } catch (error) {
      // Jest runs no global teardown after a failed global setup.
      await stopRunServers();
      await authServers?.stopRunAuthServers();
      await stopBroker();
      throw error;
    }
  }
}

/**
 * jest-mcp's global teardown (the preset's `globalTeardown`): runs `mcp.globalTeardown` (the
 * user's own) if there is one, then stops the servers the global setup started, last started
 * first. In watch mode the servers stay up for the next run; they stop when Jest's process ends.
 */
export async function mcpGlobalTeardown(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  // In band, the test files ran in this process: the last one's stdio server may still be exiting.
  if ((globalThis as Record<symbol, Set<unknown> | undefined>)[Symbol.for('jest-mcp.pending-stops')]?.size) {
    const { settlePendingStops } = await import('../process/pending-stops');
    await settlePendingStops();
  }
  const mcp = mcpOptionsOf(projectConfig, 'mcpGlobalTeardown');
  let hookError: unknown;
  if (typeof mcp?.globalTeardown === 'string') {
    const { runUserHook } = await import('./user-hook');
    await runUserHook('globalTeardown', mcp.globalTeardown, globalConfig, projectConfig).catch((error: unknown) => {
      hookError = error;
    });
  }
  if (runningServers().length && !isWatching(globalConfig)) {
    const { stopRunServers } = await import('./run');
    await stopRunServers();
  }
  // Tokens last one run, also in watch mode: the next run signs in again.
  if (mcp && signsIn(mcp)) await (await import('../signin/broker-server')).stopTokenBroker();
  // After the servers, which may still have been checking tokens against them.
  if (mcp?.authServers !== undefined && !isWatching(globalConfig)) {
    const { stopRunAuthServers } = await import('../authserver/run');
    await stopRunAuthServers();
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the user's hook failed with this value: Jest reports it as it is
  if (hookError !== undefined) throw hookError;
}
