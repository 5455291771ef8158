// What the in-process fixture servers read their notes from: the module e2e tests replace with jest.mock().
import { appendFileSync } from 'node:fs';

const NOTES: Record<string, string> = { n1: 'first note' };

export function lookup(id: string): string | undefined {
  return NOTES[id];
}

/** How many server instances each generation's module made in this module registry. */
export const made = { v1: 0, v2: 0 };

/** One line per server event, to the file IN_PROCESS_EVENTS names (none: nothing). */
export function record(event: string): void {
  const file = process.env.IN_PROCESS_EVENTS;
  if (file) appendFileSync(file, `${event}\n`);
}
