import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { OAUTH_SERVER, startListening, type ListeningServer } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, onlyClients } from '../helpers/test-files';

/**
 * OAuth client credentials against a real authorization + resource server on loopback (built
 * with the SDK's server-side auth), from config with a `${VAR}` secret and from a provider module.
 * Wrong credentials and a missing `auth` fail only their files, and no secret is ever printed.
 */
const SECRET = `canary-oauth-${Date.now()}-s3cr3t`;

let server: ListeningServer;
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({});
  server = await startListening(OAUTH_SERVER, ['0', 'test-client', SECRET, project.marker], 'pipe');
  const issuer = `http://127.0.0.1:${server.port}/`;
  const url = `${issuer}mcp`;
  project.write(
    'provider.js',
    `const { ClientCredentialsProvider } = require('@modelcontextprotocol/sdk/client/auth-extensions.js');
     module.exports = ({ client }) => new ClientCredentialsProvider({ clientId: 'test-client', clientSecret: process.env.OAUTH_SECRET, clientName: client, expectedIssuer: '${issuer}' });`,
  );
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          machine: { url, auth: { clientCredentials: { clientId: 'test-client', clientSecret: '${OAUTH_SECRET}', issuer } } },
          custom: { url, auth: { module: './provider.js' } },
          wrong: { url, auth: { clientCredentials: { clientId: 'test-client', clientSecret: 'not-${OAUTH_SECRET}', issuer } } },
          anonymous: { url },
        },
      },
    },
  });
  project.write(
    'ok.test.js',
    `/** @mcp-clients machine, custom */
     test('client credentials from config and from a module', async () => {
       expect(await mcpClients.machine.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent(/^client test-client; token \\d+$/);
       expect(await mcpClients.custom.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('client test-client');
     });
     test('the token is reused, not fetched per request', async () => {
       const first = await mcpClients.machine.callTool({ name: 'whoami', arguments: {} });
       const again = await mcpClients.machine.callTool({ name: 'whoami', arguments: {} });
       const other = await mcpClients.custom.callTool({ name: 'whoami', arguments: {} });
       expect(again.content[0].text).toBe(first.content[0].text);
       // Each client holds its own token, so the check above can tell reuse from a shared label.
       expect(other.content[0].text).not.toBe(first.content[0].text);
     });`,
  );
  project.write('wrong.test.js', onlyClients('wrong') + NEVER_RUNS);
  project.write('anonymous.test.js', onlyClients('anonymous') + NEVER_RUNS);
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { OAUTH_SECRET: SECRET } });
});

afterAll(async () => {
  await server?.stop();
  project?.remove();
});

test('valid credentials pass, from config and from a provider module', () => {
  expect(run.output).toMatch(/PASS .*ok\.test\.js/);
  expect(run.output).toMatch(/Test Suites:\s+2 failed, 1 passed, 3 total/);
  expect(run.output).toMatch(/Tests:\s+2 passed, 2 total/);
});

test('wrong credentials fail only their file, naming the client and the OAuth error', () => {
  expect(run.output).toMatch(/FAIL .*wrong\.test\.js/);
  expect(run.output).toMatch(
    /could not open MCP client "wrong" \(streamable-http http:\/\/127\.0\.0\.1:\d+\/mcp\).*: OAuth invalid_client/,
  );
  expect(run.output).toMatch(/Check testEnvironmentOptions\.mcp\.clients\.wrong\.auth/);
});

test('no auth against a protected server is an HTTP 401', () => {
  expect(run.output).toMatch(/FAIL .*anonymous\.test\.js/);
  expect(run.output).toMatch(/could not open MCP client "anonymous" .*: HTTP 401 Unauthorized/);
});

test('the SDK has no reason to warn (the issuer is pinned)', () => {
  expect(run.output).not.toContain('[mcp-sdk]');
});

test('the secret never appears, and nothing is left behind', () => {
  expect(run.output).not.toContain(SECRET);
  expectCleanExit(run);
  expectNoLeftovers(project, { except: [server.server] });
});
