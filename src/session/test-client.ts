import type { ClientSpec } from '../config/specs';
import type { Redactor } from '../util/redact';
import { type OpenClient, type OwnerOptions, SessionOwner } from './owner';

/**
 * A session a test opened itself (openMcpClient), under Jest or Vitest: its own owner, kept in
 * `owners` until closed, so whatever the test leaves open is closed for it, newest first.
 */
export async function openTestClient(
  plan: { redactor: Redactor; clients: ClientSpec[] },
  options: OwnerOptions,
  owners: Set<SessionOwner>,
): Promise<OpenClient & { close(): Promise<void> }> {
  const owner = new SessionOwner(plan.redactor, options);
  await owner.openAll(plan.clients);
  owners.add(owner);
  let closing: Promise<void> | undefined;
  return {
    ...owner.entries()[0],
    close: () => (closing ??= owner.closeAll().finally(() => owners.delete(owner))),
  };
}
