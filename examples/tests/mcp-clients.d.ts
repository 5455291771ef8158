// The client names of jest.config.ts, so `mcpClients.alice` autocompletes and a typo
// (`mcpClients.alcie`) is a compile error.
import 'jest-mcp';

declare module 'jest-mcp' {
  interface McpClientNames {
    alice: true;
    bob: true;
    admin: true;
    charlie: true;
    diana: true;
    notesStdio: true;
    everything: true;
    inProcess: true;
  }
}
