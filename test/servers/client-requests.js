'use strict';
// A stdio MCP server whose tools send the client the requests of MCP 2025-11-25, for the
// elicitation-mode and sampling-with-tools e2e tests. Usage: node client-requests.js [marker]
// Tools (each answers with text saying what the client answered, or why the request failed):
//   url-then-complete   elicitation/create in URL mode (elicitationId "elic-42"); on accept it
//                       sends notifications/elicitation/complete for it
//   form-elicit         elicitation/create in form mode (one string field, `name`)
//   form-defaults       elicitation/create in form mode with a default on every field (SEP-1034);
//                       answers JSON {applyDefaults: what the client declared, action, content}
//   sample-with-tools   sampling/createMessage with tools (get_weather) and toolChoice auto, if
//                       the client declares sampling.tools; the answer as JSON
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { CreateMessageResultWithToolsSchema, ElicitResultSchema } = require('@modelcontextprotocol/sdk/types.js');

const server = new McpServer({ name: 'client-requests-fixture', version: '1.0.0' }, { capabilities: { tools: {} } });
const text = (t) => ({ content: [{ type: 'text', text: t }] });
const failed = (what, error) => text(`${what} failed: ${error.message}`);

server.registerTool('url-then-complete', { description: 'URL-mode elicitation, then its completion' }, async (extra) => {
  const elicitationId = 'elic-42';
  try {
    const answer = await extra.sendRequest(
      {
        method: 'elicitation/create',
        params: { mode: 'url', url: 'https://auth.example.com/connect?state=s1', message: 'Connect your account', elicitationId },
      },
      ElicitResultSchema,
    );
    if (answer.action === 'accept')
      await server.server.notification({ method: 'notifications/elicitation/complete', params: { elicitationId } });
    return text(`url elicitation: ${answer.action}`);
  } catch (error) {
    return failed('url elicitation', error);
  }
});

server.registerTool('form-elicit', { description: 'form-mode elicitation' }, async (extra) => {
  try {
    const answer = await extra.sendRequest(
      {
        method: 'elicitation/create',
        params: {
          message: 'Your name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
      ElicitResultSchema,
    );
    return text(`form elicitation: ${answer.action} ${JSON.stringify(answer.content ?? null)}`);
  } catch (error) {
    return failed('form elicitation', error);
  }
});

const DEFAULTS_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', default: 'John Doe' },
    age: { type: 'integer', default: 30 },
    status: { type: 'string', enum: ['active', 'inactive'], default: 'active' },
    verified: { type: 'boolean', default: true },
  },
};

server.registerTool('form-defaults', { description: 'form-mode elicitation with defaults' }, async (extra) => {
  try {
    const answer = await extra.sendRequest(
      { method: 'elicitation/create', params: { message: 'Accept the defaults?', requestedSchema: DEFAULTS_SCHEMA } },
      ElicitResultSchema,
    );
    const applyDefaults = server.server.getClientCapabilities()?.elicitation?.form?.applyDefaults ?? null;
    return text(JSON.stringify({ applyDefaults, action: answer.action, content: answer.content ?? null }));
  } catch (error) {
    return failed('form elicitation', error);
  }
});

server.registerTool('sample-with-tools', { description: 'sampling with tools' }, async (extra) => {
  if (!server.server.getClientCapabilities()?.sampling?.tools) return text('client does not declare sampling.tools');
  try {
    const answer = await extra.sendRequest(
      {
        method: 'sampling/createMessage',
        params: {
          messages: [{ role: 'user', content: { type: 'text', text: 'What is the weather in Paris?' } }],
          maxTokens: 100,
          tools: [
            {
              name: 'get_weather',
              description: 'The weather in a city',
              inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
          ],
          toolChoice: { mode: 'auto' },
        },
      },
      CreateMessageResultWithToolsSchema,
    );
    return text(JSON.stringify(answer));
  } catch (error) {
    return failed('sampling', error);
  }
});

server.connect(new StdioServerTransport());
process.stdin.on('end', () => process.exit(0));
