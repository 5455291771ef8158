/** A configuration problem: the message names the key to fix and what was expected. */
export class McpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpConfigError';
    // The frames would be jest-mcp's own internals; the message names the key to fix.
    this.stack = `${this.name}: ${message}`;
  }
}
