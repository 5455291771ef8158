/**
 * Where jest-mcp's options sit in a Jest config. Every config message names the exact option to
 * fix by this path, so that a user can search their config for it; one spelling keeps them alike.
 */

export const MCP_OPTIONS = 'testEnvironmentOptions.mcp';

/** `testEnvironmentOptions.mcp.<keys…>`, e.g. `mcpPath('servers', name, 'port')`. */
export function mcpPath(...keys: string[]): string {
  return [MCP_OPTIONS, ...keys].join('.');
}
