/**
 * `jest-mcp/reporter`: the MCP coverage reporter, for Jest's `reporters`:
 * `['jest-mcp/reporter', { outputFile, html, threshold }]` (options: `McpCoverageReporterOptions`).
 *
 * @module jest-mcp/reporter
 */
import { McpCoverageReporter } from './coverage/reporter';

// `jest-mcp/reporter`: Jest loads reporters with require(); `export =` gives it the class itself.
export = McpCoverageReporter;
