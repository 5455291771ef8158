import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { CATALOG, CORE_STDIO, freePort, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import type { CoverageSummary } from '../../src/coverage/summary';

/**
 * What a newcomer met on a first suite: a misspelt client in test code, a client with two
 * mistakes, a protocol matrix on SDK 1.x, and an inline client of a run-wide server in the
 * coverage table. Each is said once, plainly, where it happens.
 */
const projects: Project[] = [];
let typo: Project;
let config: Project;
let matrix: Project;
let coverage: Project;
let typoRun: JestRun;
let configRun: JestRun;
let matrixRun: JestRun;
let coverageRun: JestRun;

beforeAll(async () => {
  typo = createProject({
    'typo.test.js': `
      test('a misspelt client', async () => {
        await mcpClients.alcie.ping();
      });
      test('the object itself reads as before', async () => {
        expect(Object.keys(mcpClients)).toEqual(['alice']);
        expect('alice' in mcpClients).toBe(true);
        expect(mcpClients.nobody_like_that).toBeUndefined();
        expect(mcpClients).toEqual({ alice: expect.anything() });
        expect(await Promise.resolve(mcpClients)).toBe(mcpClients);
      });
    `,
  });
  typo.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { alice: node(CORE_STDIO, 'alice', '-', typo.marker) } } },
  });

  config = createProject({ 'config.test.js': `test('never runs', () => {});` });
  config.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { notes: { url: 'http://127.0.0.1:1/mcp', transport: 'htpp', header: { 'X-A': 'b' } } } } },
  });

  matrix = createProject({ 'one.test.js': `test('never runs', () => {});`, 'two.test.js': `test('never runs', () => {});` });
  matrix.write(
    'jest.config.js',
    `const { withProtocolMatrix } = require('jest-mcp');
    module.exports = withProtocolMatrix({ preset: 'jest-mcp', testEnvironmentOptions: { mcp: { clients: { a: { url: 'http://127.0.0.1:1/mcp' } } } } }, ['legacy', '2026-07-28']);`,
  );

  coverage = createProject({
    'inline.test.js': `
      const { withMcpClient } = require('jest-mcp');
      test('an inline client of the run-wide server', async () => {
        await withMcpClient({ url: 'http://127.0.0.1:' + process.env.CATALOG_PORT + '/mcp' }, (c) => c.callTool({ name: 'add', arguments: { a: 1, b: 2 } }));
      });
    `,
  });
  const port = await freePort();
  coverage.writeConfig({
    preset: 'jest-mcp',
    reporters: ['default', ['jest-mcp/reporter', { outputFile: 'mcp/coverage.json' }]],
    testEnvironmentOptions: { mcp: { servers: { catalog: { ...node(CATALOG, '--port', String(port), coverage.marker), port } } } },
  });
  projects.push(typo, config, matrix, coverage);
  [typoRun, configRun, matrixRun, coverageRun] = await Promise.all([
    runJest(typo.dir),
    runJest(config.dir),
    runJest(matrix.dir),
    runJest(coverage.dir, { env: { CATALOG_PORT: String(port) } }),
  ]);
});

afterAll(() => projects.forEach((p) => p.remove()));

test('mcpClients.alcie: "Did you mean alice?", at the test line', () => {
  const file = outputOfFile(typoRun, 'typo.test.js');
  expect(file).toMatch(/jest-mcp: mcpClients\.alcie is not a client of this test file\. Did you mean "alice"\? Its clients: alice\./);
  expect(file).not.toMatch(/Cannot read properties of undefined/);
  expect(typoRun.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
  expectCleanExit(typoRun);
  expectNoLeftovers(typo);
});

test('a bad transport and an unknown key: both reported', () => {
  const file = outputOfFile(configRun, 'config.test.js');
  expect(file).toMatch(/clients\.notes\.transport: unknown transport string "htpp"/);
  expect(file).toMatch(/clients\.notes\.header: unknown key/);
  expect(configRun.code).toBe(1);
});

test('a protocol matrix on SDK 1.x is refused once, when the config is read', () => {
  expect(matrixRun.code).toBe(1);
  expect(matrixRun.output).toMatch(
    /withProtocolMatrix\(config, \["legacy","2026-07-28"\]\) asks for protocol "2026-07-28", but the tests use the MCP SDK 1\.x/,
  );
  expect(matrixRun.output.match(/asks for protocol/g)).toHaveLength(1);
  expect(matrixRun.output).not.toMatch(/clients\.a\.protocol/);
  expect(matrixRun.output).not.toMatch(/(PASS|FAIL) /);
});

test("an inline client of a run-wide server counts for the server, not as an 'inline' row", () => {
  expect(coverageRun.output).toMatch(/Tests:\s+1 passed, 1 total/);
  const summary = JSON.parse(fs.readFileSync(path.join(coverage.dir, 'mcp/coverage.json'), 'utf8')) as CoverageSummary;
  expect(Object.keys(summary.clients)).toEqual(['servers.catalog']);
  expect(JSON.stringify(summary.clients['servers.catalog'])).toContain('add');
  expectCleanExit(coverageRun);
  expectNoLeftovers(coverage);
});
