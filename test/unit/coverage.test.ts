import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClientSpec } from '../../src/config/specs';
import { coverageForFile } from '../../src/coverage/for-file';
import { CoverageRecorder } from '../../src/coverage/recorder';
import { COVERAGE_VAR, type FileRecord, type TargetRecord, announcedDir, readRecords, writeRecord } from '../../src/coverage/handoff';
import { coverageHtml, escapeHtml } from '../../src/coverage/html';
import { McpCoverageReporter } from '../../src/coverage/reporter';
import { outputPath, redactSummary } from '../../src/coverage/outputs';
import { assertSummary, mergeSummaries, summaryOf } from '../../src/coverage/summary';
import { coverageTable } from '../../src/coverage/table';
import { assertThreshold, parseThreshold, thresholdFailures, thresholdMessage } from '../../src/coverage/threshold';
import { matchesTemplate } from '../../src/coverage/uri-template';
import { Redactor } from '../../src/util/redact';

/** The pure parts of the coverage reporter: records to summary, merge, threshold, table, HTML. */

const LISTED = {
  tools: ['add', 'echo', 'fail', 'purge'],
  resources: ['cat://readme', 'cat://license'],
  templates: ['cat://notes/{id}', 'cat://files/{+path}'],
  prompts: ['greet', 'review'],
};

function target(over: Partial<TargetRecord> = {}): TargetRecord {
  return { key: 'cat', kind: 'client', clients: ['cat'], called: [], read: [], got: [], ...over };
}

const RECORDS: FileRecord[] = [
  { file: 'a.test.js', targets: [target({ listed: LISTED, called: ['add', 'fail'], read: ['cat://readme', 'cat://notes/7'] })] },
  { file: 'b.test.js', targets: [target({ called: ['add', 'not-listed'], got: ['greet'] })] },
  {
    file: 'c.test.js',
    targets: [
      target({
        key: 'servers.run',
        kind: 'server',
        clients: ['alice'],
        listed: { ...LISTED, resources: [], templates: [] },
        called: ['echo'],
      }),
    ],
  },
  { file: 'd.test.js', targets: [target({ key: 'servers.run', kind: 'server', clients: ['bob'], got: ['review'] })] },
];

describe('URI templates', () => {
  test.each([
    ['cat://notes/7', 'cat://notes/{id}', true],
    ['cat://notes/7/extra', 'cat://notes/{id}', false],
    ['cat://files/a/b/c.txt', 'cat://files/{+path}', true],
    ['search?q=x&limit=2', 'search{?q,limit}', true],
    ['search', 'search{?q,limit}', true],
    ['cat://other/7', 'cat://notes/{id}', false],
    ['a.b', 'a.b', true],
    ['aXb', 'a.b', false],
    ['cat://notes/7', 'cat://notes/{id', false],
  ])('%s against %s: %s', (uri, template, expected) => {
    expect(matchesTemplate(uri, template)).toBe(expected);
  });
});

describe('summary', () => {
  const summary = summaryOf(RECORDS);

  test('unites the files of a client: listed against exercised, failing calls included', () => {
    const cat = summary.clients.cat;
    expect(cat.tools).toMatchObject({
      called: ['add', 'fail', 'not-listed'],
      covered: 2,
      total: 4,
      percent: 50,
      missed: ['echo', 'purge'],
    });
    expect(cat.prompts).toMatchObject({ got: ['greet'], covered: 1, total: 2, percent: 50, missed: ['review'] });
  });

  test('a read URI that matches a listed template counts for the template', () => {
    const { resources } = summary.clients.cat;
    expect(resources.templatesRead).toEqual(['cat://notes/{id}']);
    expect(resources).toMatchObject({ covered: 2, total: 4, percent: 50, missed: ['cat://license', 'cat://files/{+path}'] });
  });

  test('a listed URI that a listed template makes counts as the template, once', () => {
    // The notes a test created show up in resources/list; reading any note covers the template.
    const dynamic = summaryOf([
      {
        file: 'x',
        targets: [
          target({
            listed: { ...LISTED, resources: ['cat://readme', 'cat://notes/4', 'cat://notes/5'] },
            read: ['cat://notes/9'],
          }),
        ],
      },
    ]);
    expect(dynamic.clients.cat.resources).toMatchObject({
      covered: 1,
      total: 3,
      missed: ['cat://readme', 'cat://files/{+path}'],
    });
  });

  test("a server's clients are counted together under its name", () => {
    const run = summary.clients['servers.run'];
    expect(run).toMatchObject({ kind: 'server', clients: ['alice', 'bob'], listed: true });
    expect(run.tools.covered).toBe(1);
    expect(run.prompts.missed).toEqual(['greet']);
  });

  test('nothing listed of a kind has no percentage', () => {
    expect(summary.clients['servers.run'].resources).toMatchObject({ total: 0, percent: null });
    const unlisted = summaryOf([{ file: 'x', targets: [target({ called: ['add'] })] }]).clients.cat;
    expect(unlisted).toMatchObject({ listed: false, tools: { percent: null, called: ['add'] } });
  });

  test('merging the summaries of shards gives what one run over every file gives', () => {
    const merged = mergeSummaries([
      summaryOf(RECORDS.slice(0, 1), '1/3'),
      summaryOf(RECORDS.slice(1, 3), '2/3'),
      summaryOf(RECORDS.slice(3), '3/3'),
    ]);
    expect(merged).toEqual({ ...summaryOf(RECORDS), mergedFrom: 3 });
    // and survives the trip through a file
    expect(mergeSummaries([JSON.parse(JSON.stringify(merged))]).clients).toEqual(merged.clients);
  });

  test('a file that is not a summary is named', () => {
    expect(() => assertSummary({ clients: {} }, 'shard-1.json')).toThrow(/shard-1\.json is not a jest-mcp coverage summary/);
    expect(() => assertSummary(summary, 'ok.json')).not.toThrow();
  });
});

describe('threshold', () => {
  const summary = summaryOf(RECORDS);

  test('names each client below it and what it never exercised', () => {
    const failures = thresholdFailures(summary, { tools: 60, prompts: 50 });
    expect(failures).toEqual([
      'cat: tools 2/4 (50%) is below 60%; never called: echo, purge',
      'servers.run: tools 1/4 (25%) is below 60%; never called: add, fail, purge',
    ]);
    expect(thresholdMessage(failures)).toMatch(/^jest-mcp coverage: the threshold is not met:\n {2}cat: tools/);
  });

  test('met, or nothing listed of the kind: no failure', () => {
    expect(thresholdFailures(summary, { tools: 25, resources: 50 })).toEqual([]);
    expect(thresholdFailures(summary, {})).toEqual([]);
  });

  test('a client never listed, or whose lists failed, cannot pass', () => {
    const unlisted = summaryOf([{ file: 'x', targets: [target({ called: ['add'] })] }]);
    expect(thresholdFailures(unlisted, { tools: 1 })).toEqual(['cat: cannot be checked: no test file listed what its server offers']);
    const failed = summaryOf([
      { file: 'x', targets: [target({ listed: LISTED, listErrors: ['cat: tools/list: timed out'], called: LISTED.tools })] },
    ]);
    expect(thresholdFailures(failed, { tools: 1 })).toEqual(['cat: cannot be checked: cat: tools/list: timed out']);
  });

  test('per client: its own percentages replace the run-wide ones, and a name the run never used fails', () => {
    // Only the server's clients are held to it; `cat` (say, a reference server) is not.
    expect(thresholdFailures(summary, { clients: { 'servers.run': { tools: 60 } } })).toEqual([
      'servers.run: tools 1/4 (25%) is below 60%; never called: add, fail, purge',
    ]);
    expect(thresholdFailures(summary, { tools: 60, clients: { cat: { tools: 50 } } })).toEqual([
      'servers.run: tools 1/4 (25%) is below 60%; never called: add, fail, purge',
    ]);
    expect(thresholdFailures(summary, { clients: { 'servers.nope': { tools: 1 } } })).toEqual([
      expect.stringMatching(/^servers\.nope: no test file of this run used it \(threshold\.clients; the run has .*servers\.run/),
    ]);
    expect(parseThreshold('tools=90,servers.run:prompts=100')).toEqual({ tools: 90, clients: { 'servers.run': { prompts: 100 } } });
  });

  test('bad thresholds are explained', () => {
    expect(parseThreshold('tools=90,prompts=50')).toEqual({ tools: 90, prompts: 50 });
    expect(() => parseThreshold('tool=90')).toThrow('unknown key "tool": use tools, resources, prompts, clients');
    expect(() => assertThreshold({ clients: { cat: { tool: 1 } } }, 'threshold')).toThrow(
      'threshold.clients["cat"] has an unknown key "tool": use tools, resources, prompts',
    );
    expect(() => parseThreshold('tools=')).toThrow('tools must be a percentage from 0 to 100');
    expect(() => assertThreshold({ tools: 120 }, 'threshold')).toThrow('threshold.tools must be a percentage from 0 to 100, not 120');
    expect(() => assertThreshold(90, 'threshold')).toThrow('threshold must be an object');
  });
});

describe('table', () => {
  test('one row per client, then what was never exercised', () => {
    const table = coverageTable(summaryOf(RECORDS));
    expect(table).toMatch(/^cat +\| 2\/4 \(50%\) +\| 2\/4 \(50%\) +\| 1\/2 \(50%\)/m);
    expect(table).toMatch(/^servers\.run \(alice, bob\) +\| 1\/4 \(25%\) +\| - +\| 1\/2 \(50%\)/m);
    expect(table).toContain('cat: tools never called: echo, purge');
    expect(table).toContain('cat: resources never read: cat://license, cat://files/{+path}');
    expect(table).toContain('servers.run: prompts never got: greet');
  });

  test('says when it is a shard, and when there was nothing to cover', () => {
    expect(coverageTable(summaryOf(RECORDS, '2/3'))).toContain('This is shard 2/3 of the suite');
    expect(coverageTable(summaryOf([]))).toBe('MCP coverage: no test file opened an MCP client.');
  });
});

describe('HTML', () => {
  const hostile = '<img src=x onerror=alert(1)>"\'&';
  const summary = summaryOf([
    { file: 'x', targets: [target({ key: `k${hostile}`, listed: { ...LISTED, tools: [hostile] }, read: [`cat://${hostile}`] })] },
  ]);
  const html = coverageHtml(summary);

  test('escapes every name and URI', () => {
    expect(escapeHtml(hostile)).toBe('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(hostile));
  });

  test('is self-contained: no script, no external asset', () => {
    expect(html).not.toMatch(/<script|<link|src="|url\(|@import/i);
    expect(html).toMatch(/^<!doctype html>/);
  });
});

describe('secrets and files', () => {
  test("a summary's every string goes through the redactor", () => {
    const secret = 'tok-4f9a8b7c6d5e';
    const summary = summaryOf([
      { file: 'x', targets: [target({ listed: LISTED, read: [`cat://notes/${secret}`, `cat://x?auth=Bearer ${secret}`] })] },
    ]);
    const text = JSON.stringify(redactSummary(summary, new Redactor().add(secret)));
    expect(text).not.toContain(secret);
    expect(text).toContain('cat://notes/[redacted]');
  });

  test('{shard} in a file name', () => {
    expect(outputPath('cov/mcp-{shard}.json', '/r', '2/3')).toBe('/r/cov/mcp-shard-2-of-3.json');
    expect(outputPath('cov/mcp-{shard}.json', '/r')).toBe('/r/cov/mcp-all.json');
  });

  test('records are read only by the Jest that announced the directory, and whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-cov-'));
    try {
      expect(announcedDir({ [COVERAGE_VAR]: `${process.pid} ${dir}` })).toBe(dir);
      expect(announcedDir({ [COVERAGE_VAR]: `${process.ppid} ${dir}` })).toBe(dir);
      expect(announcedDir({ [COVERAGE_VAR]: `1 ${dir}` })).toBeUndefined();
      expect(announcedDir({})).toBeUndefined();
      writeRecord(dir, RECORDS[0]);
      writeRecord(dir, RECORDS[1]);
      fs.writeFileSync(path.join(dir, 'x.json.part'), '{"half');
      expect(readRecords(dir)).toEqual(RECORDS.slice(0, 2));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reporter options', () => {
  test.each([
    [{ outputfile: 'x.json' }, 'unknown key "outputfile": use outputFile, html, threshold, table'],
    [{ outputFile: '' }, 'outputFile must be a file path'],
    [{ threshold: { tools: '90' } }, 'threshold.tools must be a percentage from 0 to 100, not "90"'],
    [{ table: 'no' }, 'table must be true or false'],
    ['x.json', 'must be an object'],
  ])('%j is refused before the run starts: %s', (options, message) => {
    expect(() => new McpCoverageReporter({ rootDir: '/r' }, options)).toThrow(message);
    expect(process.env[COVERAGE_VAR]).toBeUndefined();
  });
});

describe('the worker side', () => {
  const spec = (name: string, server?: string) =>
    ({
      name,
      kind: 'streamable-http',
      url: 'http://127.0.0.1:1/mcp',
      headers: {},
      where: `mcp.clients.${name}`,
      timeouts: { connect: 1000, close: 1000 },
      session: 'file',
      ...(server ? { server: { name: server, where: `mcp.servers.${server}` } } : {}),
    }) as ClientSpec;
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-cov-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('no reporter in the run: no recorder', () => {
    const saved = process.env[COVERAGE_VAR];
    delete process.env[COVERAGE_VAR];
    expect(coverageForFile('a.test.js', () => undefined)).toBeUndefined();
    process.env[COVERAGE_VAR] = `${process.pid} ${dir}`;
    try {
      expect(coverageForFile('a.test.js', () => undefined)).toBeInstanceOf(CoverageRecorder);
    } finally {
      if (saved === undefined) delete process.env[COVERAGE_VAR];
      else process.env[COVERAGE_VAR] = saved;
    }
  });

  test('a file that opened no client writes nothing', () => {
    new CoverageRecorder(dir, 'plain.test.js', () => undefined).save();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('what each client sends, by client or server, redacted when written', () => {
    const secret = 'tok-0a9b8c7d6e5f';
    const recorder = new CoverageRecorder(dir, 'a.test.js', () => new Redactor().add(secret));
    const send = (s: ClientSpec, method: string, params: Record<string, unknown>) =>
      recorder.sent(s, { jsonrpc: '2.0', id: 1, method, params });
    recorder.opened(spec('quiet'));
    send(spec('notes'), 'tools/call', { name: 'add', arguments: {} });
    send(spec('notes'), 'tools/call', { name: 'add', arguments: {} });
    send(spec('alice', 'run'), 'resources/read', { uri: `cat://vault/${secret}/doc` });
    send(spec('bob', 'run'), 'prompts/get', { name: 'greet' });
    send(spec('bob', 'run'), 'tools/list', {});
    recorder.save();
    expect(readRecords(dir)).toEqual([
      {
        file: 'a.test.js',
        targets: [
          { key: 'quiet', kind: 'client', clients: ['quiet'], called: [], read: [], got: [] },
          { key: 'notes', kind: 'client', clients: ['notes'], called: ['add'], read: [], got: [] },
          {
            key: 'servers.run',
            kind: 'server',
            clients: ['alice', 'bob'],
            called: [],
            read: ['cat://vault/[redacted]/doc'],
            got: ['greet'],
          },
        ],
      },
    ]);
  });

  test("the conformance suite's own probes are not counted as tests", () => {
    let probing = false;
    const recorder = new CoverageRecorder(
      dir,
      'c.test.js',
      () => undefined,
      () => probing,
    );
    const call = (name: string) => recorder.sent(spec('notes'), { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name } });
    call('add');
    probing = true;
    call('list_notes');
    probing = false;
    recorder.save();
    expect(readRecords(dir)[0].targets[0]).toMatchObject({ key: 'notes', called: ['add'] });
  });

  test('lists the file fetched at setup are taken, and the server is not asked again at close', async () => {
    const recorder = new CoverageRecorder(dir, 'listed.test.js', () => undefined);
    const listings = {
      tools: [{ name: 'add' }],
      resources: [],
      resourceTemplates: [{ uriTemplate: 'cat://notes/{id}' }],
      prompts: [],
      capabilities: {},
      errors: {},
    };
    recorder.known([spec('fetched')], [{ name: 'fetched', listed: listings }, { name: 'other' }]);
    const asked: string[] = [];
    const client = {
      getServerCapabilities: () => (asked.push('capabilities'), { tools: {} }),
      listTools: () => (asked.push('tools/list'), Promise.resolve({ tools: [] })),
    };
    await recorder.list(spec('fetched'), client);
    expect(asked).toEqual([]);
    recorder.save();
    expect(readRecords(dir)[0].targets[0]).toMatchObject({ key: 'fetched', listed: { tools: ['add'], templates: ['cat://notes/{id}'] } });
  });
});
