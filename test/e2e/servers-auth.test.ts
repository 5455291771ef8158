import { randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_HTTP, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A server started for the run that wants a bearer token on every request, initialize included:
 * `readyHeaders` lets the readiness handshake through; without them the run stops with a hint
 * that names the option. The token itself appears nowhere.
 */
const TOKEN = `tok-${randomUUID()}`;

function guardedProject(readyHeaders?: Record<string, string>): Project {
  const project = createProject({
    'who.test.js': `test('whoami', async () => {
      expect(await mcpClients.alice.callTool({ name: 'whoami', arguments: {} })).toHaveTextContent('alice');
    });`,
    '.env': `ALICE_TOKEN=${TOKEN}\n`,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: { guarded: { ...node(CORE_HTTP, '--port', '${PORT}', '--user', 'alice=${ALICE_TOKEN}', project.marker), readyHeaders } },
        clients: { alice: { server: 'guarded', headers: { Authorization: 'Bearer ${ALICE_TOKEN}' } } },
      },
    },
  });
  return project;
}

let withHeaders: { project: Project; run: JestRun };
let without: { project: Project; run: JestRun };

beforeAll(async () => {
  const a = guardedProject({ Authorization: 'Bearer ${ALICE_TOKEN}' });
  const b = guardedProject();
  const [ra, rb] = await Promise.all([runJest(a.dir), runJest(b.dir)]);
  withHeaders = { project: a, run: ra };
  without = { project: b, run: rb };
});

afterAll(() => {
  withHeaders?.project.remove();
  without?.project.remove();
});

test('with readyHeaders the server becomes ready and its clients work', () => {
  expect(withHeaders.run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(withHeaders.run.code).toBe(0);
});

test('without them the run stops before any test, and the hint names readyHeaders', () => {
  expect(without.run.code).not.toBe(0);
  expect(without.run.output).toMatch(/MCP server "guarded"[\s\S]*HTTP 401[\s\S]*servers\.guarded\.readyHeaders/);
  expect(without.run.output).not.toMatch(/Tests:.*passed/);
});

test('the token is never printed, Jest exits by itself, no server is left', () => {
  for (const { project, run } of [withHeaders, without]) {
    expect(run.output).not.toContain(TOKEN);
    expectCleanExit(run);
    expectNoLeftovers(project);
  }
});
