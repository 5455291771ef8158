import type { ClientSpec } from '../config/specs';
import { type OpenClient, type OwnerOptions, SessionOwner } from './owner';
import type { Redactor } from '../util/redact';
import { placeholder } from './placeholder';

/**
 * Clients configured with `session: 'test'`: a fresh session for every test, opened before its
 * beforeEach hooks and closed after its afterEach hooks, after and before the file's own clients
 * (last opened, first closed). Between tests their `mcpClients` entry says why it cannot be used.
 */
export class TestSessions {
  /** Stable objects the bridge holds; their client and inbox change with every test. */
  readonly slots: OpenClient[];
  private owner?: SessionOwner;

  constructor(
    private readonly specs: ClientSpec[],
    private readonly redactor: Redactor,
    private readonly options: OwnerOptions,
  ) {
    this.slots = specs.map((spec) => ({ name: spec.name, ...outOfTest(spec.name) }));
  }

  get active(): boolean {
    return this.specs.length > 0;
  }

  /** Opens this test's sessions; throws (after closing what opened) if one fails. */
  async open(): Promise<void> {
    if (!this.active) return;
    await this.close(); // a retried test starts again without having ended
    this.owner = new SessionOwner(this.redactor, this.options);
    await this.owner.openAll(this.specs);
    for (const open of this.owner.entries())
      Object.assign(
        this.slots.find((s) => s.name === open.name)!,
        open,
      );
  }

  /** Closes this test's sessions, last opened first; throws one error naming each that failed. */
  async close(): Promise<void> {
    const owner = this.owner;
    this.owner = undefined;
    for (const slot of this.slots) Object.assign(slot, outOfTest(slot.name));
    await owner?.closeAll();
  }

  traceSince(mark: number): string | undefined {
    return this.owner?.traceSince(mark);
  }
}

function outOfTest(name: string): Pick<OpenClient, 'client' | 'inbox'> {
  return placeholder(
    `jest-mcp: mcpClients.${name} has a session per test (session: 'test'): use it inside a test or its beforeEach/afterEach hooks, not in beforeAll/afterAll or at the top of the file.`,
  );
}
