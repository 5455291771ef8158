import { expectCleanExit, outputOfFile } from '../helpers/checks';
import { CORE_STDIO } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A stdio client whose command line the system refuses (an argument over Linux's 128 KiB limit:
 * `spawn E2BIG`) fails its file with a message of ordinary size: the argument is cut, the cause
 * and the client are named.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({ 'big.test.js': `test('never runs', () => {});` });
  project.write(
    'jest.config.js',
    `module.exports = {
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: { clients: { big: { command: process.execPath, args: [${JSON.stringify(CORE_STDIO)}, 'y'.repeat(300000), '${project.marker}'] } } },
      },
    };`,
  );
  run = await runJest(project.dir);
});

afterAll(() => project?.remove());

test('the file fails naming the client and E2BIG, with the argument cut', () => {
  const file = outputOfFile(run, 'big.test.js');
  expect(file).toMatch(/could not open MCP client "big"/);
  expect(file).toMatch(/E2BIG/);
  expect(file).toMatch(/y{200}… \(299800 more characters\)/);
  expect(run.output.length).toBeLessThan(20_000);
  expect(run.code).toBe(1);
  expectCleanExit(run);
});
