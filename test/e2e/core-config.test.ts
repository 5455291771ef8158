import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { CORE_STDIO, node, whoamiOf } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { NEVER_RUNS, envOptions } from '../helpers/test-files';

/**
 * The configuration contract: invalid configs and missing variables fail only their own file
 * with a message naming the client, the key and what was expected; `.env` (and a custom
 * `envFile`) supply `${VAR}`, the environment winning; `@mcp-clients` opens only the clients it
 * names (seen from the servers' side too); `@jest-environment-options` replaces the project's
 * `mcp` for its file. Two projects, run side by side.
 */
let project: Project;
let events: string;
let bare: Project;
let run: JestRun;
let bareRun: JestRun;

beforeAll(async () => {
  project = createProject({});
  events = path.join(project.dir, 'events.log');
  const server = (tag: string) => node(CORE_STDIO, tag, events, project.marker);
  project.write('.env', 'CORE_FROM_DOTENV=dotenv-value\nCORE_BOTH=from-dotenv\n');
  project.write('config/custom.env', 'CORE_FROM_CUSTOM=custom-value\n');
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        clients: {
          ok: { ...server('ok'), env: { A: '${CORE_FROM_DOTENV}', B: '${CORE_BOTH}' } },
          a: server('a'),
          b: server('b'),
          c: server('c'),
        },
      },
    },
  });

  // Invalid configurations, each in a file of its own.
  project.write(
    'bad-transport.test.js',
    envOptions({ clients: { notes: { url: 'http://127.0.0.1:1/mcp', transport: 'htpp' } } }) + NEVER_RUNS,
  );
  project.write('bad-neither.test.js', envOptions({ clients: { empty: { timeouts: { connect: 1 } } } }) + NEVER_RUNS);
  project.write('bad-args.test.js', envOptions({ clients: { fs: { command: 'node', args: '--stdio' } } }) + NEVER_RUNS);
  project.write('bad-key.test.js', envOptions({ clients: { notes: { url: 'http://127.0.0.1:1/mcp', colour: 'red' } } }) + NEVER_RUNS);
  project.write(
    'missing-var.test.js',
    envOptions({ clients: { alice: { url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer ${CORE_UNSET_TOKEN}' } } } }) +
      NEVER_RUNS,
  );
  project.write(
    'missing-envfile.test.js',
    envOptions({ envFile: 'config/nope.env', clients: { x: { url: 'http://127.0.0.1:1/mcp' } } }) + NEVER_RUNS,
  );

  // .env and envFile.
  project.write(
    'env.test.js',
    `/** @mcp-clients ok */
    test('.env supplies variables; the environment wins over it', async () => {
      expect(${whoamiOf('ok', ['A', 'B'])}.env).toEqual({ A: 'dotenv-value', B: 'from-env' });
    });`,
  );
  project.write(
    'custom-env.test.js',
    envOptions({
      envFile: 'config/custom.env',
      clients: { custom: { ...server('custom'), env: { C: '${CORE_FROM_CUSTOM}' } } },
    }) +
      `test('a custom envFile supplies variables', async () => {
        expect(${whoamiOf('custom', ['C'])}.env).toEqual({ C: 'custom-value' });
      });`,
  );

  // Choosing clients per file.
  project.write(
    'pick.test.js',
    `/**
      * @mcp-clients c, a
      */
    test('only the named clients, in declaration order', async () => {
      expect(Object.keys(mcpClients)).toEqual(['a', 'c']);
      expect(mcpClients.b).toBeUndefined();
      expect(${whoamiOf('a', [])}.tag).toBe('a');
      expect(${whoamiOf('c', [])}.tag).toBe('c');
    });`,
  );
  project.write(
    'space.test.js',
    `/** @mcp-clients b c */
    test('space-separated names', async () => {
      expect(Object.keys(mcpClients)).toEqual(['b', 'c']);
      await mcpClients.b.ping();
    });`,
  );
  project.write('unknown-name.test.js', `/** @mcp-clients a, nope */\n${NEVER_RUNS}`);
  project.write(
    'replaced.test.js',
    envOptions({ clients: { solo: server('solo') } }) +
      `test("the docblock's mcp replaces the project's", async () => {
        expect(Object.keys(mcpClients)).toEqual(['solo']);
        expect(${whoamiOf('solo', [])}.tag).toBe('solo');
      });`,
  );

  // A project without any .env: variables with defaults, no error about the missing file.
  bare = createProject({
    'bare.test.js': `test('no .env is fine', async () => {
      expect(${whoamiOf('x', ['D'])}.env).toEqual({ D: 'fallback' });
    });`,
  });
  bare.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: { clients: { x: { ...node(CORE_STDIO, 'x', '-', bare.marker), env: { D: '${CORE_NOT_SET_ANYWHERE:-fallback}' } } } },
    },
  });

  [run, bareRun] = await Promise.all([
    runJest(project.dir, { args: ['--maxWorkers=2'], env: { CORE_BOTH: 'from-env' } }),
    runJest(bare.dir),
  ]);
});

afterAll(() => {
  project?.remove();
  bare?.remove();
});

const section = (file: string) => outputOfFile(run, file);

const CLIENTS = 'testEnvironmentOptions\\.mcp\\.clients';

test('each invalid config fails only its own file, naming the client, the key and what was expected', () => {
  expect(section('bad-transport.test.js')).toMatch(
    new RegExp(
      `FAIL[\\s\\S]*invalid configuration:\\s+- ${CLIENTS}\\.notes\\.transport: unknown transport string "htpp"; expected one of streamable-http, sse, stdio`,
    ),
  );
  expect(section('bad-neither.test.js')).toMatch(
    new RegExp(
      `FAIL[\\s\\S]*${CLIENTS}\\.empty: has neither \`url\` \\(Streamable HTTP or SSE\\) nor \`command\` \\(stdio\\) nor \`module\` \\(a server module, in process\\); set one of them`,
    ),
  );
  expect(section('bad-args.test.js')).toMatch(
    new RegExp(`FAIL[\\s\\S]*${CLIENTS}\\.fs\\.args: expected an array of strings, got string "--stdio"`),
  );
  expect(section('bad-key.test.js')).toMatch(
    new RegExp(`FAIL[\\s\\S]*${CLIENTS}\\.notes\\.colour: unknown key; expected one of url, headers, auth`),
  );
  // Each problem is shown once (Jest would print a multi-line stack's lines again as frames).
  expect(section('bad-key.test.js').split('testEnvironmentOptions.mcp.clients.notes.colour: unknown key').length - 1).toBe(1);
  expect(run.output).not.toMatch(/should not run/);
});

test('a missing variable names the variable and the client key that uses it', () => {
  expect(section('missing-var.test.js')).toMatch(
    new RegExp(
      `FAIL[\\s\\S]*missing environment variables:\\s+- ${CLIENTS}\\.alice\\.headers\\.Authorization uses \\$\\{CORE_UNSET_TOKEN\\}, which is not set`,
    ),
  );
  expect(section('missing-var.test.js')).toMatch(/Set them in the environment or .*\.env/);
});

test('an envFile that is set must exist', () => {
  expect(section('missing-envfile.test.js')).toMatch(
    /FAIL[\s\S]*cannot read the env file \S*config\/nope\.env \(testEnvironmentOptions\.mcp\.envFile\)/,
  );
});

test('.env supplies ${VAR}, the environment wins, a custom envFile works, no .env is fine', () => {
  expect(section('env.test.js')).toMatch(/^PASS/);
  expect(section('custom-env.test.js')).toMatch(/^PASS/);
  expect(bareRun.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(bareRun.code).toBe(0);
});

test('@mcp-clients opens only the named clients; an unknown name lists the configured ones', () => {
  expect(section('pick.test.js')).toMatch(/^PASS/);
  expect(section('space.test.js')).toMatch(/^PASS/);
  expect(section('unknown-name.test.js')).toMatch(
    /FAIL[\s\S]*@mcp-clients names "nope", which is not configured\. Configured clients: ok, a, b, c \(testEnvironmentOptions\.mcp\.clients\)/,
  );
});

test('@jest-environment-options replaces the project mcp for its file', () => {
  expect(section('replaced.test.js')).toMatch(/^PASS/);
});

test('from the servers side: each server started only by the files that named it', () => {
  const starts = fs
    .readFileSync(events, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('start '))
    .map((l) => l.split(' ')[1]);
  const count = (tag: string) => starts.filter((t) => t === tag).length;
  // a: pick; b: space; c: pick + space; ok: env; custom and solo: their own files. The
  // unknown-name file started nothing.
  expect({ a: count('a'), b: count('b'), c: count('c'), ok: count('ok'), custom: count('custom'), solo: count('solo') }).toEqual({
    a: 1,
    b: 1,
    c: 2,
    ok: 1,
    custom: 1,
    solo: 1,
  });
});

test('the totals: only the broken files failed; Jest exits by itself and leaves nothing', () => {
  expect(run.output).toMatch(/Test Suites:\s+7 failed, 5 passed, 12 total/);
  expect(run.output).toMatch(/Tests:\s+5 passed, 5 total/);
  expect(run.code).toBe(1);
  expectCleanExit(run);
  expectCleanExit(bareRun);
  expectNoLeftovers(project);
  expectNoLeftovers(bare);
});
