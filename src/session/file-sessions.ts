import { BACKGROUND_STOPS_VAR } from '../channels/env';
import type { Circus } from '@jest/types';
import type { ClientSpec } from '../config/specs';
import type { Redactor } from '../util/redact';
import { anyTestWillRun } from './enabled-tests';
import { type OpenClient, type OwnerOptions, SessionOwner } from './owner';
import { placeholder } from './placeholder';
import { serverCoverageActive } from '../server-coverage/spawn-env';

/**
 * The sessions a test file keeps from its first test to its last. Opened in setup(), before the
 * file is collected, or, under `-t`, once it is collected and only if one of its tests will run:
 * a file whose every test is filtered out opens nothing. In-process clients always wait for the
 * file to be collected: their server module must load after the file's `jest.mock` calls.
 */
export class FileSessions extends SessionOwner {
  /** Until they open, stand-ins that say why they cannot be used yet; then the clients themselves. */
  private readonly slots: OpenClient[];
  private pending: ClientSpec[];

  constructor(
    private readonly specs: ClientSpec[],
    redactor: Redactor,
    options: OwnerOptions,
    deferred: boolean,
  ) {
    // A file's sessions close when its last test is done: nothing of the file waits for the
    // last server's exit, which overlaps the worker's next file instead.
    // (JEST_MCP_BACKGROUND_STOPS=0 awaits it, for the benchmark that compares; so does --coverage:
    // the server's coverage is written when it exits, and read when the file's result arrives.
    // A runner whose worker may end right after the file, as Vitest's, says so in `options`.)
    super(redactor, {
      ...options,
      backgroundStops: options.backgroundStops ?? (process.env[BACKGROUND_STOPS_VAR] !== '0' && !serverCoverageActive()),
    });
    this.pending = deferred ? specs : specs.filter((spec) => spec.kind === 'in-process');
    // Declaration order, whenever each opens.
    this.slots = this.pending.length
      ? specs.map((spec) => ({
          name: spec.name,
          ...(spec.kind === 'in-process' && { inProcess: true }),
          ...placeholder(
            spec.kind === 'in-process'
              ? `jest-mcp: mcpClients.${spec.name} is not open yet: an in-process client opens once the test file is collected (after its jest.mock calls), so its lists (listed, describeConformance) cannot be read at collection. Use it inside tests and hooks, not at the top of the file.`
              : `jest-mcp: mcpClients.${spec.name} is not open yet: with -t (--testNamePattern) the file's clients open after its tests are collected, and only if one of them runs. Use it inside tests and hooks, not at the top of the file.`,
          ),
        }))
      : [];
  }

  /** In setup(): opens the clients, except those that wait for the file's tests to be known. */
  async openFile(): Promise<void> {
    await this.openAll(this.specs.filter((spec) => !this.pending.includes(spec)));
    for (const open of super.entries()) Object.assign(this.slots.find((s) => s.name === open.name) ?? {}, open);
  }

  /** At run_start: opens what waited, if a test will run. */
  async openPending(state: Circus.State): Promise<void> {
    const specs = this.pending;
    this.pending = [];
    if (!specs.length || !anyTestWillRun(state)) return;
    await this.openAll(specs);
    for (const open of super.entries().filter((e) => specs.some((s) => s.name === e.name)))
      Object.assign(
        this.slots.find((s) => s.name === open.name)!,
        open,
      );
  }

  /** Those of `entries` (the very objects the bridge gets) whose clients are open: what setup can list and probe. */
  openOnly(entries: OpenClient[]): OpenClient[] {
    const open = new Set(super.entries().map((e) => e.name));
    return entries.filter((e) => open.has(e.name));
  }

  override entries(): OpenClient[] {
    return this.slots.length ? this.slots : super.entries();
  }
}
