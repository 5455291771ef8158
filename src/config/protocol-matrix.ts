import * as path from 'node:path';
import { resolveSdkGeneration } from '../sdk/detect';
import { McpConfigError } from '../util/errors';

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
  'collectCoverageFrom',
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

/**
 * Beside `mcp` in each project's testEnvironmentOptions: the protocol the matrix set, so that a
 * message about it blames the matrix, not a `protocol` key the user never wrote.
 */
export const MATRIX_OPTION = 'mcpProtocolMatrix';

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
    testEnvironmentOptions: { ...options, mcp: { ...mcp, protocol }, [MATRIX_OPTION]: protocol },
  }));
  refuseOnSdk1(protocols, typeof source.rootDir === 'string' ? path.resolve(source.rootDir) : process.cwd(), mcp.sdk);
  return top as T;
}

/**
 * Refused when the config is read, once, rather than by every test file of the run: a protocol
 * other than the 2025 one with only SDK 1.x to speak it. Left to the files when the SDK cannot be
 * found from here (they say what to install).
 */
function refuseOnSdk1(protocols: readonly string[], rootDir: string, choice: unknown): void {
  const modern = protocols.filter((p) => p !== 'legacy');
  if (!modern.length) return;
  let generation: string;
  try {
    generation = resolveSdkGeneration(rootDir, choice === 'v1' || choice === 'v2' ? choice : undefined);
  } catch {
    return;
  }
  if (generation !== 'v1') return;
  throw new McpConfigError(
    `jest-mcp: withProtocolMatrix(config, ${JSON.stringify(protocols)}) asks for protocol ${modern.map((p) => `"${p}"`).join(', ')}, ` +
      `but the tests use the MCP SDK 1.x, which speaks only the 2025 protocol ("legacy"). Install the 2.x client ` +
      `(npm install --save-dev @modelcontextprotocol/client@^2) and, if 1.x stays installed, set testEnvironmentOptions.mcp.sdk: 'v2'; or keep only 'legacy' in the list.`,
  );
}
