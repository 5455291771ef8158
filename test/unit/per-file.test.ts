import { sourceWantsListings } from '../../src/session/listings';
import * as fs from 'node:fs';
import type { Circus } from '@jest/types';
import { mergeOptions, parseOptionsPragma } from '../../src/config/file-options';
import { anyTestWillRun } from '../../src/session/enabled-tests';
import { fileEnv } from '../../src/config/plan-source';
import { FileTempDir } from '../../src/session/file-dir';
import { resolvePlan } from '../../src/config/plan';

/** A collected file as circus holds it: describe blocks and tests, each knowing its parent. */
function collected(tree: Array<[string, Circus.TestMode?] | [string, Circus.TestMode | undefined, unknown[]]>): Circus.DescribeBlock {
  const root = { type: 'describeBlock', name: 'ROOT_DESCRIBE_BLOCK', children: [] as unknown[] } as unknown as Circus.DescribeBlock;
  const add = (parent: Circus.DescribeBlock, nodes: typeof tree) => {
    for (const [name, mode, children] of nodes) {
      if (children) {
        const block = { type: 'describeBlock', name, mode, parent, children: [] } as unknown as Circus.DescribeBlock;
        parent.children.push(block);
        add(block, children as typeof tree);
      } else parent.children.push({ type: 'test', name, mode, parent } as unknown as Circus.TestEntry);
    }
  };
  add(root, tree);
  return root;
}

describe('anyTestWillRun', () => {
  const state = (root: Circus.DescribeBlock, testNamePattern?: RegExp, hasFocusedTests = false) =>
    ({ rootDescribeBlock: root, testNamePattern, hasFocusedTests }) as Circus.State;

  test('-t matches the full name: describe names and the test name, joined by spaces', () => {
    const root = collected([['notes', undefined, [['creates', undefined]]]]);
    expect(anyTestWillRun(state(root, /notes creates/))).toBe(true);
    expect(anyTestWillRun(state(root, /^creates/))).toBe(false);
  });

  test('skipped and todo tests never run; with a focused test elsewhere, unfocused ones do not either', () => {
    expect(
      anyTestWillRun(
        state(
          collected([
            ['a', 'skip'],
            ['b', 'todo'],
          ]),
        ),
      ),
    ).toBe(false);
    expect(
      anyTestWillRun(
        state(
          collected([
            ['a', 'skip'],
            ['b', undefined],
          ]),
        ),
      ),
    ).toBe(true);
    expect(anyTestWillRun(state(collected([['a', undefined]]), undefined, true))).toBe(false);
    expect(anyTestWillRun(state(collected([['inner', undefined, [['a', 'only']]]]), undefined, true))).toBe(true);
  });

  test('a file with no tests runs none', () => {
    expect(anyTestWillRun(state(collected([])))).toBe(false);
  });
});

describe('@mcp-options', () => {
  test('merges objects key by key, replaces arrays and scalars, and null removes a key', () => {
    const base = { clients: { a: { command: 'x', args: ['1', '2'], env: { A: '1', B: '2' } }, b: { url: 'u' } }, traces: true };
    const merged = mergeOptions(base, { clients: { a: { args: ['3'], env: { B: null, C: '3' } }, b: null }, traces: false });
    expect(merged).toEqual({ clients: { a: { command: 'x', args: ['3'], env: { A: '1', C: '3' } } }, traces: false });
    expect(base.clients.a.env).toEqual({ A: '1', B: '2' });
  });

  test('a key named __proto__ stays a key', () => {
    const merged = mergeOptions({}, JSON.parse('{"clients": {"__proto__": {"url": "u"}}}') as Record<string, unknown>) as {
      clients: object;
    };
    expect(Object.getPrototypeOf(merged.clients)).toBe(Object.prototype);
    expect(Object.keys(merged.clients)).toEqual(['__proto__']);
  });

  test('the pragma must be one JSON object, and cannot change run-wide servers', () => {
    expect(parseOptionsPragma(undefined)).toBeUndefined();
    expect(parseOptionsPragma('{"traces": false}')).toEqual({ traces: false });
    expect(() => parseOptionsPragma('{traces: false}')).toThrow(/@mcp-options docblock pragma is not valid JSON/);
    expect(() => parseOptionsPragma('[1]')).toThrow(/must be a JSON object/);
    expect(() => parseOptionsPragma(['{}', '{}'])).toThrow(/appears 2 times/);
    expect(() => parseOptionsPragma('{"servers": {}}')).toThrow(/cannot change "servers"/);
  });
});

describe("a file's temporary directory", () => {
  test('exists from create() to remove(), with what was written in it', () => {
    const dir = new FileTempDir();
    expect(fs.existsSync(dir.path)).toBe(false);
    dir.create();
    fs.writeFileSync(`${dir.path}/store.json`, '{}');
    expect((fs.statSync(dir.path).mode & 0o777).toString(8)).toBe('700');
    dir.remove();
    expect(fs.existsSync(dir.path)).toBe(false);
    dir.remove();
  });

  test('${VAR} sees the environment, read live, plus the file variables', () => {
    const env = fileEnv({ JEST_MCP_TMPDIR: '/tmp/x' });
    process.env.JEST_MCP_UNIT_LATE = 'late';
    try {
      expect(env.JEST_MCP_TMPDIR).toBe('/tmp/x');
      expect(env.JEST_MCP_UNIT_LATE).toBe('late');
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      delete process.env.JEST_MCP_UNIT_LATE;
    }
  });
});

describe("a file's variables in messages", () => {
  test('${JEST_MCP_TMPDIR} stays readable, in a path of it too; a secret beside it is still hidden', () => {
    const dir = '/tmp/jest-mcp-4242-0123456789ab';
    const env = fileEnv({ JEST_MCP_TMPDIR: dir, MEM_TOKEN: 'mem-secret-value' });
    const plan = resolvePlan(
      {
        envFile: false,
        clients: {
          memory: {
            command: 'node',
            args: ['server.js'],
            env: { MEMORY_FILE_PATH: '${JEST_MCP_TMPDIR}/memory.jsonl', TOKEN: '${MEM_TOKEN}' },
          },
        },
      },
      { rootDir: '/tmp', servers: {}, env, visible: [dir] },
    );
    expect(plan.redactor.redact(`could not write ${dir}/memory.jsonl`)).toBe(`could not write ${dir}/memory.jsonl`);
    expect(plan.redactor.redact('token mem-secret-value')).toBe('token [redacted]');
  });
});

describe('sourceWantsListings', () => {
  test('a file that names `listed` or describeConformance gets the lists at setup', () => {
    expect(sourceWantsListings('test.each(mcpClients.notes.listed.tools)')).toBe(true);
    expect(sourceWantsListings('const { listed } = mcpClients.notes;')).toBe(true);
    expect(sourceWantsListings("describeConformance('notes')")).toBe(true);
  });
  test('others do not pay for it', () => {
    expect(sourceWantsListings('await mcpClients.notes.listTools()')).toBe(false);
    expect(sourceWantsListings('const unlisted = 1; const listedness = 2;')).toBe(false);
  });
});
