import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import type { JestRun } from '../helpers/jest-process';
import { killAll } from '../helpers/processes';
import { createProject, type Project } from '../helpers/project';

/** The e2e tests' shared checks must fail when what they look for is there, or every e2e test passes vacuously. */

const run = (output: string, signal: NodeJS.Signals | null = null): JestRun => ({
  code: 0,
  signal,
  stdout: output,
  stderr: '',
  output,
  ms: 0,
});

let project: Project;
beforeEach(() => {
  project = createProject();
});
afterEach(() => project.remove());

test("expectCleanExit fails on each of Jest's hang warnings and on an exit by signal", () => {
  expectCleanExit(run('Tests: 1 passed, 1 total'));
  for (const output of [
    'Jest did not exit one second after the test run has completed.',
    'A worker process has failed to exit gracefully and has been force exited...',
    'Jest has detected the following 1 open handle potentially keeping Jest from exiting:',
  ]) {
    expect(() => expectCleanExit(run(output))).toThrow();
  }
  expect(() => expectCleanExit(run('', 'SIGKILL'))).toThrow();
});

test('expectNoLeftovers fails on a process with the marker, and on one working in the project directory', async () => {
  expectNoLeftovers(project);
  const withMarker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', project.marker], { stdio: 'ignore' });
  const inDir = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { cwd: project.dir, stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => expectNoLeftovers({ marker: project.marker })).toThrow();
    expect(() => expectNoLeftovers({ marker: 'jmcp-nothing-has-this', dir: project.dir })).toThrow();
    expectNoLeftovers(project, { except: [withMarker, inDir] });
  } finally {
    killAll([withMarker, inDir].map((c) => ({ pid: c.pid! })));
  }
});

test('writeConfig keeps ${VAR} literal and writes what Jest will load', () => {
  const config = {
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { a: { url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } } } } },
  };
  project.writeConfig(config);
  const file = path.join(project.dir, 'jest.config.js');
  expect(fs.readFileSync(file, 'utf8')).toContain('"Bearer ${TOKEN}"');
  expect(jest.requireActual(file)).toEqual(config);
});

test("outputOfFile is one file's part of the output, and says so when the file is missing", () => {
  const output = run('PASS ./a.test.js\n  ok\nFAIL ./b.test.js\n  ● broken\n\nTest Suites: 1 failed, 1 passed, 2 total');
  expect(outputOfFile(output, 'a.test.js')).toBe('PASS ./a.test.js\n  ok');
  expect(outputOfFile(output, 'b.test.js')).toBe('FAIL ./b.test.js\n  ● broken\n');
  expect(() => outputOfFile(output, 'c.test.js')).toThrow(/no result for c\.test\.js/);
});
