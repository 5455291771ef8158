import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COVERAGE_ON_SIGNAL_VAR } from '../../src/channels/env';
import { convertScripts, loaderSources } from '../../src/server-coverage/convert';
import { type Dump, codeOfLineLengths, projectScripts, readDumps } from '../../src/server-coverage/dumps';
import { defaultKeep, underRoot } from '../../src/server-coverage/filter';
import { notCoveredMessage } from '../../src/server-coverage/messages';
import { reporterListed } from '../../src/server-coverage/setup';
import { removeDumps, takeRunWide } from '../../src/server-coverage/run-wide';
import { withPreload } from '../../src/server-coverage/spawn-env';
import { REPO } from '../helpers/project';

/**
 * The pure parts of server coverage: which scripts count, the stand-in for code a loader ran,
 * the conversion of real V8 coverage (Node run on a small file) through a source map, the preload
 * that keeps the coverage of a process ended by SIGTERM.
 */

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-srvcov-unit-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const script = (file: string) => ({ scriptId: '1', url: pathToFileURL(file).href, functions: [] });

test('only files under rootDir and outside node_modules count; node: internals never', () => {
  const root = '/project';
  const dump: Dump = {
    result: [
      script('/project/dist/server.js'),
      script('/project/node_modules/zod/index.js'),
      script('/usr/lib/node_modules/npm/lib/cli.js'),
      script('/projectile/x.js'),
      { scriptId: '2', url: 'node:internal/main', functions: [] },
      { scriptId: '3', url: '', functions: [] },
    ],
  };
  expect(projectScripts([dump], [root]).map((s) => s.file)).toEqual(['/project/dist/server.js']);
  expect(projectScripts([dump], ['/projectile', root]).map((s) => s.file)).toEqual(['/project/dist/server.js', '/projectile/x.js']);
});

test('the filter without Jest: under rootDir, not node_modules', () => {
  expect(underRoot('/p/src/a.ts', '/p')).toBe(true);
  expect(underRoot('/p', '/p')).toBe(false);
  expect(underRoot('/pq/a.ts', '/p')).toBe(false);
  const keep = defaultKeep('/p');
  expect(keep('/p/src/a.ts')).toBe(true);
  expect(keep('/p/node_modules/x/a.js')).toBe(false);
});

test('the stand-in for code a loader ran has its line lengths', () => {
  const code = codeOfLineLengths([3, 0, 5]);
  expect(code.split('\n').map((l) => l.length)).toEqual([3, 0, 5]);
});

test('NODE_OPTIONS keeps what it had and quotes the preload path', () => {
  expect(withPreload(undefined, '/a b/preload.js')).toBe('--require "/a b/preload.js"');
  expect(withPreload('--max-old-space-size=512', '/p.js')).toBe('--max-old-space-size=512 --require "/p.js"');
});

test('the not-covered message names each server with its command', () => {
  expect(notCoveredMessage([])).toBeUndefined();
  const one = notCoveredMessage([{ name: 'mcpClients.py', command: 'python3 server.py' }]);
  expect(one).toContain('does not include this MCP server');
  expect(one).toContain('  - mcpClients.py: python3 server.py');
});

test("the global setup knows jest-mcp's reporters when Jest's config lists them", () => {
  expect(reporterListed(undefined as never)).toBe(false);
  expect(reporterListed([['default', {}]])).toBe(false);
  expect(
    reporterListed([
      ['default', {}],
      [path.join(REPO, 'src/reporter.js'), {}],
    ]),
  ).toBe(true);
  expect(reporterListed([[path.join(REPO, 'src/server-coverage-reporter.js'), {}]])).toBe(true);
});

/** Runs `file` under NODE_V8_COVERAGE and returns its dumps. */
let runs = 0;
function covered(file: string): Dump[] {
  const dir = path.join(tmp, `v8-${++runs}`);
  const result = spawnSync(process.execPath, [file], { env: { ...process.env, NODE_V8_COVERAGE: dir } });
  expect(result.status).toBe(0);
  return readDumps(dir);
}

// A "compiled" file with an inline map back to a source of other lines: what tsc writes.
function compiledPair(): { compiled: string; source: string } {
  const source = path.join(tmp, 'src/tools.ts');
  fs.mkdirSync(path.dirname(source));
  fs.writeFileSync(source, 'export function used() {\n  return 1;\n}\nexport function unused() {\n  return 2;\n}\n');
  const compiled = path.join(tmp, 'dist/tools.js');
  fs.mkdirSync(path.dirname(compiled));
  // Line n of the compiled file maps to line n of the source (mappings: one segment per line).
  const map = { version: 3, sources: ['../src/tools.ts'], names: [], mappings: 'AAAA;AACA;AACA;AACA;AACA;AACA;AACA', file: 'tools.js' };
  const code =
    'function used() {\n  return 1;\n}\nfunction unused() {\n  return 2;\n}\nused();\n' +
    `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
  fs.writeFileSync(compiled, code);
  return { compiled, source };
}

test('real V8 coverage of a compiled file maps to its source; what keep refuses is left out', async () => {
  const { compiled, source } = compiledPair();
  const scripts = projectScripts(covered(compiled), [tmp]);
  expect(scripts.map((s) => s.file)).toEqual([compiled]);
  expect(loaderSources(scripts[0])).toBeUndefined();
  const { istanbul, v8 } = await convertScripts(scripts, defaultKeep(tmp), path.join(tmp, 'maps'));
  expect(Object.keys(istanbul)).toEqual([source]);
  const data = istanbul[source];
  const hits = Object.entries(data.s).map(([id, n]) => [data.statementMap[id].start.line, n]);
  expect(hits).toEqual(
    expect.arrayContaining([
      [2, 1],
      [5, 0],
    ]),
  );
  expect(v8).toEqual([{ result: { url: compiled, scriptId: '0', functions: scripts[0].functions } }]);
  const none = await convertScripts(scripts, (file) => file !== source, path.join(tmp, 'maps'));
  expect(none).toEqual({ istanbul: {}, v8: [] });
});

test('code a loader ran (not the file on disk) is converted through the map Node cached, and its V8 entry carries it', async () => {
  const { compiled, source } = compiledPair();
  const [dump] = covered(compiled);
  const url = pathToFileURL(compiled).href;
  // As a loader would leave it: what is on disk differs from what ran.
  const ran = fs.readFileSync(compiled, 'utf8');
  const map = JSON.parse(Buffer.from(/base64,(.*)/.exec(ran)![1], 'base64').toString()) as Record<string, unknown>;
  fs.writeFileSync(compiled, '// rewritten after the run\n');
  dump['source-map-cache'] = { [url]: { lineLengths: ran.split('\n').map((l) => l.length), data: map } };
  const scripts = projectScripts([dump], [tmp]);
  expect(loaderSources(scripts[0])?.originalSource).toBe(fs.readFileSync(source, 'utf8'));
  const { istanbul, v8 } = await convertScripts(scripts, defaultKeep(tmp), path.join(tmp, 'maps'));
  expect(Object.keys(istanbul)).toEqual([source]);
  expect(v8[0].codeTransformResult?.sourceMapPath).toMatch(/maps/);
  expect(JSON.parse(fs.readFileSync(v8[0].codeTransformResult!.sourceMapPath!, 'utf8'))).toEqual(map);
});

test('two processes that ran one source add up', async () => {
  const { compiled, source } = compiledPair();
  const scripts = projectScripts([...covered(compiled), ...covered(compiled)], [tmp]);
  const { istanbul } = await convertScripts(scripts, defaultKeep(tmp), path.join(tmp, 'maps'));
  const data = istanbul[source];
  const line2 = Object.keys(data.s).find((id) => data.statementMap[id].start.line === 2)!;
  expect(data.s[line2]).toBe(2);
});

test('the preload keeps the coverage of a process ended by SIGTERM, which still ends by SIGTERM', async () => {
  const preload = path.join(REPO, 'dist/server-coverage/preload.js');
  const file = path.join(tmp, 'wait.js');
  fs.writeFileSync(file, "setInterval(() => {}, 1000); process.stdout.write('up');");
  const dir = path.join(tmp, 'v8');
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, NODE_V8_COVERAGE: dir, NODE_OPTIONS: withPreload(undefined, preload) },
  });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGTERM');
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  // As it would have ended without the preload.
  expect([code, signal]).toEqual([null, 'SIGTERM']);
  expect(projectScripts(readDumps(dir), [tmp]).map((s) => s.file)).toEqual([file]);
});

test('a run-wide server hands over its coverage on request and keeps running', async () => {
  const preload = path.join(REPO, 'dist/server-coverage/preload.js');
  const file = path.join(tmp, 'serve.js');
  fs.writeFileSync(file, "setInterval(() => {}, 1000); process.stdout.write('up');");
  const dir = path.join(tmp, 'v8');
  const env = { ...process.env, NODE_V8_COVERAGE: dir, NODE_OPTIONS: withPreload(undefined, preload), [COVERAGE_ON_SIGNAL_VAR]: '1' };
  const child = spawn(process.execPath, [file], { env });
  try {
    await new Promise((resolve) => child.stdout.once('data', resolve));
    expect(await takeRunWide(dir)).toEqual({ unanswered: [] });
    expect(projectScripts(readDumps(dir), [tmp]).map((s) => s.file)).toEqual([file]);
    expect(child.exitCode).toBeNull();
    removeDumps(dir);
    expect(readDumps(dir)).toEqual([]);
  } finally {
    child.kill('SIGKILL');
  }
});
