// What the in-process fixture servers read their notes from: the module e2e tests replace with jest.mock().
const NOTES: Record<string, string> = { n1: 'first note' };

export function lookup(id: string): string | undefined {
  return NOTES[id];
}

/** How many server instances were made in this module registry (a per-test session makes a new one). */
export const made = { count: 0 };
