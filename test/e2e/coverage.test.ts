import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import {
  CAT_ENV,
  CAT_TOKEN,
  REPORTER_OPTIONS,
  catalogProject,
  coverageCli,
  everythingProject,
  sdkV2Project,
  summaryIn,
  textIn,
} from '../helpers/coverage';
import { runJest, type JestRun } from '../helpers/jest-process';
import type { Project } from '../helpers/project';
import type { CoverageSummary } from '../../src/coverage/summary';

/**
 * `jest-mcp/reporter`: a suite of four files on two workers exercises parts of a catalog server
 * through a client of its own (stdio) and two clients of an `mcp.servers` server (HTTP); the
 * reporter prints the table, writes the JSON and HTML, and fails the run below its threshold.
 * The same suite in band, and in two shards merged by `jest-mcp-coverage merge`, says the same.
 */

const projects: Project[] = [];
let workers: JestRun;
let inBand: JestRun;
let shards: JestRun[];
let full: CoverageSummary;
let project: Project;
let shardProject: Project;

beforeAll(async () => {
  project = catalogProject();
  const bandProject = catalogProject({ ...REPORTER_OPTIONS, threshold: undefined });
  shardProject = catalogProject();
  projects.push(project, bandProject, shardProject);
  [workers, inBand] = await Promise.all([
    runJest(project.dir, { args: ['--maxWorkers=2'], env: CAT_ENV }),
    runJest(bandProject.dir, { args: ['--runInBand'], env: CAT_ENV }),
  ]);
  full = summaryIn(project, 'mcp/coverage-all.json');
  shards = await Promise.all([1, 2].map((n) => runJest(shardProject.dir, { args: [`--shard=${n}/2`, '--maxWorkers=1'], env: CAT_ENV })));
  expect(summaryIn(bandProject, 'mcp/coverage-all.json').clients).toEqual(full.clients);
});

afterAll(() => projects.forEach((p) => p.remove()));

test('the threshold fails a green run (exit code 1), naming per client what was never called', () => {
  expect(workers.output).toMatch(/Tests:\s+6 passed, 6 total/);
  expect(workers.code).toBe(1);
  expect(workers.stderr).toContain(
    [
      'jest-mcp coverage: the threshold is not met:',
      '  local: tools 1/5 (20%) is below 80%; never called: add, archive, echo, purge',
      '  servers.catalog: tools 2/5 (40%) is below 80%; never called: archive, fail, purge',
    ].join('\n'),
  );
  // Without a threshold the same suite passes.
  expect(inBand.code).toBe(0);
});

test('the table: a row per client and per server (its clients together), then what was never exercised', () => {
  expect(workers.stderr).toMatch(/^local +\| 1\/5 \(20%\) +\| 1\/4 \(25%\) +\| 1\/3 \(33\.33%\)/m);
  expect(workers.stderr).toMatch(/^servers\.catalog \(alice, bob\) +\| 2\/5 \(40%\) +\| 3\/4 \(75%\) +\| 0\/3 \(0%\)/m);
  expect(workers.stderr).toContain('local: resources never read: cat://readme, cat://notes/{id}, cat://vault/{token}/doc');
  expect(workers.stderr).toContain('servers.catalog: resources never read: cat://license');
  expect(workers.stderr).toContain('servers.catalog: prompts never got: greet, review, summarize');
});

test("the JSON summary: listed against exercised, from every worker, openMcpClient's and failing calls included", () => {
  expect(Object.keys(full.clients)).toEqual(['local', 'servers.catalog']);
  const { local, 'servers.catalog': catalog } = full.clients;
  expect(local.tools).toMatchObject({ listed: ['add', 'archive', 'echo', 'fail', 'purge'], called: ['fail'], covered: 1, total: 5 });
  expect(local.resources).toMatchObject({ listed: ['cat://license', 'cat://readme'], read: ['cat://license'] });
  expect(local.prompts).toMatchObject({ listed: ['greet', 'review', 'summarize'], got: ['greet'] });
  expect(catalog).toMatchObject({ kind: 'server', clients: ['alice', 'bob'], listed: true });
  expect(catalog.tools.called).toEqual(['add', 'echo']);
  expect(catalog.resources).toMatchObject({
    templates: ['cat://notes/{id}', 'cat://vault/{token}/doc'],
    read: ['cat://notes/42', 'cat://readme', 'cat://vault/[redacted]/doc'],
    templatesRead: ['cat://notes/{id}', 'cat://vault/{token}/doc'],
    missed: ['cat://license'],
  });
});

test('the HTML page: self-contained, every client and what it missed', () => {
  const html = textIn(project, 'mcp/coverage-all.html');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toMatch(/<script|<link|src=/i);
  expect(html).toContain('<h2 id="servers.catalog">servers.catalog</h2>');
  expect(html).toContain('<li class="miss"><code>archive</code></li>');
  expect(html).toContain('<li class="hit"><code>cat://vault/{token}/doc</code></li>');
});

test('the token in a resource URI is in no output and no file', () => {
  const written = [project, shardProject].flatMap((p) =>
    ['mcp/coverage-all.json', 'mcp/coverage-all.html', 'mcp/coverage-shard-1-of-2.json', 'mcp/coverage-shard-2-of-2.html']
      .filter((f) => p.lines(f).length)
      .map((f) => textIn(p, f)),
  );
  expect(written.length).toBeGreaterThanOrEqual(4);
  for (const text of [workers.output, inBand.output, ...shards.map((s) => s.output), ...written]) expect(text).not.toContain(CAT_TOKEN);
});

test('with --shard each shard writes its own summary and leaves the threshold to the merge', () => {
  for (const [i, run] of shards.entries()) {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`the threshold is not checked on shard ${i + 1}/2, a part of the suite`);
    expect(run.stderr).toContain(`This is shard ${i + 1}/2 of the suite`);
  }
});

test('jest-mcp-coverage merge: the shards make the whole, and the threshold fails it', async () => {
  const inputs = ['mcp/coverage-shard-1-of-2.json', 'mcp/coverage-shard-2-of-2.json'];
  const failing = await coverageCli(shardProject, [
    'merge',
    ...inputs,
    '--threshold',
    'tools=80',
    '--html',
    'merged.html',
    '-o',
    'merged.json',
  ]);
  expect(failing.code).toBe(1);
  expect(failing.stderr).toContain('servers.catalog: tools 2/5 (40%) is below 80%; never called: archive, fail, purge');
  expect(failing.stdout).toMatch(/^local +\| 1\/5 \(20%\)/m);
  expect(summaryIn(shardProject, 'merged.json')).toEqual({ jestMcpCoverage: 1, mergedFrom: 2, clients: full.clients });
  expect(textIn(shardProject, 'merged.html')).toContain('Merged from 2 summaries.');

  const passing = await coverageCli(shardProject, ['merge', ...inputs, '--threshold=tools=20,prompts=0']);
  expect(passing.code).toBe(0);
  const wrong = await coverageCli(shardProject, ['merge', 'jest.config.js']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/cannot read jest\.config\.js|jest\.config\.js is not a jest-mcp coverage summary/);
});

test('every run exits by itself and leaves no server', () => {
  for (const run of [workers, inBand, ...shards]) expectCleanExit(run);
  for (const p of projects) expectNoLeftovers(p);
});

test("against server-everything: a user's suite, its table, summary and threshold", async () => {
  const everything = everythingProject();
  projects.push(everything);
  const run = await runJest(everything.dir);
  expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^everything +\| 2\/13 \(15\.38%\) +\| 2\/9 \(22\.22%\) +\| 1\/4 \(25%\)/m);
  expect(run.stderr).toContain('everything: prompts 1/4 (25%) is below 100%; never got: args-prompt, completable-prompt, resource-prompt');
  const { everything: summary } = summaryIn(everything, 'mcp-coverage.json').clients;
  expect(summary.tools.called).toEqual(['echo', 'get-sum']);
  expect(summary.tools.missed).toContain('trigger-long-running-operation');
  expect(summary.resources.templatesRead).toEqual(['demo://resource/dynamic/text/{resourceId}']);
  expectCleanExit(run);
  expectNoLeftovers(everything);
});

test('SDK 2.x, in both protocol eras: the same record off the wire', async () => {
  const v2 = sdkV2Project();
  projects.push(v2);
  const run = await runJest(v2.dir);
  expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(run.code).toBe(0);
  const { clients } = summaryIn(v2, 'mcp-coverage.json');
  for (const era of ['modern', 'legacy']) {
    expect(clients[era].tools).toMatchObject({ called: ['echo'], covered: 1 });
    expect(clients[era].tools.total).toBeGreaterThan(1);
    expect(clients[era].resources).toMatchObject({ templates: ['note://{id}'], read: ['note://n1'], percent: 100 });
    expect(clients[era].prompts).toMatchObject({ listed: ['greet'], got: ['greet'] });
  }
  expect(run.stderr).toMatch(/^modern +\| 1\/\d+ /m);
  expectCleanExit(run);
  expectNoLeftovers(v2);
});
