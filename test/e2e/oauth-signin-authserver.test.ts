import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { PROTECTED_RESOURCE, node, serverLog } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import type { SdkGeneration } from '../helpers/per-sdk';
import { type Project, createProject } from '../helpers/project';
import { USERS, declareSdk } from '../helpers/signin';

/**
 * Against the bundled test authorization server (`mcp.authServers`, oidc-provider) and a server
 * that is its protected resource (JWTs checked against its JWKS): alice, bob, charlie and diana
 * sign in through its login page once per run across 4 files on 2 workers (its log has one
 * authorization_code grant per user), their 5-second tokens are refreshed mid-run, and erin, who
 * asked only for `mcp`, is authorized again for `mcp:admin` when the server answers 403
 * insufficient_scope. Both SDK generations.
 */

const TTL = 5;
const whoami = (user: string) =>
  `expect(JSON.parse((await mcpClients.${user}.callTool({ name: 'whoami', arguments: {} })).content[0].text)).toMatchObject({ sub: '${user}' });`;
const everyone = USERS.map(whoami).join('\n  ');
const password = (user: string) => `${user}-pw-${process.pid}`;

function project(sdk: SdkGeneration): Project {
  const made = createProject();
  declareSdk(made, sdk);
  const users = [...USERS, 'erin'];
  const client = (user: string, scope?: string) => ({
    server: 'notes',
    auth: { authorizationCode: { login: { username: user, password: `\${PW_${user.toUpperCase()}}` }, ...(scope && { scope }) } },
  });
  made.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        authServers: {
          main: {
            users: Object.fromEntries(users.map((user) => [user, { password: `\${PW_${user.toUpperCase()}}` }])),
            scopes: ['mcp', 'mcp:admin'],
            accessTokenTtl: TTL,
          },
        },
        servers: {
          notes: node(PROTECTED_RESOURCE, '${PORT}', '${authServers.main.issuer}', '${authServers.main.jwksUri}', 'mcp', made.marker),
        },
        clients: { ...Object.fromEntries(USERS.map((user) => [user, client(user)])), erin: client('erin', 'mcp') },
      },
    },
  });
  for (const file of ['a', 'b', 'c'])
    made.write(`${file}.test.js`, `/** @mcp-clients ${USERS.join(', ')} */\ntest('everyone', async () => {\n  ${everyone}\n});\n`);
  made.write(
    'expiry.test.js',
    `/** @mcp-clients ${USERS.join(', ')} */
test('tokens that expired mid-run are refreshed', async () => {
  ${everyone}
  await new Promise((resolve) => setTimeout(resolve, ${TTL * 1000 + 500}));
  ${everyone}
}, 30000);`,
  );
  made.write(
    'step-up.test.js',
    `/** @mcp-clients erin */
test('a 403 insufficient_scope: authorized again for the wider scope', async () => {
  ${whoami('erin')}
  expect(await mcpClients.erin.callTool({ name: 'admin', arguments: {} })).toHaveTextContent('admin ok');
});`,
  );
  return made;
}

const runs = {} as Record<SdkGeneration, { project: Project; run: JestRun }>;

beforeAll(async () => {
  const env = Object.fromEntries([...USERS, 'erin'].map((user) => [`PW_${user.toUpperCase()}`, password(user)]));
  await Promise.all(
    (['v2', 'v1'] as const).map(async (sdk) => {
      const made = project(sdk);
      runs[sdk] = { project: made, run: await runJest(made.dir, { args: ['--maxWorkers=2'], env }) };
    }),
  );
});

afterAll(() => {
  for (const { project: made } of Object.values(runs)) made.remove();
});

/** The authorization server's log: `token grant_type=… client_id=… user=… issued`, one line per token request. */
function grants(made: Project, grantType: string, user: string): number {
  return serverLog(made, 'auth-main').filter(
    (line) => line.includes(`grant_type=${grantType} `) && line.includes(`user=${user} `) && line.endsWith('issued'),
  ).length;
}

describe.each(['v2', 'v1'] as const)('SDK %s', (sdk) => {
  test('every file passes; each user signed in once for the run (counted at the authorization server)', () => {
    const { run, project: made } = runs[sdk];
    expect(run.output).toMatch(/Tests:\s+5 passed, 5 total/);
    for (const user of USERS) expect(grants(made, 'authorization_code', user)).toBe(1);
  });

  test('the tokens that expired mid-run were refreshed (refresh_token grants), not signed in again', () => {
    const { project: made } = runs[sdk];
    for (const user of USERS) expect(grants(made, 'refresh_token', user)).toBeGreaterThanOrEqual(1);
  });

  test('step-up on 403 insufficient_scope: a second authorization, for the wider scope', () => {
    const { run, project: made } = runs[sdk];
    expect(outputOfFile(run, 'step-up.test.js')).toMatch(/^PASS/);
    expect(grants(made, 'authorization_code', 'erin')).toBe(2);
  });

  test('no password or token in the output; nothing left behind', () => {
    const { run, project: made } = runs[sdk];
    for (const user of [...USERS, 'erin']) expect(run.output).not.toContain(password(user));
    expect(run.output).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expectCleanExit(run);
    expectNoLeftovers(made);
  });
});
