import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import type { JestRun } from '../helpers/jest-process';
import { installFresh, installedVersion, mustRun, packTarball, packWorkspace, run } from '../helpers/pack';
import { ADD_LINE, SHOUT_LINE, filesOf, linesOf, serverCoverageFiles } from '../helpers/server-coverage';

/**
 * `jest --coverage` of the servers jest-mcp starts, as a user installs it: the packed tarball in a
 * fresh project per Jest major, whose server is TypeScript. Each run opens one kind of server
 * (its test file's `@mcp-clients`) and the report shows the lines of src/tools.ts that server ran:
 * a stdio server compiled by tsc, the same source run through `npx tsx`, the run-wide HTTP server
 * of `mcp.servers`, an in-process client (Jest's own coverage); a Python server is named as not
 * covered. Both coverage providers.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-srvcov-${randomUUID().slice(0, 8)}`;
let tarball: string;
const runs: JestRun[] = [];

beforeAll(async () => {
  tarball = await packTarball(WORKSPACE.tmp);
}, 300_000);

afterAll(() => {
  WORKSPACE.remove();
});

describe.each([['29.7'], ['30']])('Jest %s', (jest) => {
  let dir: string;
  /** The runs' own temp dir: what jest-mcp leaves there is seen. */
  let tmp: string;

  const coverage = async (provider: string, files: string[], extra: string[] = []) => {
    const result = await run(
      'node',
      ['node_modules/jest/bin/jest.js', '--ci', '--coverage', `--coverageProvider=${provider}`, ...files, ...extra],
      dir,
      120_000,
      { TMPDIR: tmp },
    );
    runs.push(result);
    return result;
  };

  beforeAll(async () => {
    ({ dir } = await installFresh(
      WORKSPACE.tmp,
      `server-coverage-jest${jest}`,
      tarball,
      [
        `jest@${jest}`,
        `jest-environment-node@${jest}`,
        '@modelcontextprotocol/sdk@1',
        'typescript@5.9',
        '@types/node@20',
        'tsx@4',
        'ts-jest@29',
      ],
      serverCoverageFiles(TAG),
    ));
    await mustRun('npx', ['tsc', '-p', '.'], dir, 120_000);
    tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
  }, 600_000);

  afterAll(() => {
    for (const result of runs) expectCleanExit(result);
    expectNoLeftovers({ marker: TAG, dir });
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith('jest-mcp-server-coverage-'))).toEqual([]);
  });

  test('the installed Jest is the one asked for', () => {
    expect(installedVersion(dir, 'jest')).toMatch(new RegExp(`^${jest.replace('.', '\\.')}\\.`));
  });

  describe.each([['babel'], ['v8']])('coverageProvider %s', (provider) => {
    test('a stdio server compiled by tsc: its TypeScript lines, not dist/ nor the tests', async () => {
      const result = await coverage(provider, ['tests/stdio.test.js']);
      expect(result.code).toBe(0);
      const tools = linesOf(dir, 'src/tools.ts');
      expect(tools?.covered).toContain(ADD_LINE);
      expect(tools?.uncovered).toContain(SHOUT_LINE);
      expect(filesOf(dir).every((file) => file.startsWith('src/') && file.endsWith('.ts'))).toBe(true);
      expect(result.stdout).toMatch(/tools\.ts/);
    });

    test('the run-wide HTTP server (mcp.servers): the lines its requests ran', async () => {
      const result = await coverage(provider, ['tests/web.test.js']);
      expect(result.code).toBe(0);
      const tools = linesOf(dir, 'src/tools.ts');
      expect(tools?.covered).toContain(SHOUT_LINE);
      expect(tools?.uncovered).toContain(ADD_LINE);
      expect(linesOf(dir, 'src/http.ts')?.covered.length).toBeGreaterThan(0);
    });

    test('a server run through npx tsx: mapped through the source map Node cached', async () => {
      const result = await coverage(provider, ['tests/tsx.test.js']);
      expect(result.code).toBe(0);
      expect(linesOf(dir, 'src/tools.ts')?.covered).toContain(ADD_LINE);
      expect(filesOf(dir).filter((file) => file.includes('node_modules'))).toEqual([]);
    });

    test('an in-process client: the module Jest loaded, counted by Jest itself', async () => {
      const result = await coverage(provider, ['tests/in-process.test.js']);
      expect(result.code).toBe(0);
      const tools = linesOf(dir, 'src/tools.ts');
      expect(tools?.covered).toContain(ADD_LINE);
      expect(tools?.uncovered).toContain(SHOUT_LINE);
    });

    test('in process, over stdio and the run-wide server in one run: their lines add up', async () => {
      const result = await coverage(provider, ['tests/in-process.test.js', 'tests/web.test.js', 'tests/stdio.test.js']);
      expect(result.code).toBe(0);
      expect(linesOf(dir, 'src/tools.ts')?.covered).toEqual(expect.arrayContaining([ADD_LINE, SHOUT_LINE]));
      expect(filesOf(dir).every((file) => file.startsWith('src/') && file.endsWith('.ts'))).toBe(true);
    });

    test('per-test stdio sessions: the server process of every test counts', async () => {
      const result = await coverage(provider, ['tests/per-test.test.js']);
      expect(result.code).toBe(0);
      expect(linesOf(dir, 'src/tools.ts')?.covered).toEqual(expect.arrayContaining([ADD_LINE, SHOUT_LINE]));
    });

    test('a coverageThreshold on a server file fails a run that misses lines, and passes one that does not', async () => {
      const threshold = `--coverageThreshold=${JSON.stringify({ './src/tools.ts': { lines: 100 } })}`;
      const short = await coverage(provider, ['tests/stdio.test.js'], [threshold]);
      expect(short.code).toBe(1);
      // Jest 30's wording, then Jest 29's.
      expect(short.output).toMatch(
        /lines \([\d.]+%\) does not meet "\.\/src\/tools\.ts" threshold \(100%\)|"\.\/src\/tools\.ts" coverage threshold for lines \(100%\) not met/,
      );
      const full = await coverage(provider, ['tests/stdio.test.js', 'tests/web.test.js'], [threshold]);
      expect(full.code).toBe(0);
    });
  });

  test('a server in another language is named as not covered, once', async () => {
    const result = await coverage('babel', ['tests/python.test.js']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('jest-mcp: --coverage does not include this MCP server');
    expect(result.stderr.split('mcpClients.python: python3 server.py').length - 1).toBe(1);
  });

  test("a config whose own reporters have none of jest-mcp's is told what to add", async () => {
    const result = await coverage('babel', ['tests/stdio.test.js'], ['--reporters=default']);
    expect({ code: result.code, output: result.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(result.stderr).toContain("neither the preset's reporters nor jest-mcp/reporter are in this run");
    // Jest may list it as a file no test loaded, never with the server's lines.
    expect(linesOf(dir, 'src/tools.ts')?.covered ?? []).not.toContain(ADD_LINE);
  });

  test('servers run with V8 coverage under --coverage only', async () => {
    const jestArgs = ['node_modules/jest/bin/jest.js', '--ci', 'tests/env.test.js'];
    const withCoverage = await run('node', [...jestArgs, '--coverage'], dir, 120_000, { TMPDIR: tmp, EXPECT_V8: '1' });
    const result = await run('node', jestArgs, dir, 120_000, { TMPDIR: tmp });
    runs.push(withCoverage, result);
    expect(withCoverage.code).toBe(0);
    expect(result.code).toBe(0);
    expect(result.output).not.toMatch(/jest-mcp: .*coverage/);
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith('jest-mcp-server-coverage-'))).toEqual([]);
  });
});
