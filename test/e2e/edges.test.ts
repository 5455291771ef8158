import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { EDGES_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * Edges a real suite can reach: a client named `__proto__` (and `toString`), Jest's equality and
 * diff on `mcpClients`, a server that sends 200 notifications of 1 MB (the worker's heap stays
 * bounded), and `textOf`/`jsonOf` in an ES module test file against a real server.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'names.test.js': `/** @mcp-clients __proto__, toString */
      test('clients named __proto__ and toString are clients', async () => {
        expect(Object.keys(mcpClients)).toEqual(['__proto__', 'toString']);
        expect(Object.getPrototypeOf(mcpClients)).toBe(Object.prototype);
        expect(await mcpClients['__proto__'].ping()).toEqual({});
        expect(await mcpClients.toString.ping()).toEqual({});
        expect(mcpClients).toEqual(Object.fromEntries([['__proto__', expect.anything()], ['toString', expect.anything()]]));
      });
      test('DIFF: toEqual on mcpClients fails with a diff', () => {
        expect(mcpClients).toEqual({});
      });
    `,
    'flood.test.js': `/** @mcp-clients flood */
      const gc = (() => {
        require('v8').setFlagsFromString('--expose-gc');
        return require('vm').runInNewContext('gc');
      })();
      const heap = () => {
        gc();
        return process.memoryUsage().heapUsed;
      };
      test('200 notifications of 1 MB: the heap stays bounded, the newest are kept', async () => {
        const c = mcpClients.flood;
        const before = heap();
        await c.callTool({ name: 'flood', arguments: { count: 200, bytes: 1024 * 1024 } });
        const after = heap();
        console.log('HEAP before ' + Math.round(before / 1048576) + ' MB, after ' + Math.round(after / 1048576) + ' MB');
        const kept = c.received.notifications;
        expect(kept.length).toBeGreaterThan(0);
        expect(kept[kept.length - 1].params.data.startsWith('199:')).toBe(true);
        expect((await c.received.waitForNotification('notifications/message')).method).toBe('notifications/message');
        expect(after - before).toBeLessThan(64 * 1048576);
      }, 60_000);
    `,
    'results.test.mjs': `/** @mcp-clients results */
      import { expect, test } from '@jest/globals';
      import { jsonOf, textOf } from 'jest-mcp';
      test('textOf and jsonOf on real results', async () => {
        const c = mcpClients.results;
        const texts = await c.callTool({ name: 'texts', arguments: { parts: ['first', 'second'] } });
        expect(textOf(texts)).toBe('first\\nsecond');
        const structured = await c.callTool({ name: 'json', arguments: { value: { n: 1 }, structured: true } });
        expect(jsonOf(structured)).toStrictEqual({ value: { n: 1 } });
        const plain = await c.callTool({ name: 'json', arguments: { value: [1, { a: 'b' }] } });
        expect(jsonOf(plain)).toStrictEqual([1, { a: 'b' }]);
        expect(Array.isArray(jsonOf(plain))).toBe(true);
        const image = await c.callTool({ name: 'image', arguments: {} });
        expect(() => textOf(image)).toThrow('textOf: the result has no text content; it is content of types image');
        expect(() => jsonOf(image)).toThrow('jsonOf: the result has no structuredContent and no text content; it is content of types image');
        expect(() => jsonOf(texts)).toThrow(/^jsonOf: the result has no structuredContent, and its text is not JSON \\(.+\\); it is content of types text, text, text: "first"$/);
        const unknown = await c.callTool({ name: 'no-such-tool', arguments: {} }).catch((e) => e);
        console.log('UNKNOWN ' + (unknown instanceof Error ? unknown.message : textOf(unknown)));
      });
    `,
  });
  const edges = node(EDGES_STDIO, project.marker);
  const config = {
    preset: 'jest-mcp',
    testMatch: ['**/*.test.js', '**/*.test.mjs'],
    transform: {},
    testEnvironmentOptions: {
      // No traces: the inbox alone is measured (the trace keeps its own bounded window).
      mcp: { traces: false, clients: Object.fromEntries(['__proto__', 'toString', 'flood', 'results'].map((name) => [name, edges])) },
    },
  };
  // Parsed, not written as a literal: `"__proto__": {...}` in an object literal sets the prototype.
  project.write('jest.config.js', `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(config))});\n`);
  run = await runJest(project.dir, { args: ['--maxWorkers=2', '--verbose'], env: { NODE_OPTIONS: '--experimental-vm-modules' } });
});

afterAll(() => project?.remove());

test('clients named __proto__ and toString are clients, and mcpClients compares like a plain object', () => {
  const text = outputOfFile(run, 'names.test.js');
  expect(text).toMatch(/✓ clients named __proto__ and toString are clients/);
  expect(text).not.toMatch(/TypeError|Set\.prototype\.values/);
});

test('toEqual on mcpClients fails with a plain diff naming each client, not its SDK internals', () => {
  const text = outputOfFile(run, 'names.test.js');
  expect(text).toMatch(/- Object \{\}\s+\+ Object \{\s+\+\s+"__proto__": McpClient \{\},\s+\+\s+"toString": McpClient \{\},\s+\+ \}/);
  expect(text).not.toContain('_requestHandlers');
});

test('200 notifications of 1 MB leave the worker heap bounded; received keeps the newest', () => {
  // The file itself asserts the bound (heap growth under 64 MB; it was about 200 MB) and prints the figures.
  expect(outputOfFile(run, 'flood.test.js')).toMatch(/^PASS/);
});

test('textOf and jsonOf in an ES module test file against a real server', () => {
  const text = outputOfFile(run, 'results.test.mjs');
  expect(text).toMatch(/^PASS/);
});

test('Jest exits by itself and leaves no server behind', () => {
  expect(run.output).toMatch(/Tests:\s+1 failed, 3 passed, 4 total/);
  expectCleanExit(run);
  expectNoLeftovers(project);
});
