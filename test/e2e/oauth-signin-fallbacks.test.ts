import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { type JestRun, runJest } from '../helpers/jest-process';
import { type SdkGeneration, runOnBothSdks } from '../helpers/per-sdk';
import { type Project, createProject } from '../helpers/project';
import { type LoginServer, declareSdk, passwordsEnv, startLoginServer, userClient } from '../helpers/signin';

/**
 * The sign-in without jest-mcp's global setup (a config that replaced the preset's globalSetup):
 * each worker keeps its own broker, so a user signs in once per worker and every file still
 * passes. And `auth: { module }` exporting a plain OAuthClientProvider of the authorization code
 * flow, which the SDK alone leaves at its redirect: jest-mcp completes it, on both SDKs.
 */

const whoami = (user: string) =>
  `expect((await mcpClients.${user}.callTool({ name: 'whoami', arguments: {} })).content[0].text).toMatch(/^user ${user}; token \\d+$/);`;

// A provider as a project would write it for the SDK: everything in memory, no browser.
const PROVIDER = `class Provider {
  constructor() { this.store = {}; }
  get redirectUrl() { return 'http://127.0.0.1/module/callback'; }
  get clientMetadata() {
    return { client_name: 'module', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() { return this.store.client; }
  saveClientInformation(client) { this.store.client = client; }
  tokens() { return this.store.tokens; }
  saveTokens(tokens) { this.store.tokens = tokens; }
  redirectToAuthorization(url) { this.store.redirectedTo = String(url); }
  saveCodeVerifier(verifier) { this.store.verifier = verifier; }
  codeVerifier() { return this.store.verifier; }
}
module.exports = () => new Provider();
`;

let noBroker: { server: LoginServer; project: Project; run: JestRun };
let approving: LoginServer;
let modules: Awaited<ReturnType<typeof runOnBothSdks>>;

beforeAll(async () => {
  const project = createProject();
  declareSdk(project, 'v2');
  const server = await startLoginServer(project.marker);
  project.write('own-setup.js', 'module.exports = async () => {};\n');
  project.writeConfig({
    preset: 'jest-mcp',
    globalSetup: './own-setup.js',
    testEnvironmentOptions: { mcp: { clients: { alice: userClient(server.url, 'alice'), bob: userClient(server.url, 'bob') } } },
  });
  for (const file of ['a', 'b', 'c', 'd'])
    project.write(`${file}.test.js`, `test('both users', async () => {\n  ${whoami('alice')}\n  ${whoami('bob')}\n});\n`);
  approving = await startLoginServer(project.marker, ['--auto-approve', 'alice']);
  const make = (sdk: SdkGeneration) => {
    const made = createProject();
    declareSdk(made, sdk);
    made.write('provider.js', PROVIDER);
    made.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: { mcp: { clients: { alice: { url: approving.url, auth: { module: './provider.js' } } } } },
    });
    made.write('module.test.js', `test('a plain provider signs alice in', async () => {\n  ${whoami('alice')}\n});\n`);
    return made;
  };
  const [run, both] = await Promise.all([
    runJest(project.dir, { args: ['--maxWorkers=2'], env: passwordsEnv(server) }),
    runOnBothSdks(make),
  ]);
  noBroker = { server, project, run };
  modules = both;
});

afterAll(async () => {
  await noBroker?.server.stop();
  await approving?.stop();
  noBroker?.project.remove();
  for (const { project } of Object.values(modules ?? {})) project.remove();
});

test('without jest-mcp global setup every file passes, each user signing in once per worker', async () => {
  expect(noBroker.run.output).toMatch(/Tests:\s+4 passed, 4 total/);
  const stats = await noBroker.server.stats();
  for (const user of ['alice', 'bob']) {
    expect(stats[user]?.authorization_code).toBeGreaterThanOrEqual(1);
    expect(stats[user]?.authorization_code).toBeLessThanOrEqual(2);
  }
  for (const secret of noBroker.server.secrets()) expect(noBroker.run.output).not.toContain(secret);
  expectCleanExit(noBroker.run);
  expectNoLeftovers(noBroker.project, { except: [noBroker.server.server, approving.server] });
});

test.each(['v2', 'v1'] as const)('SDK %s: a plain OAuthClientProvider module completes the authorization code flow', (sdk) => {
  const { run } = modules[sdk];
  expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(run.output).not.toContain('[mcp-sdk]');
  for (const secret of approving.secrets()) expect(run.output).not.toContain(secret);
  expectCleanExit(run);
});
