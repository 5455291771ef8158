import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { CORE_STDIO, eventsOf, node, whoamiOf } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * What one test file gets of its own: a temporary directory (`${JEST_MCP_TMPDIR}`) that files
 * running side by side never share, changes to one client for one file (`@mcp-options`), and,
 * under `-t`, no session at all when none of its tests runs.
 */
let project: Project;
let full: JestRun;
let filtered: JestRun;
let fullDirs: ReturnType<typeof seenDirs>;

function seenDirs(p: Project) {
  return p.lines('dirs.txt').map((line) => JSON.parse(line) as { file: string; dir: string; server: string });
}

/** A test that records its directory and what the server was told, and uses the directory. */
function storeTest(file: string, name: string, extra = ''): string {
  return `const fs = require('node:fs');
    test(${JSON.stringify(name)}, async () => {
      const dir = process.env.JEST_MCP_TMPDIR;
      const me = ${whoamiOf('store', ['STORE_DIR', 'STORE_TAG'])};
      fs.appendFileSync(${JSON.stringify(path.join('DIR', 'dirs.txt'))}, JSON.stringify({ file: ${JSON.stringify(file)}, dir, server: me.env.STORE_DIR }) + '\\n');
      expect(fs.statSync(dir).isDirectory()).toBe(true);
      fs.writeFileSync(dir + '/data.json', '{}');
      ${extra}
    });`;
}

beforeAll(async () => {
  project = createProject({});
  const events = path.join(project.dir, 'events.log');
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          store: { ...node(CORE_STDIO, 'store', events, project.marker), env: { STORE_DIR: '${JEST_MCP_TMPDIR}', STORE_TAG: 'config' } },
          broken: node(CORE_STDIO, 'broken', events, '--exit-at-start', '3', project.marker),
        },
      },
    },
  });
  const write = (file: string, content: string) =>
    project.write(file, content.split(path.join('DIR', 'dirs.txt')).join(path.join(project.dir, 'dirs.txt')));
  write('a.test.js', `/** @mcp-clients store */\n${storeTest('a', 'store in a')}`);
  write(
    'b.test.js',
    `/**
      * @mcp-clients store
      * @mcp-options {"clients": {"store": {"env": {"STORE_TAG": "from b"}}}}
      */
    ${storeTest('b', 'store in b', `expect(me.env.STORE_TAG).toBe('from b');`)}`,
  );
  project.write('bad-json.test.js', `/** @mcp-clients store\n * @mcp-options {"clients": {store: 1}} */\ntest('never runs', () => {});\n`);
  project.write('bad-servers.test.js', `/** @mcp-clients store\n * @mcp-options {"servers": {}} */\ntest('never runs', () => {});\n`);
  project.write(
    'bad-value.test.js',
    `/** @mcp-options {"clients": {"store": {"timeouts": {"connect": "soon"}}}} */\ntest('never runs', () => {});\n`,
  );
  full = await runJest(project.dir, { args: ['--maxWorkers=2'] });
  const startsInFullRun = eventsOf(events).filter((e) => e.startsWith('start ')).length;
  fullDirs = seenDirs(project);
  fs.rmSync(events);
  fs.rmSync(path.join(project.dir, 'dirs.txt'));
  project.write(
    'late.test.js',
    `/** @mcp-clients broken */
    test('store in a file whose client cannot open', () => {
      throw new Error('must not run: its client did not open');
    });`,
  );
  project.write(
    'top.test.js',
    `/** @mcp-clients store */
    let early;
    try {
      mcpClients.store.listTools();
    } catch (error) {
      early = error.message;
    }
    test('store in a top-level use', () => expect(early).toMatch(/mcpClients.store is not open yet: with -t/));`,
  );
  // Only a.test.js and late.test.js have tests of these names; b.test.js's tests are all filtered out.
  filtered = await runJest(project.dir, {
    args: ['--maxWorkers=2', '-t', 'store in a', 'a.test.js', 'b.test.js', 'late.test.js', 'top.test.js'],
  });
  expect(startsInFullRun).toBe(2);
});

afterAll(() => project?.remove());

describe('a temporary directory per file', () => {
  test('each file gets its own, the server is told it by ${JEST_MCP_TMPDIR}, and it is gone after the run', () => {
    expect(outputOfFile(full, 'a.test.js')).toMatch(/^PASS/);
    expect(outputOfFile(full, 'b.test.js')).toMatch(/^PASS/);
    const [a, b] = ['a', 'b'].map((file) => fullDirs.find((d) => d.file === file)!);
    expect(a.dir).not.toBe(b.dir);
    expect(a.server).toBe(a.dir);
    expect(b.server).toBe(b.dir);
    for (const { dir } of [a, b]) expect(fs.existsSync(dir)).toBe(false);
    expectCleanExit(full);
    expectNoLeftovers(project);
  });
});

describe('@mcp-options', () => {
  test("changes one client's option for one file, the rest of the config kept", () => {
    // b.test.js asserts its own STORE_TAG; a.test.js got the config's STORE_DIR unchanged.
    expect(outputOfFile(full, 'b.test.js')).toMatch(/^PASS/);
  });

  test('a pragma that is not JSON, or changes run-wide servers, or holds a wrong value fails only its own file, saying why', () => {
    expect(outputOfFile(full, 'bad-json.test.js')).toMatch(/@mcp-options docblock pragma is not valid JSON/);
    expect(outputOfFile(full, 'bad-servers.test.js')).toMatch(/@mcp-options docblock pragma cannot change "servers"/);
    expect(outputOfFile(full, 'bad-value.test.js')).toMatch(/store\.timeouts\.connect.*"soon"/s);
    expect(full.output).toMatch(/Test Suites: 3 failed, 2 passed, 5 total/);
  });
});

describe('-t', () => {
  test('a file none of whose tests match opens no session; a file with a match opens its clients as usual', () => {
    expect(outputOfFile(filtered, 'a.test.js')).toMatch(/^PASS/);
    const starts = eventsOf(path.join(project.dir, 'events.log')).filter((e) => e.startsWith('start '));
    expect(starts.map((e) => e.split(' ')[1]).sort()).toEqual(['broken', 'store', 'store']);
    expect(seenDirs(project).map((d) => d.file)).toEqual(['a']);
    expect(outputOfFile(filtered, 'top.test.js')).toMatch(/^PASS/);
    expectCleanExit(filtered);
    expectNoLeftovers(project);
  });

  test('a client that cannot open fails its file once, as a failed setup does; used at the top of the file it says why', () => {
    const late = outputOfFile(filtered, 'late.test.js');
    expect(late).toMatch(/^FAIL/);
    expect(late.match(/could not open MCP client "broken"/g)).toHaveLength(1);
    expect(late).not.toMatch(/must not run/);
    expect(filtered.output).toMatch(/Test Suites: 1 failed, 1 skipped, 2 passed, 3 of 4 total/);
  });
});
