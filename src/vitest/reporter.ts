/**
 * `jest-mcp/vitest/reporter`: the MCP coverage reporter for Vitest's `reporters`:
 * `['default', ['jest-mcp/vitest/reporter', { outputFile, html, threshold }]]`, or
 * `mcpVitest({ coverage: { … } })`, which adds it with the config's secrets.
 *
 * @module jest-mcp/vitest/reporter
 */
import { McpVitestCoverageReporter } from './coverage-reporter';

// Vitest takes a reporter module's default export, for CommonJS `module.exports`: the class itself.
export = McpVitestCoverageReporter;
