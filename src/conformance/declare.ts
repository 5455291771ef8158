import * as path from 'node:path';
import type { McpSdk } from '../sdk';
import { HTTP_TARGET_KEY, UNCOUNTED_KEY } from '../realm/keys';
import type { HttpTarget } from '../session/http-target';
import { listed as named, readBaseline, writeBaseline, writeMode, WRITE_VAR } from './baseline';
import { RULES, type RuleId } from './catalog';
import { type ListedServer, planChecks, type ServerView, type Settings } from './plan';
import { type Check, checkId, type ConformanceOptions, type Problems } from './types';
import type { RawClient } from './wire';

/**
 * The conformance suite's tests, declared through whichever runner collects the file: Jest's
 * globals (`test.failing` for a known failure) or Vitest's (`test.fails`). One test per check,
 * named by its stable id; checks that do not apply are skipped with the reason in their name.
 */

/** How one runner declares the suite's tests, inside the suite's describe block. */
export interface ConformanceRunner {
  test(name: string, fn: () => Promise<void>, timeout: number): void;
  skip(name: string): void;
  /** A test that must fail: passes while the server still fails the check. */
  knownFailure(name: string, fn: () => Promise<void>, timeout: number): void;
  afterAll(fn: () => void): void;
}

/** What the suite reads off the file's client (a session jest-mcp opened, with its lists). */
export interface ConformanceClient extends RawClient {
  listed: ListedServer;
  getServerCapabilities(): unknown;
  getServerVersion(): unknown;
  getInstructions?: () => unknown;
  getNegotiatedProtocolVersion?: () => unknown;
}

const DEFAULTS = { maxItems: 20, maxPages: 50, timeout: 10_000 };

export function settingsOf(options: ConformanceOptions): Settings {
  return {
    readOnly: options.readOnly === true,
    calls: options.calls,
    maxItems: options.maxItems ?? DEFAULTS.maxItems,
    maxPages: options.maxPages ?? DEFAULTS.maxPages,
    timeout: options.timeout ?? DEFAULTS.timeout,
  };
}

/** Declares the tests of `checks` (planned for client `name`); call inside the suite's describe. */
export function declareChecks(
  runner: ConformanceRunner,
  name: string,
  checks: Check[],
  options: ConformanceOptions,
  rootDir: string,
): void {
  const settings = settingsOf(options);
  const baselineFile = options.baseline === undefined ? undefined : path.resolve(rootDir, options.baseline);
  const writing = baselineFile !== undefined && writeMode();
  const known = [...(options.expectedFailures ?? []), ...(baselineFile && !writing ? readBaseline(baselineFile, name) : [])];
  const failures: string[] = [];
  const testTimeout = settings.timeout * 3 + 1000;
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
    if (named(options.skip ?? [], check.rule, id)) runner.skip(`${id} (skipped: in options.skip)`);
    else if (check.skipped !== undefined || !check.run) runner.skip(`${id} (skipped: ${check.skipped})`);
    else if (!writing && named(known, check.rule, id))
      runner.knownFailure(`${id} (known failure: ${knownWhere(baselineFile)}; remove it there once fixed)`, run, timeout);
    else runner.test(id, run, timeout);
  }
  const stale = writing ? [] : known.filter((entry) => !checks.some((c) => c.rule === entry || checkId(c) === entry));
  if (stale.length) {
    runner.test(
      'conformance baseline: every known failure names a check',
      async () => {
        throw new Error(
          `These known failures match no check of ${name} (the item is gone or renamed?): ${stale.map((s) => JSON.stringify(s)).join(', ')}. ` +
            `They are ${knownWhere(baselineFile)}: remove them there.`,
        );
      },
      testTimeout,
    );
  }
  if (writing && baselineFile) {
    runner.afterAll(() => {
      writeBaseline(baselineFile, name, failures);
      process.stderr.write(`jest-mcp conformance: wrote ${failures.length} known failure(s) of ${name} to ${baselineFile}\n`);
    });
  }
}

/** The checks for the server behind `client`, as it answered at setup. */
export function planFor(client: ConformanceClient, sdk: McpSdk, options: ConformanceOptions): Check[] {
  return planChecks(viewOf(client, sdk), settingsOf(options));
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
