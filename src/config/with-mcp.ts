import type { McpOptions } from './types';

/**
 * `withMcp(config, mcp)`: jest-mcp added to a Jest config of your own, for when a preset will
 * not do (Jest replaces a preset's testEnvironment, testEnvironmentOptions, globalSetup and
 * globalTeardown whole when the config sets its own). Only paths and data go into the result:
 * Jest hands config to its workers serialized, so a function could not travel. A config's own
 * global setup and teardown are therefore not wrapped in code but passed on by path
 * (`mcp.globalSetup` / `mcp.globalTeardown`), for jest-mcp's to run after starting its servers
 * and before stopping them.
 */

/** The parts of a Jest config (`Config` from 'jest') that withMcp reads and sets. */
export interface JestConfigLike {
  testEnvironment?: string;
  testEnvironmentOptions?: Record<string, unknown>;
  setupFilesAfterEnv?: string[];
  globalSetup?: string | null;
  globalTeardown?: string | null;
}

const OWN = {
  testEnvironment: require.resolve('../environment'),
  setupAfterEnv: require.resolve('../setup-after-env'),
  globalSetup: require.resolve('../global-setup'),
  globalTeardown: require.resolve('../global-teardown'),
};

/** Environments that are Jest's plain `node` one, which jest-mcp's extends: replaced by it. */
const PLAIN_NODE = ['node', 'jest-environment-node', 'jest-mcp/environment', OWN.testEnvironment];

function isOwn(value: string, own: string, subpath: string): boolean {
  return value === own || value === `jest-mcp/${subpath}` || value.replace(/\.js$/, '') === own.replace(/\.js$/, '');
}

function mergeMcp(base: McpOptions | undefined, extra: McpOptions): McpOptions {
  const out: McpOptions = { ...base, ...extra };
  if (base?.clients || extra.clients) out.clients = { ...base?.clients, ...extra.clients };
  if (base?.servers || extra.servers) out.servers = { ...base?.servers, ...extra.servers };
  if (base?.timeouts || extra.timeouts) out.timeouts = { ...base?.timeouts, ...extra.timeouts };
  return out;
}

function composeHook(kind: 'globalSetup' | 'globalTeardown', own: string, theirs: string | null | undefined, mcp: McpOptions): void {
  if (!theirs || isOwn(theirs, own, kind === 'globalSetup' ? 'global-setup' : 'global-teardown')) return;
  if (mcp[kind] !== undefined && mcp[kind] !== theirs) {
    throw new Error(
      `jest-mcp: withMcp() got two ${kind} modules, the config's ${JSON.stringify(theirs)} and mcp.${kind} ${JSON.stringify(mcp[kind])}; keep one.`,
    );
  }
  mcp[kind] = theirs;
}

/**
 * Returns a copy of `config` with jest-mcp added: its test environment (unless the config names
 * its own, which must then extend `McpEnvironment`), its setup file first in
 * `setupFilesAfterEnv`, `mcp` merged into `testEnvironmentOptions` (clients, servers and
 * timeouts merged by name, `mcp` winning), and its global setup and teardown, which run the
 * config's own (if any) after starting servers and before stopping them.
 */
export function withMcp<T extends JestConfigLike>(config: T, mcp: McpOptions = {}): T {
  const options = { ...config.testEnvironmentOptions };
  const merged = mergeMcp(options.mcp as McpOptions | undefined, mcp);
  composeHook('globalSetup', OWN.globalSetup, config.globalSetup, merged);
  composeHook('globalTeardown', OWN.globalTeardown, config.globalTeardown, merged);
  const environment = config.testEnvironment;
  return {
    ...config,
    testEnvironment: environment === undefined || PLAIN_NODE.includes(environment) ? OWN.testEnvironment : environment,
    testEnvironmentOptions: { ...options, mcp: merged },
    setupFilesAfterEnv: [
      OWN.setupAfterEnv,
      ...(config.setupFilesAfterEnv ?? []).filter((f) => !isOwn(f, OWN.setupAfterEnv, 'setup-after-env')),
    ],
    globalSetup: OWN.globalSetup,
    globalTeardown: OWN.globalTeardown,
  };
}
