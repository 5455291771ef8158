'use strict';
// What a conformance scenario asks of a client: connect (jest-mcp does it before the first
// test), list the tools, and call each with arguments its schema requires.
const sample = (schema) => {
  switch (schema && schema.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      // Header-mirroring scenarios check that values unsafe in a header are base64-encoded.
      return process.env.MCP_CONFORMANCE_SCENARIO === 'http-custom-headers' ? ' tést ✓ ' : 'test';
  }
};

test('the scenario: list the tools and call each', async () => {
  const { tools } = await mcpClients.client.listTools();
  for (const tool of tools) {
    const schema = tool.inputSchema || {};
    const args = Object.fromEntries((schema.required || []).map((key) => [key, sample((schema.properties || {})[key])]));
    try {
      await mcpClients.client.callTool({ name: tool.name, arguments: args });
    } catch (error) {
      // Some scenario servers list tools without serving calls: what they check is the listing.
      if (error.code !== -32601) throw error;
    }
  }
});
