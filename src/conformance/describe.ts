import * as path from 'node:path';
import { type McpSdk, anySdk, loadSdk } from '../sdk';
import { HTTP_TARGET_KEY, ROOT_KEY, SDK_KEY, UNCOUNTED_KEY } from '../realm/keys';
import type { HttpTarget } from '../session/http-target';
import { listed as named, readBaseline, writeBaseline, writeMode, WRITE_VAR } from './baseline';
import { RULES, type RuleId } from './catalog';
import { type ListedServer, planChecks, type ServerView, type Settings } from './plan';
import { type Check, checkId, type ConformanceOptions, type Problems } from './types';
import type { RawClient } from './wire';
import { validateOptions } from './options';

/**
 * `describeConformance(name, options)`: runs in the test file's realm while Jest collects it, and
 * declares one ordinary test per check from what the server behind `mcpClients[name]` declared
 * (fetched in the environment's setup, before collection). Checks that do not apply are
 * `test.skip`s whose names say why; known failures run as `test.failing`.
 */

type TestFn = (name: string, fn: () => Promise<void>, timeout?: number) => void;
interface JestGlobals {
  describe(name: string, fn: () => void): void;
  test: TestFn & { skip(name: string, fn: () => void): void; failing: TestFn };
  afterAll(fn: () => void): void;
}

interface ConformanceClient extends RawClient {
  listed: ListedServer;
  getServerCapabilities(): unknown;
  getServerVersion(): unknown;
  getInstructions?: () => unknown;
  getNegotiatedProtocolVersion?: () => unknown;
}

// Jest requires a body even for a skipped test.
const noop = () => undefined;

const DEFAULTS = { maxItems: 20, maxPages: 50, timeout: 10_000 };

export function describeConformance(name: string, options: ConformanceOptions = {}): void {
  const jest = globalThis as unknown as Partial<JestGlobals> & Record<symbol, unknown> & { mcpClients?: Record<string, unknown> };
  if (typeof jest.describe !== 'function' || typeof jest.test !== 'function')
    throw new Error('describeConformance must be called in a Jest test file, with Jest globals (injectGlobals is false?)');
  validateOptions(name, options);
  const client = clientNamed(jest.mcpClients, name);
  const settings: Settings = {
    readOnly: options.readOnly === true,
    calls: options.calls,
    maxItems: options.maxItems ?? DEFAULTS.maxItems,
    maxPages: options.maxPages ?? DEFAULTS.maxPages,
    timeout: options.timeout ?? DEFAULTS.timeout,
  };
  const sdk = sdkOf(jest[SDK_KEY]);
  const checks = planChecks(viewOf(client, sdk), settings);
  const rootDir = jest[ROOT_KEY];
  const root = typeof rootDir === 'string' ? rootDir : process.cwd();
  const baselineFile = options.baseline === undefined ? undefined : path.resolve(root, options.baseline);
  const writing = baselineFile !== undefined && writeMode();
  const known = [...(options.expectedFailures ?? []), ...(baselineFile && !writing ? readBaseline(baselineFile, name) : [])];
  const globals = jest as JestGlobals;
  const failures: string[] = [];
  const testTimeout = settings.timeout * 3 + 1000;

  globals.describe(`MCP conformance: ${name}`, () => {
    const ids = new Set<string>();
    for (const check of checks) {
      const id = checkId(check);
      // An item listed twice (a failure of its own rule) is checked once: ids must stay unique for the baseline.
      if (ids.has(id)) continue;
      ids.add(id);
      const run = async () => {
        const problems = await uncounted(async () => check.run!());
        if (problems.length === 0) return;
        if (writing) failures.push(id);
        else throw failure(check, problems, name, baselineFile);
      };
      const timeout = check.rule === 'pagination/follows-cursor' ? testTimeout * 2 : testTimeout;
      if (named(options.skip ?? [], check.rule, id)) globals.test.skip(`${id} (skipped: in options.skip)`, noop);
      else if (check.skipped !== undefined || !check.run) globals.test.skip(`${id} (skipped: ${check.skipped})`, noop);
      else if (!writing && named(known, check.rule, id))
        globals.test.failing(`${id} (known failure: ${knownWhere(baselineFile)}; remove it there once fixed)`, run, timeout);
      else globals.test(id, run, timeout);
    }
    const stale = writing ? [] : known.filter((entry) => !checks.some((c) => c.rule === entry || checkId(c) === entry));
    if (stale.length) {
      globals.test('conformance baseline: every known failure names a check', async () => {
        throw new Error(
          `These known failures match no check of ${name} (the item is gone or renamed?): ${stale.map((s) => JSON.stringify(s)).join(', ')}. ` +
            `They are ${knownWhere(baselineFile)}: remove them there.`,
        );
      });
    }
    if (writing && baselineFile) {
      globals.afterAll(() => {
        writeBaseline(baselineFile, name, failures);
        process.stderr.write(`jest-mcp conformance: wrote ${failures.length} known failure(s) of ${name} to ${baselineFile}\n`);
      });
    }
  });
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

function sdkOf(generation: unknown): McpSdk {
  return generation === 'v1' || generation === 'v2' ? loadSdk(generation) : anySdk();
}

function viewOf(client: ConformanceClient, sdk: McpSdk): ServerView {
  const listed = client.listed;
  const capabilities = client.getServerCapabilities();
  return {
    listed: { ...listed, capabilities: (capabilities ?? listed.capabilities) as Record<string, unknown> },
    serverVersion: client.getServerVersion(),
    instructions: typeof client.getInstructions === 'function' ? client.getInstructions() : undefined,
    negotiatedVersion: negotiated(client),
    knownVersions: sdk.supportedProtocolVersions(),
    client,
    compileSchema(schema) {
      try {
        sdk.checkJsonSchema(schema, {});
        return undefined;
      } catch (error) {
        return error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as Error).message) : String(error);
      }
    },
    checkSchema: (schema, value) => sdk.checkJsonSchema(schema, value),
    http: { target: (client as unknown as Record<symbol, HttpTarget | undefined>)[HTTP_TARGET_KEY] },
  };
}

function negotiated(client: ConformanceClient): string | undefined {
  const version = typeof client.getNegotiatedProtocolVersion === 'function' ? client.getNegotiatedProtocolVersion() : undefined;
  return typeof version === 'string' ? version : undefined;
}

function knownWhere(baselineFile: string | undefined): string {
  return baselineFile ? `in the baseline ${path.basename(baselineFile)} or expectedFailures` : 'in expectedFailures';
}

/** One failed check, as the test's error: which rule and item, what was wrong, where the spec says so. */
export function failure(check: Check, problems: Problems, client: string, baselineFile?: string): Error {
  const rule = RULES[check.rule as RuleId];
  const id = checkId(check);
  const message = [
    `MCP conformance of ${client}: ${id}`,
    ...problems.map((p) => `  - ${p}`),
    rule ? `Rule: ${rule.what} (${rule.spec})` : `Rule: ${check.rule}`,
    `A known failure you accept for now? Add "${id}" to ${baselineFile ? `${path.basename(baselineFile)} (or run with ${WRITE_VAR}=write)` : 'expectedFailures'}, or to skip.`,
  ].join('\n');
  const error = new Error(message);
  // The stack would point into jest-mcp, not at anything the user can change.
  error.stack = `Error: ${message}`;
  return error;
}

/** Runs a check's requests marked as the suite's own: a probe is no test of a tool (MCP coverage). */
async function uncounted<T>(fn: () => Promise<T>): Promise<T> {
  const global = globalThis as Record<symbol, unknown>;
  global[UNCOUNTED_KEY] = ((global[UNCOUNTED_KEY] as number | undefined) ?? 0) + 1;
  try {
    return await fn();
  } finally {
    global[UNCOUNTED_KEY] = (global[UNCOUNTED_KEY] as number) - 1;
  }
}
