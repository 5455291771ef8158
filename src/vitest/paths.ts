/**
 * The shared config code names options where a Jest user writes them (`testEnvironmentOptions.mcp`,
 * `@mcp-clients`). A Vitest user writes them as `mcpVitest({ … })` and picks a file's clients
 * with the `mcpClientNames` fixture: messages are reworded at the boundary, so each names what
 * the user can search their own config for.
 */

const REWRITES: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
  // `testEnvironmentOptions.mcp.clients.alice.url` → `mcpVitest({ clients.alice.url })`
  [/testEnvironmentOptions\.mcp\.([\w$.[\]-]+[\w$\]])/g, (_m, path) => `mcpVitest({ ${path} })`],
  [/testEnvironmentOptions\.mcp\b/g, () => 'mcpVitest(options)'],
  [/@mcp-clients\b/g, () => 'mcpClientNames'],
];

/** `text` with every Jest-config path said as a Vitest user wrote it. */
export function vitestPaths(text: string): string {
  return REWRITES.reduce((out, [pattern, replace]) => out.replace(pattern, replace), text);
}

/** The same error, its message and stack reworded (see vitestPaths). */
export function inVitestTerms<T>(error: T): T {
  const e = error as { message?: unknown; stack?: unknown } | null;
  if (typeof e !== 'object' || e === null) return error;
  try {
    if (typeof e.message === 'string') e.message = vitestPaths(e.message);
    if (typeof e.stack === 'string') e.stack = vitestPaths(e.stack);
  } catch {
    // a frozen error: shown as it is
  }
  return error;
}
