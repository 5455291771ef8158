/**
 * Keys of what the Vitest main process hands to its workers through `provide`/`inject`: the
 * options given to mcpVitest (JSON: options carry no code, modules are named by path) and the
 * project's root, which only the global setup knows.
 */
export const OPTIONS_PROVIDED = 'jest-mcp:options';
export const ROOT_PROVIDED = 'jest-mcp:root';
