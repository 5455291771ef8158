/** How jest-mcp introduces itself in MCP's handshake. */
export const CLIENT_INFO = { name: 'jest-mcp', version: (require('../../package.json') as { version: string }).version };
