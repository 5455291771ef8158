/**
 * @mcp-clients inProcess
 */
import { openMcpClient } from 'jest-mcp';

// The notes server in this test's own process (jest.config.ts: `module`): no HTTP, no stdio. What
// the server imports, a test can mock: here its activity log, whose count admin_stats reports.
jest.mock('../server/src/activity', () => ({
  Activity: class {
    record(): void {}
    usersSeen(): number {
      return 42;
    }
  },
}));

const erin = () => mcpClients.inProcess;

test('the server module acts for erin, in the era this run negotiated', async () => {
  expect(erin().getServerVersion()).toMatchObject({ name: 'notes-example' });
  expect(await erin().callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'erin', admin: false });
});

test('create and read a note in process', async () => {
  const created = await erin().callTool({ name: 'notes_create', arguments: { title: 'In process', content: 'no socket' } });
  expect(created).toBeToolSuccess();
  const { id } = created.structuredContent as { id: number };
  expect(await erin().callTool({ name: 'notes_get', arguments: { id } })).toMatchStructuredContent({ content: 'no socket' });
});

test("the admin sees erin's notes, and the mocked activity log", async () => {
  await using admin = await openMcpClient({ module: './server/src/in-process.ts', export: 'createAdminServer' });
  expect(await admin.callTool({ name: 'admin_list_users', arguments: {} })).toMatchStructuredContent({
    users: expect.arrayContaining([{ name: 'erin', notes: 1 }]),
  });
  // The real Activity would count the users served (erin, admin): the mock answers 42.
  expect(await admin.callTool({ name: 'admin_stats', arguments: {} })).toMatchStructuredContent({ usersSeen: 42 });
});
