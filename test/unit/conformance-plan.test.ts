import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listed, readBaseline, writeBaseline, writeMode } from '../../src/conformance/baseline';
import { safeArguments, wrongArguments } from '../../src/conformance/calls';
import { failure } from '../../src/conformance/describe';
import { validateOptions } from '../../src/conformance/options';
import { type ListedServer, planChecks, type ServerView, type Settings } from '../../src/conformance/plan';
import { type Check, checkId } from '../../src/conformance/types';

/**
 * Which checks a server's declarations produce, which are skipped and why, what the suite may
 * call, and the baseline file. The client here records requests and answers each with an empty
 * list: the plan is pure, the e2e suite runs it against real servers.
 */

const TOOLS = [
  { name: 'get_time', inputSchema: { type: 'object' }, outputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
  {
    name: 'add',
    inputSchema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
    outputSchema: { type: 'object' },
  },
  {
    name: 'wipe',
    inputSchema: { type: 'object', properties: { all: { type: 'boolean' } } },
    annotations: { readOnlyHint: true, destructiveHint: true },
  },
];

function server(listedServer: Partial<ListedServer>, capabilities: Record<string, unknown>) {
  const sent: string[] = [];
  const view: ServerView = {
    listed: { tools: [], resources: [], resourceTemplates: [], prompts: [], ...listedServer, capabilities },
    serverVersion: { name: 's', version: '1' },
    instructions: undefined,
    negotiatedVersion: '2025-11-25',
    knownVersions: ['2025-11-25'],
    client: {
      request: (request) => {
        sent.push(request.method === 'tools/call' ? `tools/call ${String(request.params?.name)}` : request.method);
        return Promise.resolve({ tools: [], resources: [], resourceTemplates: [], prompts: [] });
      },
    },
    compileSchema: () => undefined,
    checkSchema: () => ({ valid: true }),
  };
  return { view, sent };
}

const settings = (over: Partial<Settings> = {}): Settings => ({ readOnly: false, maxItems: 20, maxPages: 5, timeout: 1000, ...over });
const ids = (checks: Check[]) => checks.map((c) => (c.skipped ? `${checkId(c)} (skipped: ${c.skipped})` : checkId(c)));
const runAll = async (checks: Check[]) => {
  for (const c of checks) if (!c.skipped && c.run) await c.run();
};

test('a tools-only server: undeclared lists are skipped with the reason, tools checked per item', () => {
  const { view } = server({ tools: TOOLS }, { tools: {} });
  const checks = ids(planChecks(view, settings()));
  expect(checks).toEqual(
    expect.arrayContaining([
      'capabilities/list-answers: tools/list',
      'capabilities/list-answers: prompts/list (skipped: the server does not declare prompts)',
      'capabilities/list-answers: resources/templates/list (skipped: the server does not declare resources)',
      'capabilities/logging (skipped: the server does not declare logging)',
      'capabilities/completions (skipped: the server does not declare completions)',
      'initialize/instructions (skipped: the server sends no instructions)',
      'pagination/follows-cursor: tools/list',
      'tools/name-valid: add',
      'tools/input-schema-is-object: wipe',
      'tools/output-schema-is-object: get_time',
      'tools/structured-content-matches-output-schema: get_time',
      'tools/structured-content-matches-output-schema: add (skipped: not called: no readOnlyHint with no required arguments; give arguments in `calls`)',
      'errors/unknown-tool',
      'errors/unknown-method',
      'errors/invalid-params (skipped: no tool safe to call has a typed argument; give arguments in `calls`)',
    ]),
  );
  expect(checks.some((c) => c.startsWith('pagination/follows-cursor: prompts') || c.startsWith('resources/'))).toBe(false);
});

test('calls: only read-only, non-destructive tools without required arguments, or those the user gave arguments for', async () => {
  const { view, sent } = server({ tools: TOOLS }, { tools: {} });
  await runAll(planChecks(view, settings({ calls: { add: { a: 1 } } })));
  expect(sent.filter((m) => m.startsWith('tools/call')).sort()).toEqual([
    'tools/call add',
    'tools/call add',
    'tools/call get_time',
    'tools/call jest_mcp_no_such_tool',
  ]);
  expect(safeArguments(TOOLS[2], undefined)).toBeUndefined();
  expect(safeArguments(TOOLS[0], undefined)).toEqual({});
  expect(wrongArguments(TOOLS[1], { a: 1 })).toEqual({ args: { a: 'not a number' }, property: 'a', sent: 'not a number' });
  expect(wrongArguments(TOOLS[0], {})).toBeUndefined();
});

test('readOnly: only list requests (and the unknown-method probe); calls, reads, gets, completion and setLevel are skipped', async () => {
  const full = {
    tools: TOOLS,
    resources: [{ uri: 'n://1', name: 'n' }],
    prompts: [{ name: 'p', arguments: [{ name: 'x' }] }],
  };
  const { view, sent } = server(full, { tools: {}, resources: {}, prompts: {}, logging: {}, completions: {} });
  const checks = planChecks(view, settings({ readOnly: true, calls: { add: { a: 1 } } }));
  await runAll(checks);
  expect([...new Set(sent)].sort()).toEqual([
    'jest-mcp/no-such-method',
    'prompts/list',
    'resources/list',
    'resources/templates/list',
    'tools/list',
  ]);
  expect(ids(checks)).toEqual(
    expect.arrayContaining([
      'resources/readable: n://1 (skipped: readOnly: true)',
      'prompts/gettable: p (skipped: readOnly: true)',
      'capabilities/logging (skipped: readOnly: true)',
      'capabilities/completions (skipped: readOnly: true)',
      'errors/unknown-tool (skipped: readOnly: true)',
    ]),
  );
  // Without readOnly the same server is read, got, completed and called.
  const again = server(full, { tools: {}, resources: {}, prompts: {}, logging: {}, completions: {} });
  await runAll(planChecks(again.view, settings({ calls: { add: { a: 1 } } })));
  expect(again.sent).toEqual(
    expect.arrayContaining(['resources/read', 'prompts/get', 'completion/complete', 'logging/setLevel', 'tools/call add']),
  );
});

test('maxItems bounds the checks that make a request per item', () => {
  const resources = Array.from({ length: 5 }, (_, i) => ({ uri: `n://${i}` }));
  const { view } = server({ resources }, { resources: {} });
  const readable = ids(planChecks(view, settings({ maxItems: 2 }))).filter((c) => c.startsWith('resources/readable'));
  expect(readable).toEqual([
    'resources/readable: n://0',
    'resources/readable: n://1',
    ...[2, 3, 4].map((i) => `resources/readable: n://${i} (skipped: over maxItems (2))`),
  ]);
});

test('the failure names the client, rule, item, what was wrong, the spec, and how to accept it', () => {
  const error = failure(
    { rule: 'tools/name-valid', item: 'bad tool!' },
    ['the name has a space'],
    'notes',
    '/p/mcp-conformance-baseline.json',
  );
  expect(error.message).toBe(
    [
      'MCP conformance of notes: tools/name-valid: bad tool!',
      '  - the name has a space',
      'Rule: a tool name is 1–128 characters of A-Z a-z 0-9 _ - . (https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names)',
      'A known failure you accept for now? Add "tools/name-valid: bad tool!" to mcp-conformance-baseline.json (or run with JEST_MCP_CONFORMANCE_BASELINE=write), or to skip.',
    ].join('\n'),
  );
});

test('options: typos and unknown rule ids fail at collection, naming the client', () => {
  expect(() => validateOptions('notes', { readonly: true })).toThrow(`describeConformance('notes'): unknown option "readonly"`);
  expect(() => validateOptions('notes', { skip: ['tools/name-vaild'] })).toThrow('skip: "tools/name-vaild" names no rule');
  expect(() => validateOptions('notes', { maxItems: 0 })).toThrow('maxItems must be a positive whole number');
  expect(() => validateOptions('notes', { calls: { add: 1 } })).toThrow('calls.add must be an object of arguments');
  expect(() =>
    validateOptions('notes', { skip: ['tools/name-valid: x'], readOnly: true, calls: { a: {} }, baseline: 'b.json' }),
  ).not.toThrow();
});

describe('baseline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-baseline-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'sub', 'baseline.json');

  test('written per client, sorted, other clients kept; an empty list removes the client', () => {
    expect(readBaseline(file, 'a')).toEqual([]);
    writeBaseline(file, 'a', ['tools/name-valid: z', 'errors/unknown-tool']);
    writeBaseline(file, 'b', ['prompts/gettable: p']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      a: ['errors/unknown-tool', 'tools/name-valid: z'],
      b: ['prompts/gettable: p'],
    });
    writeBaseline(file, 'a', []);
    expect(readBaseline(file, 'a')).toEqual([]);
    expect(readBaseline(file, 'b')).toEqual(['prompts/gettable: p']);
  });
  test('a broken file says how to rewrite it', () => {
    fs.writeFileSync(file, '{ nope');
    expect(() => readBaseline(file, 'a')).toThrow(/is not JSON .*JEST_MCP_CONFORMANCE_BASELINE=write/);
    fs.writeFileSync(file, '{ "a": "x" }');
    expect(() => readBaseline(file, 'a')).toThrow('"a" must be an array of check ids');
  });
  test('an entry names a check exactly, or a whole rule; write mode from the environment', () => {
    expect(listed(['tools/name-valid: x'], 'tools/name-valid', 'tools/name-valid: x')).toBe(true);
    expect(listed(['tools/name-valid'], 'tools/name-valid', 'tools/name-valid: y')).toBe(true);
    expect(listed(['tools/name-valid: x'], 'tools/name-valid', 'tools/name-valid: y')).toBe(false);
    expect(writeMode({ JEST_MCP_CONFORMANCE_BASELINE: 'write' })).toBe(true);
    expect(writeMode({})).toBe(false);
  });
});

test('a list the environment could not read whole at setup fails its list-answers check, saying why', async () => {
  const { view } = server({ errors: { tools: 'tools/list: nextCursor "x" came back again' } }, { tools: {} });
  const check = planChecks(view, settings()).find((c) => checkId(c) === 'capabilities/list-answers: tools/list');
  expect(await check?.run?.()).toEqual([
    'at setup the list could not be read whole (tools/list: nextCursor "x" came back again); the per-item checks cover only what was read',
  ]);
});

test('in the 2026-07-28 era logging/setLevel is not asked (that protocol has none)', async () => {
  const modern = server({}, { logging: {} });
  modern.view.negotiatedVersion = '2026-07-28';
  const checks = planChecks(modern.view, settings({}));
  await runAll(checks);
  expect(modern.sent).not.toContain('logging/setLevel');
  expect(ids(checks)).toContain('capabilities/logging (skipped: the 2026-07-28 protocol has no logging/setLevel)');
});
