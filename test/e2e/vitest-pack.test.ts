import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CORE_HTTP, eventsOf, startListening, type ListeningServer } from '../helpers/fixtures';
import { expectNoLeftovers } from '../helpers/checks';
import { installFresh, installedVersion, packTarball, packWorkspace, run } from '../helpers/pack';
import { filesFor } from '../helpers/vitest-project';

/**
 * jest-mcp/vitest from the packed tarball, in a fresh project with Vitest and no Jest, on Vitest
 * 3.2 and 4: one install per Vitest major, several runs in it. Clients over stdio, Streamable HTTP
 * and a run-wide server on the forks and threads pools, closed last opened first; `-t` that
 * filters out every test opens nothing; a failing test's MCP exchange with the secret hidden; a
 * server that never answers, and a session that will not end, bounded and reported; strict types with skipLibCheck false; no process left.
 */

const WORKSPACE = packWorkspace();
const SECRET = `vitest-secret-${randomUUID().slice(0, 8)}`;
const VARIANTS = [
  { major: 3 as const, vitest: 'vitest@~3.2.0' },
  { major: 4 as const, vitest: 'vitest@4' },
];

let tarball: string;
let http: ListeningServer;
const marker = `jmcp-vitest-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  tarball = await packTarball(WORKSPACE.tmp);
  http = await startListening(CORE_HTTP, [marker]);
}, 240_000);

afterAll(async () => {
  await http?.stop();
  WORKSPACE.remove();
});

describe.each(VARIANTS)('Vitest $major', ({ major, vitest }) => {
  let dir: string;
  const events = () => path.join(dir, `events-${major}.log`);
  const vitestRun = (args: string[]) => {
    fs.rmSync(events(), { force: true });
    return run('npx', ['vitest', 'run', ...args], dir, 120_000, {
      EVENTS: events(),
      MARKER: marker,
      TOKEN: SECRET,
      HTTP_BASE: `http://127.0.0.1:${http.port}`,
    });
  };

  beforeAll(async () => {
    ({ dir } = await installFresh(
      WORKSPACE.tmp,
      `vitest${major}`,
      tarball,
      [vitest, '@modelcontextprotocol/sdk@1', 'typescript@~5.9', '@types/node@20'],
      filesFor(major),
    ));
  }, 300_000);

  afterEach(() => expectNoLeftovers({ marker }, { except: [http.server] }));

  test('installs without Jest, and type-checks strictly with skipLibCheck false', async () => {
    expect(installedVersion(dir, 'vitest')).toMatch(major === 3 ? /^3\.2\./ : /^4\./);
    expect(installedVersion(dir, 'jest')).toBeUndefined();
    expect(installedVersion(dir, 'jest-environment-node')).toBeUndefined();
    const tsc = await run('npx', ['tsc', '-p', 'tsconfig.json'], dir, 240_000);
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  }, 300_000);

  test.each(['forks', 'threads'])(
    'stdio, Streamable HTTP and a run-wide server on the %s pool, closed last opened first',
    async (pool) => {
      const result = await vitestRun(['t/clients.test.ts', '--pool', pool]);
      expect(result.output).toMatch(/Tests\s+3 passed/);
      expect(result.code).toBe(0);
      const lines = eventsOf(events());
      // The file's own sessions: first, then second, closed second first; the test's own `first`
      // (openMcpClient) closed after its test, before them.
      const closes = lines.filter((l) => /^stdin-close (first|second) /.test(l)).map((l) => l.split(' ').slice(0, 2).join(' '));
      expect(closes).toEqual(['stdin-close first', 'stdin-close second', 'stdin-close first']);
      // A session per test for each of the file's tests, as with Jest.
      expect(lines.filter((l) => l.startsWith('start fresh'))).toHaveLength(3);
    },
    150_000,
  );

  test('-t that filters out every test of a file opens none of its clients', async () => {
    const result = await vitestRun(['t/clients.test.ts', '-t', 'no test is called this']);
    expect(result.output).toMatch(/3 skipped/);
    expect(fs.existsSync(events()) ? eventsOf(events()) : []).toEqual([]);
  }, 150_000);

  test("a failing test shows its MCP exchange, and the config's secret nowhere", async () => {
    const result = await vitestRun(['t/fails.test.ts']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/MCP exchange during this test/);
    expect(result.output).toMatch(/→ .*"name":"whoami"/);
    expect(result.output).toMatch(/\[redacted\]/);
    expect(result.output).not.toContain(SECRET);
  }, 150_000);

  test('a server that never answers fails its file within its connect timeout', async () => {
    const result = await vitestRun(['t/hang.test.ts']);
    expect(result.code).toBe(1);
    // Bounded by its own 1.5 s (the rest of the time reported is spawning and stopping the server).
    expect(result.output).toMatch(
      /could not open MCP client "hang" .* after [\d.]+ s: no answer: connect \+ initialize did not finish within 1\.5 s/,
    );
    expect(result.output).not.toMatch(/testEnvironmentOptions/);
    expect(result.ms).toBeLessThan(60_000);
  }, 150_000);

  test("a session that outlasts its close timeout fails the file, beside its test's own result", async () => {
    const result = await vitestRun(['t/close.test.ts']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/✓ passes, and its session will not end/);
    expect(result.output).toMatch(/1 MCP client\(s\) did not close cleanly/);
    expect(result.output).toMatch(/client "stuck" .*HTTP DELETE\) did not finish within the close timeout of 1 s/);
    // The other client still closed, after it (last opened, first closed).
    expect(eventsOf(events()).filter((l) => l.startsWith('stdin-close '))).toEqual([expect.stringMatching(/^stdin-close first /)]);
  }, 150_000);
});
