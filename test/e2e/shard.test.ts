import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, RUN_HTTP, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `--shard`: each shard is a run of its own (its own global setup, so its own servers), the
 * shards together run every file exactly once, and each exits by itself with nothing left.
 */
const FILES = ['a', 'b', 'c', 'd', 'e', 'f'];

let project: Project;
let shards: JestRun[];

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const name of FILES) {
    files[`${name}.test.js`] = `test('${name} runs', async () => {
      expect(await mcpClients.shared.callTool({ name: 'whoami', arguments: {} })).toBeToolSuccess();
      expect(await mcpClients.every.ping()).toEqual({});
    });`;
  }
  project = createProject(files);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: { run: node(RUN_HTTP, '--port', '${PORT}', project.marker) },
        clients: { shared: { server: 'run' }, every: node(EVERYTHING, 'stdio', project.marker) },
      },
    },
  });
  // Side by side, as CI jobs would run them.
  shards = await Promise.all([1, 2].map((n) => runJest(project.dir, { args: [`--shard=${n}/2`, '--maxWorkers=1', '--verbose'] })));
});

afterAll(() => project?.remove());

test('the shards together run every file once, each shard green', () => {
  const ran = shards.flatMap((run) => [...run.output.matchAll(/✓ (\w) runs/g)].map((m) => m[1]));
  expect(ran.sort()).toEqual(FILES);
  for (const run of shards) {
    expect(run.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(run.code).toBe(0);
  }
});

test('each shard exits by itself and leaves no server', () => {
  for (const run of shards) expectCleanExit(run);
  expectNoLeftovers(project);
});
