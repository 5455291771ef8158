import { HTTP_TARGET_KEY, SDK_KEY } from '../channels/keys';
import { type ConformanceClient, type ConformanceRunner, declareChecks, planFor, settingsOf } from '../conformance/declare';
import { sdkOf } from '../conformance/describe';
import { validateOptions } from '../conformance/options';
import type { ConformanceOptions } from '../conformance/types';
import type { OpenClient } from '../session/owner';
import { attachAuthProbes } from '../session/http-target';
import { attachListings } from '../session/listings';
import { TMPDIR_VAR } from '../session/file-dir';
import { VitestFile } from './file-state';
import { OPTIONS_PROVIDED, ROOT_PROVIDED } from './provided';

/**
 * `describeConformance(name, options)` for Vitest (jest-mcp/vitest/conformance): the same checks,
 * options and test names as Jest's, known failures as `test.fails`. The tests to declare depend
 * on what the server lists, so the suite's describe block (Vitest awaits an async one) opens a
 * session of client `name` while the file is collected, reads what it declares and closes it at
 * once: nothing stays open for a file whose tests `-t` filters out, where Vitest runs no hook.
 * The checks that send requests share a second session, opened by the first of them and closed
 * after the suite's last test.
 */

type Body = () => Promise<void> | void;
/** Vitest's parts, handed over by the ES module entry: this module never imports vitest. */
export interface VitestConformanceParts {
  describe(name: string, factory: () => Promise<void>): void;
  test: ((name: string, fn: Body, timeout?: number) => void) & {
    skip(name: string, fn?: Body): void;
    fails(name: string, fn: Body, timeout?: number): void;
  };
  afterAll(fn: Body): void;
  inject(key: string): unknown;
  expect: { getState(): { testPath?: string } };
}

interface Session {
  file: VitestFile;
  entry: OpenClient;
}

export function conformanceFor(parts: VitestConformanceParts) {
  const session = async (name: string): Promise<Session> => {
    const root = (parts.inject(ROOT_PROVIDED) as string | undefined) ?? process.cwd();
    const raw = parts.inject(OPTIONS_PROVIDED);
    const configured = Object.keys((raw as { clients?: object } | undefined)?.clients ?? {});
    if (!configured.includes(name))
      throw new Error(
        `describeConformance('${name}'): no client "${name}" is configured (configured: ${configured.join(', ') || 'none'}). ` +
          'Name a client of mcpVitest({ clients }).',
      );
    const before = process.env[TMPDIR_VAR];
    const file = new VitestFile(raw, [name], root, parts.expect.getState().testPath ?? '');
    // The file's own sessions keep theirs: this one is given its directory explicitly.
    if (before === undefined) delete process.env[TMPDIR_VAR];
    else process.env[TMPDIR_VAR] = before;
    try {
      return { file, entry: await file.openForTest(name) };
    } catch (error) {
      await file.close();
      throw named(name, error);
    }
  };

  return function describeConformance(name: string, options: ConformanceOptions = {}): void {
    validateOptions(name, options);
    const { timeout } = settingsOf(options);
    parts.describe(`MCP conformance: ${name}`, async () => {
      const first = await session(name);
      const read = await declared(first.entry, timeout).then(
        (client) => ({ client }),
        (error: unknown) => ({ error }),
      );
      const problem = await first.file.close();
      if ('error' in read) throw named(name, read.error);
      if (problem) throw named(name, problem);
      const { client } = read;
      // The checks' requests go to a session of their own, opened when the first check asks.
      let running: Promise<Session> | undefined;
      client.request = async (...args) => {
        running ??= session(name);
        return ((await running).entry.client as unknown as ConformanceClient).request(...args);
      };
      const root = (parts.inject(ROOT_PROVIDED) as string | undefined) ?? process.cwd();
      const runner: ConformanceRunner = {
        test: (title, fn, ms) => parts.test(title, fn, ms),
        skip: (title) => parts.test.skip(title, () => undefined),
        knownFailure: (title, fn, ms) => parts.test.fails(title, fn, ms),
        afterAll: (fn) => parts.afterAll(fn),
      };
      declareChecks(runner, name, planFor(client, sdkOf((globalThis as Record<symbol, unknown>)[SDK_KEY]), options), options, root);
      parts.afterAll(async () => {
        const open = running;
        running = undefined;
        const problem = open && (await open.then((s) => s.file.close()).catch(() => undefined));
        if (problem) throw named(name, problem);
      });
    });
  };
}

/** What the server declared, read off the collection's session, kept after it closes. */
async function declared(entry: OpenClient, timeout: number): Promise<ConformanceClient> {
  await attachListings([entry], () => timeout);
  await attachAuthProbes([entry], () => timeout);
  const sdk = entry.client as unknown as Partial<ConformanceClient>;
  const capabilities = sdk.getServerCapabilities?.();
  const version = sdk.getServerVersion?.();
  const instructions = sdk.getInstructions?.();
  const negotiated = sdk.getNegotiatedProtocolVersion?.();
  return {
    listed: entry.listed as unknown as ConformanceClient['listed'],
    getServerCapabilities: () => capabilities,
    getServerVersion: () => version,
    getInstructions: () => instructions,
    getNegotiatedProtocolVersion: () => negotiated,
    // Replaced by the caller: this session closes before any check runs.
    request: () => Promise.reject(new Error('the collection session is closed')),
    [HTTP_TARGET_KEY]: entry.http,
  } as ConformanceClient;
}

function named(name: string, error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  if (!e.message.startsWith('describeConformance')) e.message = `describeConformance('${name}'): ${e.message}`;
  return e;
}
