import { expectCleanExit, expectNoLeftovers, setupErrorOf } from '../helpers/checks';
import { freePort } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import type { SdkGeneration } from '../helpers/per-sdk';
import { type Project, createProject } from '../helpers/project';
import { NEVER_RUNS, onlyClients } from '../helpers/test-files';
import { type LoginServer, USERS, declareSdk, passwordsEnv, startLoginServer, userClient } from '../helpers/signin';

/**
 * The authorization code grant, headless, against an authorization server with a login page:
 * four users sign in once per run across 4 files on 2 workers (counted at the authorization
 * server), a token that expires mid-run is refreshed, and each way a sign-in fails (no login
 * configured, a wrong password, a refused consent, an authorization server that is down) fails
 * its file with a message naming the client, the authorization server and what to do. No
 * password, code or token is ever printed.
 */

const TTL = 5;
const whoamiAll = USERS.map(
  (user) =>
    `expect((await mcpClients.${user}.callTool({ name: 'whoami', arguments: {} })).content[0].text).toMatch(/^user ${user}; token \\d+$/);`,
).join('\n  ');

interface SignInRun {
  server: LoginServer;
  project: Project;
  run: JestRun;
}

async function fourUsers(sdk: SdkGeneration): Promise<SignInRun> {
  const project = createProject();
  declareSdk(project, sdk);
  const server = await startLoginServer(project.marker, ['--ttl', String(TTL)]);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: Object.fromEntries(USERS.map((user) => [user, userClient(server.url, user)])) } },
  });
  for (const file of ['a', 'b', 'c'])
    project.write(`${file}.test.js`, `test('every user is who they signed in as', async () => {\n  ${whoamiAll}\n});\n`);
  project.write(
    'expiry.test.js',
    `test('a token that expired mid-run is refreshed', async () => {
       ${whoamiAll}
       await new Promise((resolve) => setTimeout(resolve, ${TTL * 1000 + 500}));
       ${whoamiAll}
     }, 30000);`,
  );
  const run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: passwordsEnv(server) });
  return { server, project, run };
}

// A login module as a project would write one for a page jest-mcp cannot fill in: here by hand,
// with fetch (a real one would drive a browser), signing the user its client is named for in as charlie.
const LOGIN_MODULE = `module.exports = async ({ authorizationUrl, redirectUrl, user }) => {
  if (user !== 'bymodule') throw new Error('unexpected user ' + user);
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const sid = /name="sid" value="([^"]+)"/.exec(await page.text())[1];
  const body = new URLSearchParams({ sid, username: 'charlie', password: process.env.PW_CHARLIE });
  const posted = await fetch(new URL('/login', authorizationUrl), { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
  const location = posted.headers.get('location');
  if (!location.startsWith(redirectUrl)) throw new Error('not redirected back');
  return location;
};
`;

const runs: Partial<Record<SdkGeneration, SignInRun>> = {};
let failures: SignInRun & { down: number };

beforeAll(async () => {
  [runs.v2, runs.v1] = await Promise.all([fourUsers('v2'), fourUsers('v1')]);
  const project = createProject();
  declareSdk(project, 'v2');
  const server = await startLoginServer(project.marker);
  const down = await freePort();
  const deadIssuer = await startLoginServer(project.marker, ['--issuer', `http://127.0.0.1:${down}`]);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          nologin: { url: server.url, auth: { authorizationCode: {} } },
          wrongpw: { url: server.url, auth: { authorizationCode: { login: { username: 'alice', password: '${PW_BOB}' } } } },
          refused: userClient(server.url, 'mallory'),
          down: userClient(deadIssuer.url, 'alice'),
          bymodule: { url: server.url, auth: { authorizationCode: { login: './login.js' } } },
        },
      },
    },
  });
  for (const client of ['nologin', 'wrongpw', 'refused', 'down']) project.write(`${client}.test.js`, onlyClients(client) + NEVER_RUNS);
  project.write('login.js', LOGIN_MODULE);
  project.write(
    'bymodule.test.js',
    `${onlyClients('bymodule')}test('a login module signed charlie in', async () => {
       expect((await mcpClients.bymodule.callTool({ name: 'whoami', arguments: {} })).content[0].text).toMatch(/^user charlie;/);
     });`,
  );
  const run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: passwordsEnv(server) });
  await deadIssuer.stop();
  failures = { server, project, run, down };
});

afterAll(async () => {
  for (const done of [runs.v1, runs.v2, failures]) {
    await done?.server.stop();
    done?.project.remove();
  }
});

describe.each(['v2', 'v1'] as const)('SDK %s', (sdk) => {
  test('four users on 2 workers: every file passes, each user signed in once for the whole run', async () => {
    const { run, server } = runs[sdk]!;
    expect(run.output).toMatch(/Tests:\s+4 passed, 4 total/);
    const stats = await server.stats();
    for (const user of USERS) expect(stats[user]?.authorization_code).toBe(1);
  });

  test('the token that expired mid-run was refreshed, not signed in again', async () => {
    const stats = await runs[sdk]!.server.stats();
    for (const user of USERS) expect(stats[user]?.refresh_token).toBeGreaterThanOrEqual(1);
  });

  test('no password, code or token in the output; nothing left behind', () => {
    const { run, server, project } = runs[sdk]!;
    for (const secret of [...server.secrets(), ...Object.values(passwordsEnv(server))]) expect(run.output).not.toContain(secret);
    expectCleanExit(run);
    expectNoLeftovers(project, { except: [server.server] });
  });
});

test('a login page and no login configured: the client, the authorization server and what to set', () => {
  const { text } = setupErrorOf(failures.run, 'nologin');
  expect(text).toMatch(/could not sign in "nologin" at the authorization server http:\/\/127\.0\.0\.1:\d+: it showed a login page/);
  expect(text).toContain('testEnvironmentOptions.mcp.clients.nologin.auth.authorizationCode has no "login"');
  expect(text).toMatch(/login: \{ username, password \}/);
  expect(text).not.toMatch(/HTTP 401/);
});

test('a wrong password says the login was not accepted', () => {
  const { text } = setupErrorOf(failures.run, 'wrongpw');
  expect(text).toMatch(
    /could not sign in "wrongpw" .*the login page came back after posting the username and password of testEnvironmentOptions\.mcp\.clients\.wrongpw\.auth\.authorizationCode\.login/,
  );
});

test('a refused consent says access_denied', () => {
  const { text } = setupErrorOf(failures.run, 'refused');
  expect(text).toMatch(/could not sign in "refused" .*the authorization was refused: access_denied/);
});

test('an authorization server that is down is named, in bounded time', () => {
  const { text, seconds } = setupErrorOf(failures.run, 'down');
  expect(text).toContain(`http://127.0.0.1:${failures.down}/`);
  expect(text).toMatch(/did not answer \(ECONNREFUSED\)\. Is the authorization server this server names running\?/);
  expect(seconds).toBeLessThan(10);
});

test('a login module signs the user in', () => {
  expect(failures.run.output).toMatch(/PASS \S*bymodule\.test\.js/);
});

test('failures print no password, code or token', () => {
  const { run, server, project } = failures;
  for (const secret of [...server.secrets(), ...Object.values(passwordsEnv(server))]) expect(run.output).not.toContain(secret);
  expectCleanExit(run);
  expectNoLeftovers(project, { except: [server.server] });
});
