import { expect as globalsExpect, test } from '@jest/globals';
import { mcpContract, mcpMatchers, type McpContract } from '../../src';

/**
 * The types of the contract helpers and matchers: `npm run typecheck` holds this file to them
 * (strict), and each `@ts-expect-error` to being an error.
 */
globalsExpect.extend(mcpMatchers);

const tool = { name: 'remove', annotations: { destructiveHint: true }, _meta: { ui: { resourceUri: 'ui://a/b' } } };

test('toHaveToolAnnotations, toBeMcpAppResource and toHaveMcpAppUi are typed on both expects', () => {
  globalsExpect(tool).toHaveToolAnnotations({ destructiveHint: true, readOnlyHint: undefined });
  expect([tool]).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) });
  expect(tool).toHaveMcpAppUi('ui://a/b', { visibility: ['model', 'app'] });
  globalsExpect(tool).toHaveMcpAppUi(/ui:/);
  expect({ uri: 'ui://a/b', mimeType: 'text/html;profile=mcp-app', _meta: { ui: { prefersBorder: true } } }).toBeMcpAppResource({
    csp: { connectDomains: [] },
    prefersBorder: true,
  });
});

// Type errors only: never called.
export function wrongUses(): void {
  // Milliseconds, as every helper's; the old name still type-checks.
  void mcpContract({ tools: [], resources: [], resourceTemplates: [], prompts: [] }, { timeout: 5000, timeoutMs: 5000 });
  // @ts-expect-error: a number of milliseconds
  void mcpContract({ tools: [], resources: [], resourceTemplates: [], prompts: [] }, { timeout: '5s' });
  // @ts-expect-error: descriptions is a boolean
  void mcpContract({ tools: [], resources: [], resourceTemplates: [], prompts: [] }, { descriptions: 'no' });
  // @ts-expect-error: visibility is 'model' or 'app'
  expect(tool).toHaveMcpAppUi('ui://a/b', { visibility: ['user'] });
  // @ts-expect-error: hints are an object
  expect(tool).toHaveToolAnnotations(true);
  // @ts-expect-error: not a field toBeMcpAppResource checks
  expect({ uri: 'ui://a/b' }).toBeMcpAppResource({ html: '' });
  // @ts-expect-error: a client or its lists, not a client's name
  void mcpContract('notes');
}

test('mcpContract takes a client or its lists and resolves to a contract', async () => {
  const lists = { tools: [tool], resources: [], resourceTemplates: [], prompts: [], capabilities: { tools: {} }, errors: {} };
  const contract: McpContract = await mcpContract(lists, { descriptions: false });
  expect(contract.tools.remove.annotations).toEqual({ destructiveHint: true });
  await expect(mcpContract({ listed: true } as never)).rejects.toThrow(
    'mcpContract: expected an MCP client (e.g. mcpClients.notes) or its lists (mcpClients.notes.listed), received an object with keys listed',
  );
  const failed = { ...lists, errors: { prompts: 'prompts/list: boom' } };
  await expect(mcpContract(failed)).rejects.toThrow(
    "the server's lists could not be read whole, so there is no contract to compare:\n  prompts: prompts/list: boom",
  );
});
