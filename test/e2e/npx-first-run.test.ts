import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { runJest, type JestRun } from '../helpers/jest-process';
import { REPO, createProject, type Project } from '../helpers/project';

/**
 * A newcomer's first `npx -y <server>`: the package is in no npm cache yet (an empty cache
 * directory here; the package comes from the registry), and npx downloads it before the server
 * starts. With the default timeouts the first run passes, as the second does: jest-mcp has npx
 * install it before the connect clock starts, and says so on stderr while it waits.
 */

const VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/@modelcontextprotocol/server-everything/package.json'), 'utf8')) as {
    version: string;
  }
).version;
let project: Project;
let cache: string;
let first: JestRun;
let second: JestRun;

beforeAll(async () => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-npx-cache-'));
  project = createProject({});
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          everything: {
            command: 'npx',
            args: ['-y', `@modelcontextprotocol/server-everything@${VERSION}`, 'stdio', project.marker],
            // npx in the server's (small, safe) environment uses this cache: the empty one.
            env: { npm_config_cache: '${NPM_CACHE}' },
          },
        },
      },
    },
  });
  project.write(
    'first.test.js',
    `test('the server answers on its first run', async () => {
      expect(await mcpClients.everything.callTool({ name: 'echo', arguments: { message: 'first' } })).toHaveTextContent('Echo: first');
    });`,
  );
  first = await runJest(project.dir, { env: { NPM_CACHE: cache }, timeoutMs: 360_000 });
  second = await runJest(project.dir, { env: { NPM_CACHE: cache }, timeoutMs: 120_000 });
}, 500_000);

afterAll(() => {
  project?.remove();
  fs.rmSync(cache, { recursive: true, force: true });
});

test('the first run, with an empty npm cache, passes with the default timeouts', () => {
  expect(first.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(first.code).toBe(0);
  expectCleanExit(first);
});

test('while npx downloads, jest-mcp says the connect timeout waits for it', () => {
  expect(first.output).toContain(
    `jest-mcp: client "everything": npx is installing @modelcontextprotocol/server-everything@${VERSION}, its first run here; the connect timeout starts once it is installed.`,
  );
  expect(fs.readdirSync(path.join(cache, '_npx')).length).toBeGreaterThan(0);
});

test('the second run finds the package cached and says nothing of installing', () => {
  expect(second.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(second.output).not.toContain('npx is installing');
  expect(second.code).toBe(0);
  expectCleanExit(second);
  expectNoLeftovers(project);
});
