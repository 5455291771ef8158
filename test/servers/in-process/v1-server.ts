// An MCP server module on SDK 1.x (@modelcontextprotocol/sdk), for in-process clients (2025
// protocol only). Tools: note {id} (from ./store), instances, ask (elicits a name from the client).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { lookup, made } from './store';

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

export default async function createServer(): Promise<McpServer> {
  made.count++;
  const server = new McpServer({ name: 'in-process-v1', version: '1.0.0' });
  server.registerTool('note', { description: 'A note by id', inputSchema: { id: z.string() } }, async ({ id }) =>
    text(lookup(id) ?? `no note ${id}`),
  );
  server.registerTool('instances', { description: 'Servers made so far', inputSchema: {} }, async () => text(String(made.count)));
  server.registerTool('ask', { description: 'Elicits a name', inputSchema: {} }, async () => {
    const answer = await server.server.elicitInput({
      message: 'Your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    return text(JSON.stringify(answer.content ?? null));
  });
  return server;
}
