import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, node, whoamiOf } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * stdio clients: `env` (added to a small safe default, the rest of the environment not passed
 * on), `args`, `cwd` (rootDir by default, relative to rootDir otherwise, and relative paths in
 * args resolved from it), and the server's stderr: captured by default, passed through with
 * `stderr: 'inherit'`.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({});
  const m = project.marker;
  project.write('sub/dir/local-server.js', `require(${JSON.stringify(CORE_STDIO)});\n`);
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          plain: {
            ...node(CORE_STDIO, 'plain', '-', '--flag', 'two words', m),
            env: { CORE_VALUE: 'from-config', CORE_INTERP: 'got ${CORE_INTERP}' },
          },
          rel: { ...node('local-server.js', 'rel', '-', m), cwd: 'sub/dir' },
          noisy: node(CORE_STDIO, 'noisy', '-', '--stderr', 'NOISY-LINE', m),
          loud: { ...node(CORE_STDIO, 'loud', '-', '--stderr', 'LOUD-LINE', m), stderr: 'inherit' },
        },
      },
    },
  });
  project.write(
    'plain.test.js',
    `/** @mcp-clients plain */
    test('env, args, and rootDir as the default cwd', async () => {
      const me = ${whoamiOf('plain', ['CORE_VALUE', 'CORE_INTERP', 'CORE_PARENT_ONLY', 'PATH'])};
      expect(me.env).toEqual({ CORE_VALUE: 'from-config', CORE_INTERP: 'got interp-value', CORE_PARENT_ONLY: null, PATH: expect.any(String) });
      expect(me.argv).toEqual(['plain', '-', '--flag', 'two words', ${JSON.stringify(m)}]);
      expect(me.cwd).toBe(${JSON.stringify(fs.realpathSync(project.dir))});
    });`,
  );
  project.write(
    'rel.test.js',
    `/** @mcp-clients rel */
    test('a relative cwd is resolved from rootDir, relative args from cwd', async () => {
      const me = ${whoamiOf('rel')};
      expect(me.tag).toBe('rel');
      expect(me.cwd).toBe(${JSON.stringify(path.join(fs.realpathSync(project.dir), 'sub/dir'))});
    });`,
  );
  project.write(
    'captured.test.js',
    `/** @mcp-clients noisy */
    test('stderr is captured', async () => {
      await mcpClients.noisy.callTool({ name: 'shout', arguments: {} });
    });`,
  );
  project.write(
    'inherited.test.js',
    `/** @mcp-clients loud */
    test('stderr is passed through', async () => {
      await mcpClients.loud.callTool({ name: 'shout', arguments: {} });
      await new Promise((r) => setTimeout(r, 100));
    });`,
  );
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { CORE_INTERP: 'interp-value', CORE_PARENT_ONLY: 'parent' } });
});

afterAll(() => project?.remove());

test('env, args and cwd reach the server', () => {
  expect(run.output).toMatch(/PASS .*plain\.test\.js/);
  expect(run.output).toMatch(/PASS .*rel\.test\.js/);
  expect(run.output).toMatch(/Tests:\s+4 passed, 4 total/);
  expect(run.code).toBe(0);
});

test("by default the server's stderr stays out of Jest's output; `inherit` passes it through", () => {
  expect(run.output).not.toContain('NOISY-LINE');
  expect(run.output).toContain('LOUD-LINE from loud\n');
  expect(run.output).toContain('LOUD-LINE from loud (shout)\n');
});

test('Jest exits by itself and leaves no server behind', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
