import { expectCleanExit } from '../helpers/checks';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A test file that resets its module registry (`jest.resetModules()` in beforeEach, as files that
 * re-require the module under test do) still gets protocol errors as the McpError it imported at
 * its top (SDK 1.x), in the test after the reset and in isolateModules.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'resets.test.js': `
      const { McpError } = require('@modelcontextprotocol/sdk/types.js');
      beforeEach(() => jest.resetModules());
      test('after a reset', async () => {
        await expect(mcpClients.a.readResource({ uri: 'nope://x' })).rejects.toThrow(McpError);
      });
      test('after another reset, with its code', async () => {
        await expect(mcpClients.a.readResource({ uri: 'nope://x' })).rejects.toMatchObject({ code: expect.any(Number) });
        await expect(mcpClients.a.readResource({ uri: 'nope://x' })).rejects.toBeInstanceOf(McpError);
      });
      test('inside isolateModules', async () => {
        let pending;
        jest.isolateModules(() => {
          pending = mcpClients.a.readResource({ uri: 'nope://x' });
        });
        await expect(pending).rejects.toThrow(McpError);
      });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { a: node(CORE_STDIO, 'a', '-', project.marker) } } },
  });
  run = await runJest(project.dir);
});

afterAll(() => project?.remove());

test('rejects.toThrow(McpError) holds after jest.resetModules()', () => {
  expect(run.output).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(run.code).toBe(0);
  expectCleanExit(run);
});
