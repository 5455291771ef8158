import { test, expect, mcpContract } from 'jest-mcp/vitest';

// What the notes server offers, as a Vitest snapshot (tests/__snapshots__/): a new tool, a changed
// schema or annotation fails it with a diff; the order the server lists things in does not.
test('the notes server keeps its contract', async ({ mcpClients }) => {
  expect(await mcpContract(mcpClients.admin, { descriptions: false })).toMatchSnapshot();
});
