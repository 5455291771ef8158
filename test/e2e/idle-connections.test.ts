import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { RUN_HTTP, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A worker whose event loop is blocked while a session is idle: ts-jest type-checking a test file
 * right after setup() opened the sessions, or a test doing heavy synchronous work between two
 * calls. Meanwhile the server drops the idle keep-alive connection (here after 0.3 s; Node's and
 * uvicorn's default is 5 s), and the pool only learns of it after the next request went out on it.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    // Stands in for ts-jest on a cold cache: the transform runs after setup() and blocks.
    'slow-transform.js': `module.exports = { process(src) { for (const until = Date.now() + 2000; Date.now() < until; ); return { code: src }; } };`,
    'first-call.test.js': `
      test('the first call after a slow transform', async () => {
        expect(await mcpClients.http.listTools()).toHaveTool('whoami');
        expect(await mcpClients.sse.listTools()).toHaveTool('whoami');
      });`,
    'blocking.test.js': `
      const block = (ms) => { for (const until = Date.now() + ms; Date.now() < until; ); };
      test('calls between long synchronous stretches', async () => {
        for (let i = 0; i < 2; i++) {
          expect(await mcpClients.http.callTool({ name: 'whoami', arguments: {} })).toBeToolSuccess();
          expect(await mcpClients.sse.callTool({ name: 'whoami', arguments: {} })).toBeToolSuccess();
          block(2000);
        }
      });`,
  });
  const server = (...flags: string[]) => node(RUN_HTTP, '--port', '${PORT}', '--idle-close-ms', '300', ...flags, project.marker);
  project.writeConfig({
    preset: 'jest-mcp',
    transform: { '\\.test\\.js$': '<rootDir>/slow-transform.js' },
    testEnvironmentOptions: {
      mcp: {
        servers: { http: server(), sse: { ...server('--sse'), transport: 'sse', path: '/sse' } },
        clients: { http: { server: 'http' }, sse: { server: 'sse' } },
      },
    },
  });
  run = await runJest(project.dir, { args: ['--no-cache', '--maxWorkers=2'] });
});

afterAll(() => project?.remove());

test('no call fails on a connection the server dropped while the worker was busy', () => {
  expect(run.output).not.toMatch(/fetch failed|other side closed|ECONNRESET|socket hang up/i);
  expect(run.output).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(run.code).toBe(0);
});

test('Jest exits by itself and leaves nothing', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
