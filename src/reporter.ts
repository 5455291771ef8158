import { McpCoverageReporter } from './coverage/reporter';

// `jest-mcp/reporter`: Jest loads reporters with require(); `export =` gives it the class itself.
export = McpCoverageReporter;
