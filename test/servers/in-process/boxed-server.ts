// A factory of the shape server-everything's createServer has: `{ server, cleanup }`, on SDK 1.x.
// The server records when it opens and closes, and the cleanup when it runs (store.record).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { record } from './store';

export function createServer(): { server: McpServer; cleanup: () => void } {
  const server = new McpServer({ name: 'in-process-boxed', version: '1.0.0' });
  server.registerTool('tag', { description: 'Who this is', inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'boxed' }] }));
  server.server.oninitialized = () => record('open boxed');
  server.server.onclose = () => record('close boxed');
  return { server, cleanup: () => record('cleanup boxed') };
}
