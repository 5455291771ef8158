import { AsyncLocalStorage } from 'node:async_hooks';
import type { Circus } from '@jest/types';
import type { ClientSpec } from '../config/specs';
import { type OpenClient, type OwnerOptions, SessionOwner } from './owner';
import type { Redactor } from '../util/redact';
import { placeholder } from './placeholder';
import { concurrentTests } from './concurrent-tests';
import { mergeCloseErrors } from './file-close';
import { traceMark } from './trace';

/**
 * Clients configured with `session: 'test'`: a fresh session for every test, opened before its
 * beforeEach hooks and closed after its afterEach hooks, after and before the file's own clients
 * (last opened, first closed). Between tests their `mcpClients` entry says why it cannot be used.
 *
 * `test.concurrent` tests run side by side (and on Jest 29 before their own test_start), so each
 * gets its sessions from a wrapper around its function, found through async context: the bridge
 * holds one stable slot per client, and the slot answers with the running test's session.
 */
export class TestSessions {
  /** Stable objects the bridge holds; what they answer with depends on which test asks. */
  readonly slots: OpenClient[];
  /** The sequential test's sessions. */
  private owner?: SessionOwner;
  private ownerEntries = new Map<string, OpenClient>();
  private readonly concurrent = new AsyncLocalStorage<Map<string, OpenClient>>();
  /** Sessions of concurrent tests still running (a timed-out test's body may never settle). */
  private readonly running = new Set<SessionOwner>();
  /** The MCP exchange of each concurrent test that failed, until its report takes it. */
  private readonly failedTraces = new Map<Circus.TestEntry, string>();
  /** Close failures of concurrent tests: reported with the file's close, as the test is over by then. */
  private readonly problems: Error[] = [];

  constructor(
    private readonly specs: ClientSpec[],
    private readonly redactor: Redactor,
    private readonly options: OwnerOptions,
  ) {
    this.slots = specs.map((spec) => this.slot(spec.name));
  }

  get active(): boolean {
    return this.specs.length > 0;
  }

  /** Opens this test's sessions; throws (after closing what opened) if one fails. */
  async open(): Promise<void> {
    if (!this.active) return;
    await this.close(); // a retried test starts again without having ended
    const owner = new SessionOwner(this.redactor, this.options);
    await owner.openAll(this.specs);
    this.owner = owner;
    this.ownerEntries = byName(owner);
  }

  /** Closes this test's sessions, last opened first; throws one error naming each that failed. */
  async close(): Promise<void> {
    const owner = this.owner;
    this.owner = undefined;
    this.ownerEntries = new Map();
    await owner?.closeAll();
  }

  /**
   * At run_start, before Jest 29 starts concurrent tests: each concurrent test's function is
   * wrapped to open its own sessions first and close them when it settles.
   */
  wrapConcurrent(state: Circus.State): void {
    if (!this.active) return;
    for (const test of concurrentTests(state.rootDescribeBlock)) {
      const fn = test.fn as (this: unknown) => unknown;
      const run = (body: () => unknown) => this.runConcurrent(test, body);
      // A function, not an arrow: circus calls it with the test's context as `this`.
      test.fn = function (this: unknown) {
        return run(() => fn.call(this));
      };
    }
  }

  private async runConcurrent(test: Circus.TestEntry, body: () => unknown): Promise<unknown> {
    const owner = new SessionOwner(this.redactor, this.options);
    this.running.add(owner);
    const mark = traceMark();
    try {
      await owner.openAll(this.specs);
      return await this.concurrent.run(byName(owner), body);
    } catch (error) {
      // Kept for the test's report (test_done), which on Jest 29 comes after the sessions closed.
      const trace = owner.traceSince(mark);
      if (trace) this.failedTraces.set(test, trace);
      throw error;
    } finally {
      this.running.delete(owner);
      await owner.closeAll().catch((error: Error) => this.problems.push(error));
    }
  }

  /** Closes what concurrent tests left open; throws every close failure of theirs, once. */
  async closeConcurrent(): Promise<void> {
    for (const owner of [...this.running].reverse()) {
      this.running.delete(owner);
      await owner.closeAll().catch((error: Error) => this.problems.push(error));
    }
    const problem = mergeCloseErrors(this.problems.splice(0));
    if (problem) throw problem;
  }

  traceSince(mark: number): string | undefined {
    return this.owner?.traceSince(mark);
  }

  /** The MCP exchange of a concurrent test that failed, once. */
  traceOf(test: Circus.TestEntry): string | undefined {
    const trace = this.failedTraces.get(test);
    this.failedTraces.delete(test);
    return trace;
  }

  private current(name: string): OpenClient | undefined {
    return (this.concurrent.getStore() ?? this.ownerEntries).get(name);
  }

  private slot(name: string): OpenClient {
    const outside = outOfTest(name);
    const current = (): Pick<OpenClient, 'client' | 'inbox'> => this.current(name) ?? outside;
    return {
      name,
      get client() {
        return current().client;
      },
      get inbox() {
        return current().inbox;
      },
      lost: () => this.current(name)?.lost?.(),
      note: () => this.current(name)?.note?.(),
    };
  }
}

function byName(owner: SessionOwner): Map<string, OpenClient> {
  return new Map(owner.entries().map((open) => [open.name, open]));
}

function outOfTest(name: string): Pick<OpenClient, 'client' | 'inbox'> {
  return placeholder(
    `jest-mcp: mcpClients.${name} has a session per test (session: 'test'): use it inside a test or its beforeEach/afterEach hooks, not in beforeAll/afterAll or at the top of the file.`,
  );
}
