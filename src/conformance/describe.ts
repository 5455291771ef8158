import { type McpSdk, anySdk, loadSdk } from '../sdk';
import { ROOT_KEY, SDK_KEY } from '../realm/keys';
import { type ConformanceClient, type ConformanceRunner, declareChecks, planFor } from './declare';
import type { ConformanceOptions } from './types';
import { validateOptions } from './options';

export { failure } from './declare';

/**
 * `describeConformance(name, options)` in Jest: runs in the test file's realm while Jest collects
 * it, and declares one ordinary test per check from what the server behind `mcpClients[name]`
 * declared (fetched in the environment's setup, before collection). Checks that do not apply are
 * `test.skip`s whose names say why; known failures run as `test.failing`.
 */

type TestFn = (name: string, fn: () => Promise<void>, timeout?: number) => void;
interface JestGlobals {
  describe(name: string, fn: () => void): void;
  test: TestFn & { skip(name: string, fn: () => void): void; failing: TestFn };
  afterAll(fn: () => void): void;
}

// Jest requires a body even for a skipped test.
const noop = () => undefined;

export function describeConformance(name: string, options: ConformanceOptions = {}): void {
  const jest = globalThis as unknown as Partial<JestGlobals> & Record<symbol, unknown> & { mcpClients?: Record<string, unknown> };
  if (typeof jest.describe !== 'function' || typeof jest.test !== 'function')
    throw new Error('describeConformance must be called in a Jest test file, with Jest globals (injectGlobals is false?)');
  validateOptions(name, options);
  const client = clientNamed(jest.mcpClients, name);
  const checks = planFor(client, sdkOf(jest[SDK_KEY]), options);
  const rootDir = jest[ROOT_KEY];
  const globals = jest as JestGlobals;
  const runner: ConformanceRunner = {
    test: (title, fn, timeout) => globals.test(title, fn, timeout),
    skip: (title) => globals.test.skip(title, noop),
    knownFailure: (title, fn, timeout) => globals.test.failing(title, fn, timeout),
    afterAll: (fn) => globals.afterAll(fn),
  };
  globals.describe(`MCP conformance: ${name}`, () =>
    declareChecks(runner, name, checks, options, typeof rootDir === 'string' ? rootDir : process.cwd()),
  );
}

function clientNamed(clients: Record<string, unknown> | undefined, name: string): ConformanceClient {
  if (!clients)
    throw new Error(`describeConformance('${name}'): mcpClients is missing; is the test environment jest-mcp's (preset 'jest-mcp')?`);
  const client = clients[name];
  if (!client)
    throw new Error(
      `describeConformance('${name}'): this file has no client "${name}" (its clients: ${Object.keys(clients).join(', ') || 'none'}). ` +
        `Name a client configured in mcp.clients (and in the file's @mcp-clients, if it has one).`,
    );
  return client as ConformanceClient;
}

/** The file's SDK generation (set when its first client opened), else whichever is installed. */
export function sdkOf(generation: unknown): McpSdk {
  return generation === 'v1' || generation === 'v2' ? loadSdk(generation) : anySdk();
}
