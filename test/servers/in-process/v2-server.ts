// An MCP server module on SDK 2.x (@modelcontextprotocol/server), for in-process clients: its
// factory is what createMcpHandler calls. Tools: note {id} (from ./store), era, instances (how
// many servers this registry made), ask (elicits a name; 2026-07-28 era: input_required), boom
// (throws), unused (never called: stays uncovered).
import { McpServer, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { lookup, made } from './store';

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

export function createServer(ctx?: { era?: 'legacy' | 'modern' }): McpServer {
  made.v2++;
  const era = ctx?.era ?? 'legacy';
  const server = new McpServer({ name: 'in-process-v2', version: '1.0.0' });
  server.registerTool('note', { description: 'A note by id', inputSchema: z.object({ id: z.string() }) }, async ({ id }) =>
    text(lookup(id) ?? `no note ${id}`),
  );
  server.registerTool('era', { description: 'The protocol era', inputSchema: z.object({}) }, async () => text(era));
  server.registerTool('instances', { description: 'Servers made so far', inputSchema: z.object({}) }, async () => text(String(made.v2)));
  server.registerTool('ask', { description: 'Elicits a name', inputSchema: z.object({}) }, async (_args, hctx) => {
    const schema = { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] };
    const answer = inputResponse(hctx.mcpReq.inputResponses, 'who');
    if (answer.kind === 'missing')
      return inputRequired({ inputRequests: { who: inputRequired.elicit({ message: 'Your name?', requestedSchema: schema }) } });
    return text(JSON.stringify(answer.kind === 'elicit' ? (answer.content ?? null) : null));
  });
  server.registerTool('boom', { description: 'Throws', inputSchema: z.object({}) }, async () => {
    throw new Error('boom from the server');
  });
  server.registerTool('unused', { description: 'No test calls it', inputSchema: z.object({}) }, async () => {
    const never = 'not covered';
    return text(never);
  });
  return server;
}
