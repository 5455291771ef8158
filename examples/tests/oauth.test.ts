/**
 * @mcp-clients alice, charlie, diana
 */
import { openMcpClient } from 'jest-mcp';
import { authServer, type MintOptions } from 'jest-mcp/oauth';

// The notes server is also an OAuth protected resource of the run's test authorization server
// (mcp.authServers.main): a JWT access token from it acts for its `sub`. Tokens minted here with
// the server's own key stand in for signed-in users, and spoiled ones must be refused.

const main = authServer('main');
const url = JSON.parse(process.env.JEST_MCP_SERVERS ?? '{}').servers.notes.url as string;
const asUser = async (user: string, options: MintOptions = {}) =>
  openMcpClient({ server: 'notes', headers: { Authorization: `Bearer ${await main.mintToken({}, { resource: url, user, ...options })}` } });

test('charlie and diana signed in through the authorization code flow: each is their own user', async () => {
  expect(await mcpClients.charlie.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'charlie' });
  expect(await mcpClients.diana.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'diana' });
  const created = await mcpClients.charlie.callTool({ name: 'notes_create', arguments: { title: 'Signed in', content: 'charlie' } });
  const { id } = created.structuredContent as { id: number };
  expect(await mcpClients.diana.callTool({ name: 'notes_get', arguments: { id } })).toBeToolError(`note ${id} not found`);
});

test('a minted token acts for its user, who sees only their own notes', async () => {
  await using charlie = await asUser('charlie');
  await using diana = await asUser('diana');
  expect(await charlie.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'charlie' });
  const created = await charlie.callTool({ name: 'notes_create', arguments: { title: 'Charlie only', content: 'private' } });
  const { id } = created.structuredContent as { id: number };
  expect(await diana.callTool({ name: 'notes_get', arguments: { id } })).toBeToolError(`note ${id} not found`);
  expect(await diana.callTool({ name: 'notes_list', arguments: {} })).not.toHaveTextContent('Charlie only');
});

test.each<[string, MintOptions]>([
  ['expired', { expired: true }],
  ['not yet valid', { notYetValid: true }],
  ['for another resource', { wrongAudience: true }],
  ['from another issuer', { wrongIssuer: true }],
  ['signed by a key not in the JWKS', { badSignature: true }],
])('a token %s is refused with HTTP 401', async (_, options) => {
  await expect(asUser('alice', options)).rejects.toThrow(/HTTP 401/);
});

test('a token without the notes scope is refused: 403 insufficient_scope, naming the scope', async () => {
  await expect(asUser('alice', { withoutScope: 'notes' })).rejects.toThrow(/Insufficient scope: required "notes"/);
});

test('without a token: 401 naming the protected resource metadata, which names the authorization server', async () => {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(answer.status).toBe(401);
  const challenge = answer.headers.get('www-authenticate') ?? '';
  const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
  expect(await (await fetch(metadataUrl)).json()).toEqual({
    resource: url,
    authorization_servers: [main.issuer],
    scopes_supported: ['notes'],
    bearer_methods_supported: ['header'],
  });
});

test('the static tokens of the other suites still work beside OAuth', async () => {
  expect(await mcpClients.alice.callTool({ name: 'whoami', arguments: {} })).toMatchStructuredContent({ user: 'alice' });
});
