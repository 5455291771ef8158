import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import {
  byStatus,
  CONFORMANCE_BAD,
  CONFORMANCE_GOOD,
  conformanceFile,
  FILESYSTEM,
  MEMORY,
  outcomes,
  V2_SERVER,
} from '../helpers/conformance';
import { EVERYTHING, node } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `jest-mcp/conformance`: one Jest test per rule and item from what a server declares. A server
 * that follows the spec passes; a server that breaks rules fails exactly those tests, each saying
 * which rule, which item and what the server sent; the outside reference servers pass; readOnly
 * touches nothing; a baseline turns known failures into expected ones and reports one that got
 * fixed; SDK 1.x and 2.x (both eras, ES module test file) run the same suite.
 */

const SPEC = 'https://modelcontextprotocol.io/specification/2025-11-25';

/** Every fault of conformance-bad.js, as the check that must fail and what its message must say. */
const BAD: Record<string, RegExp> = {
  'capabilities/completions: prompt intro': /completion\/complete failed: JSON-RPC error -32601/,
  'pagination/follows-cursor: resources/list': /items on more than one page \(or twice\): \["note:\/\/1"\]/,
  'tools/name-valid: bad tool!': /the name "bad tool!" has characters outside A-Z a-z 0-9 _ - \. : " ", "!"/,
  'tools/input-schema-is-object: listy': /inputSchema\.type must be "object", got "array"/,
  'tools/annotations: listy': /annotations\.destructiveHint must be a boolean, got "no"/,
  'icons/well-formed: tool listy':
    /icons\[0\]\.src must be an http\(s\) URL or a data: URI, got "ftp:\/\/x\/icon\.png"[\s\S]*icons\[0\]\.sizes must be/,
  'tools/structured-content-matches-output-schema: weather':
    /structuredContent does not match the outputSchema: .*temp.*number; sent \{"temp":"warm"\}/,
  'errors/unknown-tool': /expected JSON-RPC error -32602 \(or a result with isError: true\), got a result .*ran jest_mcp_no_such_tool/,
  'errors/invalid-params: count':
    /n: "not a number" sent; expected a result with isError: true \(or JSON-RPC error -32602\), got JSON-RPC error -32603: "count crashed/,
  'resources/uris-unique': /listed more than once: "note:\/\/1"/,
  'resources/readable: bad://missing': /the read failed: JSON-RPC error -32002: .*Resource not found: bad:\/\/missing/,
  'resource-templates/uri-template-valid: note': /uriTemplate "note:\/\/\{id" has unbalanced braces/,
  'prompts/gettable: intro': /messages\[0\]\.role must be "user" or "assistant", got "system"/,
};

let v1: Project;
let v2: Project;
let baseline: Project;
let v1Run: JestRun;
let v2Run: JestRun;
const baselineRuns: Record<'none' | 'write' | 'again' | 'fixed', JestRun> = {} as never;

const report = (project: Project, name: string) => ['--json', `--outputFile=${path.join(project.dir, name)}`];

beforeAll(async () => {
  v1 = createProject({
    'good.test.js': conformanceFile('good', { calls: { add: { a: 1, b: 2 } } }),
    'readonly.test.js': conformanceFile('good_ro', { readOnly: true, calls: { add: { a: 1, b: 2 } } }),
    'bad.test.js': conformanceFile('bad'),
    'everything.test.js': conformanceFile('every'),
    'memory.test.js': conformanceFile('memory'),
    'filesystem.test.js': conformanceFile('files'),
    'v2-legacy.test.js': conformanceFile('v2_legacy', { calls: { echo: { text: 'hi' } } }),
    'options.test.js': conformanceFile('good', {
      readOnly: true,
      skip: ['tools/annotations', 'tools/name-valid: add'],
      expectedFailures: ['tools/name-valid: gone_tool'],
    }),
  });
  const m = v1.marker;
  fs.mkdirSync(path.join(v1.dir, 'files-root'));
  fs.writeFileSync(path.join(v1.dir, 'files-root', 'a.txt'), 'a file');
  v1.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          good: node(CONFORMANCE_GOOD, '--calls', path.join(v1.dir, 'calls.log'), m),
          good_ro: node(CONFORMANCE_GOOD, '--calls', path.join(v1.dir, 'ro-calls.log'), m),
          bad: node(CONFORMANCE_BAD, m),
          every: node(EVERYTHING, 'stdio', m),
          // As their READMEs start them: memory with its file, filesystem with the allowed directory as argument.
          memory: { ...node(MEMORY, m), env: { MEMORY_FILE_PATH: path.join(v1.dir, 'memory.jsonl') } },
          files: node(FILESYSTEM, path.join(v1.dir, 'files-root'), m),
          v2_legacy: node(V2_SERVER, 'stdio', m),
        },
      },
    },
  });

  // 2.x: the modern era in an ES module test file, and the bad server in the legacy era.
  v2 = createProject({
    'modern.test.mjs': `/** @mcp-clients modern */
      import { describeConformance } from 'jest-mcp/conformance';
      describeConformance('modern', { calls: { echo: { text: 'hi' } } });
    `,
    'bad.test.js': conformanceFile('bad'),
  });
  v2.write('package.json', JSON.stringify({ name: v2.marker, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }));
  v2.writeConfig({
    preset: 'jest-mcp',
    testMatch: ['**/*.test.mjs', '**/*.test.js'],
    testEnvironmentOptions: {
      mcp: {
        sdk: 'v2',
        clients: {
          modern: { ...node(V2_SERVER, 'stdio', v2.marker), protocol: '2026-07-28' },
          bad: { ...node(CONFORMANCE_BAD, v2.marker), protocol: 'legacy' },
        },
      },
    },
  } as never);

  [v1Run, v2Run] = await Promise.all([
    runJest(v1.dir, { args: ['--maxWorkers=2', ...report(v1, 'report.json')] }),
    runJest(v2.dir, { args: ['--maxWorkers=1', ...report(v2, 'report.json')], env: { NODE_OPTIONS: '--experimental-vm-modules' } }),
  ]);

  // The baseline workflow on the bad server: fail, write the baseline, pass, then fix one fault.
  baseline = createProject({
    'bad.test.js': conformanceFile('bad', { baseline: 'conformance/mcp-conformance-baseline.json' }),
  });
  baseline.write(
    'jest.config.js',
    `const fix = process.env.FIX ? ['--fix', process.env.FIX] : [];
    module.exports = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { clients: {
      bad: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(CONFORMANCE_BAD)}, ...fix, '${baseline.marker}'] },
    } } } };`,
  );
  const step = (name: string, env: Record<string, string> = {}) => runJest(baseline.dir, { args: report(baseline, `${name}.json`), env });
  baselineRuns.none = await step('none');
  baselineRuns.write = await step('write', { JEST_MCP_CONFORMANCE_BASELINE: 'write' });
  baselineRuns.again = await step('again');
  baselineRuns.fixed = await step('fixed', { FIX: 'structured' });
});

afterAll(() => {
  for (const p of [v1, v2, baseline]) p?.remove();
});

function failedOf(project: Project, file: string, reportFile = 'report.json'): Record<string, string> {
  const results = outcomes(path.join(project.dir, reportFile), file);
  return Object.fromEntries([...results].filter(([, o]) => o.status === 'failed').map(([title, o]) => [title, o.message]));
}

test('a server that follows the spec passes every check; what it does not declare is skipped, saying why', () => {
  const good = byStatus(outcomes(path.join(v1.dir, 'report.json'), 'good.test.js'));
  expect(good.failed).toBeUndefined();
  expect(good.passed).toEqual(
    expect.arrayContaining([
      'initialize/server-info',
      'icons/well-formed: server info',
      'capabilities/logging',
      'capabilities/completions: prompt greet',
      'tools/name-valid: get_time',
      'tools/structured-content-matches-output-schema: get_time',
      'tools/structured-content-matches-output-schema: add',
      'errors/unknown-tool',
      'errors/unknown-method',
      'errors/invalid-params: add',
      'resources/readable: note://1',
      'resource-templates/uri-template-valid: note',
      'prompts/gettable: summary',
    ]),
  );
  expect(good.pending).toEqual(expect.arrayContaining(['prompts/gettable: greet (skipped: the prompt has required arguments)']));
  // It called the safe tools with the arguments given, never the destructive one.
  const calls = fs.readFileSync(path.join(v1.dir, 'calls.log'), 'utf8');
  expect(calls).toMatch(/^call get_time \{\}$/m);
  expect(calls).toMatch(/^call add \{"a":1,"b":2\}$/m);
  expect(calls).toMatch(/^read note:\/\/1$/m);
  expect(calls).not.toMatch(/delete_note/);
  expectCleanExit(v1Run);
  expectNoLeftovers(v1);
});

test('readOnly: only lists; no tool is called, nothing read or got, and those checks are skipped', () => {
  expect(fs.existsSync(path.join(v1.dir, 'ro-calls.log'))).toBe(false);
  const ro = byStatus(outcomes(path.join(v1.dir, 'report.json'), 'readonly.test.js'));
  expect(ro.failed).toBeUndefined();
  expect(ro.pending).toEqual(
    expect.arrayContaining([
      'errors/unknown-tool (skipped: readOnly: true)',
      'tools/structured-content-matches-output-schema: add (skipped: readOnly: true)',
      'resources/readable: note://2 (skipped: readOnly: true)',
      'prompts/gettable: summary (skipped: readOnly: true)',
    ]),
  );
  expect(ro.passed).toEqual(expect.arrayContaining(['capabilities/list-answers: tools/list', 'tools/input-schema-is-object: add']));
});

test('skip takes rule ids and single checks; a known failure that names no check fails, saying so', () => {
  const results = outcomes(path.join(v1.dir, 'report.json'), 'options.test.js');
  const { pending, failed } = byStatus(results);
  expect(pending).toEqual(
    expect.arrayContaining([
      'tools/annotations: get_time (skipped: in options.skip)',
      'tools/annotations: echo (skipped: in options.skip)',
      'tools/name-valid: add (skipped: in options.skip)',
    ]),
  );
  expect(byStatus(results).passed).toContain('tools/name-valid: get_time');
  expect(failed).toEqual(['conformance baseline: every known failure names a check']);
  expect(results.get(failed[0])?.message).toContain(
    'These known failures match no check of good (the item is gone or renamed?): "tools/name-valid: gone_tool". They are in expectedFailures: remove them there.',
  );
});

test('a server that breaks rules fails exactly those checks, each naming rule, item, spec section and what the server sent', () => {
  expect(v1Run.code).toBe(1);
  const failed = failedOf(v1, 'bad.test.js');
  expect(Object.keys(failed).sort()).toEqual(Object.keys(BAD).sort());
  for (const [id, expected] of Object.entries(BAD)) {
    expect(failed[id]).toMatch(expected);
    expect(failed[id]).toContain(`MCP conformance of bad: ${id}`);
    expect(failed[id]).toContain(`(${SPEC}/`);
  }
  expect(failed['resources/readable: bad://missing']).toContain(`${SPEC}/server/resources#reading-resources`);
});

test('server-everything, server-memory and server-filesystem pass; SDK 1.x passes the 2.x server in the legacy era', () => {
  for (const file of ['everything.test.js', 'memory.test.js', 'filesystem.test.js', 'v2-legacy.test.js']) {
    const results = byStatus(outcomes(path.join(v1.dir, 'report.json'), file));
    expect({ file, failed: results.failed }).toEqual({ file, failed: undefined });
    expect(results.passed.length).toBeGreaterThan(10);
  }
  const every = byStatus(outcomes(path.join(v1.dir, 'report.json'), 'everything.test.js'));
  expect(every.passed).toEqual(
    expect.arrayContaining(['resources/readable: demo://resource/static/document/features.md', 'prompts/gettable: simple-prompt']),
  );
  const files = byStatus(outcomes(path.join(v1.dir, 'report.json'), 'filesystem.test.js'));
  expect(files.pending).toEqual(
    expect.arrayContaining(['capabilities/list-answers: prompts/list (skipped: the server does not declare prompts)']),
  );
});

test('SDK 2.x: the 2026-07-28 era from an ES module file passes, with the negotiated version checked; the bad server fails the same checks', () => {
  const modern = byStatus(outcomes(path.join(v2.dir, 'report.json'), 'modern.test.mjs'));
  expect(modern.failed).toBeUndefined();
  expect(modern.passed).toEqual(
    expect.arrayContaining([
      'initialize/protocol-version',
      'tools/structured-content-matches-output-schema: echo',
      'errors/invalid-params: echo',
    ]),
  );
  expect(Object.keys(failedOf(v2, 'bad.test.js')).sort()).toEqual(Object.keys(BAD).sort());
  expectCleanExit(v2Run);
  expectNoLeftovers(v2);
});

test('baseline: written on request, known failures then pass as expected, a fixed one fails and says to remove it', () => {
  const file = path.join(baseline.dir, 'conformance/mcp-conformance-baseline.json');
  expect(baselineRuns.none.code).toBe(1);
  expect(baselineRuns.write.code).toBe(0);
  expect(baselineRuns.write.output).toContain(`jest-mcp conformance: wrote 13 known failure(s) of bad to ${file}`);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ bad: Object.keys(BAD).sort() });

  expect(baselineRuns.again.code).toBe(0);
  const again = outcomes(path.join(baseline.dir, 'again.json'));
  const known = (id: string) =>
    `${id} (known failure: in the baseline mcp-conformance-baseline.json or expectedFailures; remove it there once fixed)`;
  expect(again.get(known('errors/unknown-tool'))?.status).toBe('passed');

  expect(baselineRuns.fixed.code).toBe(1);
  const fixed = failedOf(baseline, 'bad.test.js', 'fixed.json');
  expect(Object.keys(fixed)).toEqual([known('tools/structured-content-matches-output-schema: weather')]);
  expect(fixed[known('tools/structured-content-matches-output-schema: weather')]).toMatch(
    /Failing test passed even though it was supposed to fail/,
  );
  expectCleanExit(baselineRuns.fixed);
  expectNoLeftovers(baseline);
});
