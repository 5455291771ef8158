import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COVERAGE_VAR, type FileRecord, announcedDir, writeRecord } from '../../src/coverage/handoff';
import { McpVitestCoverageReporter } from '../../src/vitest/coverage-reporter';
import { mcpVitest } from '../../src/vitest/config';
import { OPTIONS_PROVIDED } from '../../src/vitest/provided';

/**
 * The Vitest coverage reporter's own part, in this process as in Vitest's main one: it announces
 * the run's directory before the workers start, and at each run's end turns the records written
 * there into the table, the file and the threshold's verdict (the exit code), taking only that
 * run's records. The records are written as a worker's recorder writes them.
 */

const LISTED = { tools: ['add', 'echo'], resources: [], templates: [], prompts: [] };
const record = (called: string[]): FileRecord => ({
  file: 'a.test.ts',
  targets: [{ key: 'cat', kind: 'client', clients: ['cat'], listed: LISTED, called, read: [], got: [] }],
});

let root: string;
let stderr: jest.SpyInstance;
const written = () => stderr.mock.calls.map(([text]) => String(text)).join('');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-vitest-cov-'));
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  stderr.mockRestore();
  delete process.env[COVERAGE_VAR];
  process.exitCode = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

test('a run: the table, the JSON file from Vitest root, and a threshold met', () => {
  const reporter = new McpVitestCoverageReporter({ outputFile: 'out/mcp.json', threshold: { tools: 50 } });
  reporter.onInit({ config: { root } });
  writeRecord(announcedDir()!, record(['add']));
  reporter.onTestRunEnd();
  expect(written()).toMatch(/cat\s+\| 1\/2 \(50%\)/);
  expect(JSON.parse(fs.readFileSync(path.join(root, 'out', 'mcp.json'), 'utf8')).clients.cat.tools.called).toEqual(['add']);
  expect(process.exitCode).toBeUndefined();
});

test('a threshold not met sets the exit code and says what no test called; the next run counts only its own records', () => {
  const reporter = new McpVitestCoverageReporter({ threshold: { tools: 100 } }, { rootDir: root });
  reporter.onInit({ config: { root: '/elsewhere' } });
  writeRecord(announcedDir()!, record(['add']));
  reporter.onTestRunEnd();
  expect(written()).toMatch(/the threshold is not met:\n\s+cat: tools 1\/2 \(50%\) is below 100%; never called: echo/);
  expect(process.exitCode).toBe(1);
  process.exitCode = undefined;
  stderr.mockClear();
  writeRecord(announcedDir()!, record(['echo']));
  reporter.onTestRunEnd();
  expect(written()).toMatch(/cat\s+\| 1\/2 \(50%\)/);
});

test('under --shard the threshold waits for the merged summaries', () => {
  const reporter = new McpVitestCoverageReporter({ outputFile: 'mcp-{shard}.json', threshold: { tools: 100 } });
  reporter.onInit({ config: { root, shard: { index: 2, count: 3 } } });
  writeRecord(announcedDir()!, record([]));
  reporter.onTestRunEnd();
  expect(written()).toMatch(/the threshold is not checked on shard 2\/3/);
  expect(fs.existsSync(path.join(root, 'mcp-shard-2-of-3.json'))).toBe(true);
  expect(process.exitCode).toBeUndefined();
});

test("options are checked when the config is read, named as mcpVitest's", () => {
  expect(() => new McpVitestCoverageReporter({ outputfile: 'x' }, { where: "mcpVitest's coverage options" })).toThrow(
    `mcpVitest's coverage options have an unknown key "outputfile": use outputFile, html, threshold, table.`,
  );
  expect(() => new McpVitestCoverageReporter('x.json')).toThrow(
    "jest-mcp/vitest/reporter's options must be an object, e.g. ['jest-mcp/vitest/reporter', { outputFile: 'mcp-coverage.json' }].",
  );
  expect(process.env[COVERAGE_VAR]).toBeUndefined();
});

describe('mcpVitest({ coverage })', () => {
  test("adds Vitest's default reporter and the MCP coverage reporter; without it, no reporters", () => {
    const config = mcpVitest({ clients: { cat: { url: 'http://127.0.0.1:1/mcp' } }, coverage: { outputFile: 'mcp.json' } });
    expect(config.reporters).toEqual(['default', expect.any(McpVitestCoverageReporter)]);
    // The options for the workers are the McpOptions only: coverage is the main process's.
    expect(config.provide[OPTIONS_PROVIDED]).toEqual({ clients: { cat: { url: 'http://127.0.0.1:1/mcp' } } });
    expect(announcedDir()).toBeDefined();
    delete process.env[COVERAGE_VAR];
    expect(mcpVitest({}).reporters).toBeUndefined();
    expect(process.env[COVERAGE_VAR]).toBeUndefined();
  });

  test('its options are checked with the rest, named as written', () => {
    expect(() => mcpVitest({ coverage: { threshold: { tools: 120 } } })).toThrow(
      "mcpVitest's coverage options: threshold.tools must be a percentage from 0 to 100, not 120.",
    );
  });
});
