/** Pieces of the test files the e2e projects are made of. */

/** A docblock that gives its test file its own `mcp` options, replacing the project's. */
export function envOptions(mcp: unknown): string {
  return `/** @jest-environment-options ${JSON.stringify({ mcp })} */\n`;
}

/** A docblock that opens only the named clients for its test file. */
export function onlyClients(...names: string[]): string {
  return `/** @mcp-clients ${names.join(', ')} */\n`;
}

/** The one test of a file that must fail before any test runs: if it runs anyway, it fails saying so. */
export const NEVER_RUNS = `test('never runs', () => { throw new Error('should not run'); });\n`;
