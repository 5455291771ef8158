// The configured clients, so `mcpClients.alice` is typed and a typo is a type error.
import 'jest-mcp/vitest';

declare module 'jest-mcp/vitest' {
  interface McpClientNames {
    alice: true;
    bob: true;
    admin: true;
  }
}
