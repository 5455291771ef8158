import type { ServerLabel } from './dirs';

/**
 * What jest-mcp says about server coverage it cannot give: once per run, never silently.
 */

/** The servers whose process tree wrote no V8 coverage (another language, or killed by SIGKILL). */
export function notCoveredMessage(servers: ServerLabel[]): string | undefined {
  if (!servers.length) return undefined;
  const list = servers.map((s) => `  - ${s.name}: ${s.command}`).join('\n');
  return (
    `jest-mcp: --coverage does not include ${servers.length === 1 ? 'this MCP server' : 'these MCP servers'}: no Node process of ${servers.length === 1 ? 'its' : 'their'} process tree wrote V8 coverage ` +
    `(a server in another language, or one that was killed with SIGKILL):\n${list}`
  );
}

/** Under --coverage, with servers to start, when no reporter of jest-mcp is in the run. */
export function missingReporterMessage(): string {
  return [
    "jest-mcp: --coverage does not include the code of the MCP servers jest-mcp starts: neither the preset's reporters nor jest-mcp/reporter are in this run.",
    "  Your config's `reporters` replaces the preset's: add jest-mcp's, e.g. reporters: ['default', 'jest-mcp/reporter'] (or 'jest-mcp/server-coverage' for the server coverage alone).",
  ].join('\n');
}
