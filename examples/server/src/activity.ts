/**
 * Who has used the server since it started. The SDK 2.x HTTP entry keeps no sessions (the
 * 2025-era fallback is stateless, the 2026-07-28 era has none by design), so the administrator's
 * view of "who is connected" is which users have been served, not how many sessions are open.
 */
export class Activity {
  private readonly seen = new Set<string>();

  record(user: string): void {
    this.seen.add(user);
  }

  usersSeen(): number {
    return this.seen.size;
  }
}
