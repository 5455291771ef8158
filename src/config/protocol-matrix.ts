/**
 * `withProtocolMatrix(config, protocols)`: one suite, run once per MCP protocol revision, as one
 * Jest project per revision, each named in Jest's output (`PASS  mcp 2026-07-28  tests/x.test.ts`).
 * Each project gets the config's own project options and `mcp.protocol` set to its revision (a
 * client's own `protocol` still wins: a client of a 2025-only server can stay on `legacy`).
 */

/**
 * Options Jest reads only from the top level of a config, never from a project: they stay there.
 * Everything else is a project option and is copied into each project.
 */
const GLOBAL_ONLY = new Set([
  'bail',
  'changedSince',
  'collectCoverage',
  'coverageDirectory',
  'coverageProvider',
  'coverageReporters',
  'coverageThreshold',
  'detectOpenHandles',
  'forceExit',
  'json',
  'lastCommit',
  'listTests',
  'logHeapUsage',
  'maxConcurrency',
  'maxWorkers',
  'noStackTrace',
  'notify',
  'notifyMode',
  'onlyChanged',
  'onlyFailures',
  'openHandlesTimeout',
  'outputFile',
  'passWithNoTests',
  'randomize',
  'reporters',
  'silent',
  'testFailureExitCode',
  'testNamePattern',
  'testResultsProcessor',
  'testSequencer',
  'testTimeout',
  'updateSnapshot',
  'useStderr',
  'verbose',
  'waitForUnhandledRejections',
  'watch',
  'watchAll',
  'watchman',
  'watchPlugins',
  'workerIdleMemoryLimit',
  'workerThreads',
]);

const COLORS = ['cyan', 'magenta', 'yellow', 'blue', 'green', 'white'];

type AnyConfig = Record<string, unknown>;

export function withProtocolMatrix<T extends object>(config: T, protocols: readonly string[]): T {
  if (!Array.isArray(protocols) || protocols.length === 0 || !protocols.every((p) => typeof p === 'string' && p !== '')) {
    throw new TypeError(
      `jest-mcp: withProtocolMatrix(config, protocols) needs a non-empty list of protocols, e.g. ['legacy', '2026-07-28']`,
    );
  }
  const source = config as AnyConfig;
  if (source.projects !== undefined) {
    throw new TypeError('jest-mcp: withProtocolMatrix() makes the projects itself; give it a config without `projects`.');
  }
  const top: AnyConfig = {};
  const project: AnyConfig = {};
  for (const [key, value] of Object.entries(source)) (GLOBAL_ONLY.has(key) ? top : project)[key] = value;
  const options = (project.testEnvironmentOptions ?? {}) as AnyConfig;
  const mcp = (options.mcp ?? {}) as AnyConfig;
  const name = typeof project.displayName === 'string' ? `${project.displayName} ` : '';
  top.projects = protocols.map((protocol: string, i) => ({
    ...project,
    displayName: { name: `${name}mcp ${protocol}`, color: COLORS[i % COLORS.length] },
    testEnvironmentOptions: { ...options, mcp: { ...mcp, protocol } },
  }));
  return top as T;
}
