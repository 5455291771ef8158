// An MCP server module on SDK 1.x (@modelcontextprotocol/sdk), for in-process clients (2025
// protocol only). Tools: note {id} (from ./store), instances (servers this module made), ask
// (elicits a name from the client). `alpha` and `beta` make tagged servers that record when they
// open and close (store.record), for the order of closing.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { lookup, made, record } from './store';

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

export default async function createServer(): Promise<McpServer> {
  made.v1++;
  const server = new McpServer({ name: 'in-process-v1', version: '1.0.0' });
  server.registerTool('note', { description: 'A note by id', inputSchema: { id: z.string() } }, async ({ id }) =>
    text(lookup(id) ?? `no note ${id}`),
  );
  server.registerTool('instances', { description: 'Servers made so far', inputSchema: {} }, async () => text(String(made.v1)));
  server.registerTool('ask', { description: 'Elicits a name', inputSchema: {} }, async () => {
    const answer = await server.server.elicitInput({
      message: 'Your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    return text(JSON.stringify(answer.content ?? null));
  });
  return server;
}

function tagged(tag: string): McpServer {
  const server = new McpServer({ name: `in-process-${tag}`, version: '1.0.0' });
  server.registerTool('tag', { description: 'Who this is', inputSchema: {} }, async () => text(tag));
  server.server.oninitialized = () => record(`open ${tag}`);
  server.server.onclose = () => record(`close ${tag}`);
  return server;
}

export const alpha = () => tagged('alpha');
export const beta = () => tagged('beta');
