/**
 * @mcp-clients alice
 */
import { mcpContract } from 'jest-mcp';

// `listed` is fetched before this file is collected: one test per tool the server lists, with no
// hand-written list to keep in step with the server.
const { tools } = mcpClients.alice.listed;

test.each(tools.map((t) => t.name))('%s says whether it only reads or may destroy', (name) => {
  const tool = tools.find((t) => t.name === name);
  // Hosts ask before running a tool that is neither read-only nor declared non-destructive.
  const hints = tool?.annotations as { readOnlyHint?: boolean; destructiveHint?: boolean } | undefined;
  expect(hints?.readOnlyHint ?? hints?.destructiveHint).toEqual(expect.any(Boolean));
});

test('notes_delete is destructive, notes_list is read-only', () => {
  expect(tools.find((t) => t.name === 'notes_delete')).toHaveToolAnnotations({ destructiveHint: true });
  expect(tools.find((t) => t.name === 'notes_list')).toHaveToolAnnotations({ readOnlyHint: true });
});

// The server's whole surface, without descriptions: a renamed argument, a new tool or a changed
// annotation shows as a snapshot diff in review (the order it lists things in does not).
test('the contract of the notes server', async () => {
  // Its listed resources are alice's notes, data other files create: not part of the contract.
  const { resources, ...contract } = await mcpContract(mcpClients.alice, { descriptions: false });
  expect(Object.keys(resources).every((uri) => uri.startsWith('notes://'))).toBe(true);
  expect(contract).toMatchSnapshot();
});
