import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { CORE_STDIO, node } from '../helpers/fixtures';
import { type JestRun, runCommand, runJest } from '../helpers/jest-process';
import { REPO, createProject, type Project } from '../helpers/project';

/**
 * A file's close does not wait for its stdio server to exit: the session is closed (stdin EOF)
 * in teardown, and the server's exit is awaited in the background while the worker runs its next
 * file. The worker still does not exit before its stops are done, nothing is left running, and a
 * server that had to be signalled (SIGTERM) or killed (SIGKILL) is reported on Jest's output.
 * Every server appends its events (start, stdin-close, sigterm, exit) to one file per project.
 */

let overlap: Project;
let stubborn: Project;
let forced: Project;
let overlapRun: JestRun;
let stubbornRun: JestRun;
let forcedRun: JestRun;

/** [event, tag, ms] of one project's servers, in the order they happened. */
function events(project: Project): Array<[string, string, number]> {
  return project
    .lines('events.log')
    .map((line) => line.split(' '))
    .map((parts) => [parts[0], parts[1], Number(parts[parts.length - 1])] as [string, string, number])
    .sort((x, y) => x[2] - y[2]);
}

const at = (project: Project, event: string, tag: string) => events(project).find(([e, t]) => e === event && t === tag)?.[2];

beforeAll(async () => {
  overlap = createProject({
    // The larger file runs first (Jest's order without timings): its server closes before `next` runs.
    'first.test.js': `// ${'padding so that this file is the larger one. '.repeat(40)}
      test('the server answers', async () => {
        await mcpClients.slow.ping();
      });`,
    'next.test.js': `/** @mcp-clients */
      test('the next file runs', () => {
        require('node:fs').writeFileSync('next-started.txt', String(Date.now()));
      });`,
  });
  overlap.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      // A shutdown timer, like server-everything's 350 ms, but long enough to outlast the next
      // file and the end of the run on a loaded machine; well within the stdin wait (5.7 s of
      // timeouts.close).
      mcp: {
        timeouts: { close: 20 },
        clients: { slow: node(CORE_STDIO, 'slow', path.join(overlap.dir, 'events.log'), '--exit-delay', '4000', overlap.marker) },
      },
    },
  });

  stubborn = createProject({
    'term.test.js': `/** @mcp-clients term */\ntest('answers', async () => { await mcpClients.term.ping(); });`,
    'kill.test.js': `/** @mcp-clients kill */\ntest('answers', async () => { await mcpClients.kill.ping(); });`,
  });
  const log = path.join(stubborn.dir, 'events.log');
  stubborn.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        timeouts: { close: 1 },
        clients: {
          term: node(CORE_STDIO, 'term', log, '--ignore-eof', stubborn.marker),
          kill: node(CORE_STDIO, 'kill', log, '--ignore-eof', '--ignore-sigterm', stubborn.marker),
        },
      },
    },
  });

  forced = createProject({
    'kill.test.js': `/** @mcp-clients kill */\ntest('answers', async () => { await mcpClients.kill.ping(); });`,
    'other.test.js': `/** @mcp-clients */\ntest('runs', () => {});`,
  });
  forced.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        // Each wait of the stop is 2.8 s: far longer than Jest gives a worker to be gone.
        timeouts: { close: 10 },
        clients: { kill: node(CORE_STDIO, 'kill', path.join(forced.dir, 'events.log'), '--ignore-eof', '--ignore-sigterm', forced.marker) },
      },
    },
  });
  // Jest's own 500 ms for a worker to exit (the shared helper gives 3 s).
  const jest = path.join(REPO, 'node_modules/jest/bin/jest.js');
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', JEST_WORKER_ID: undefined };
  [overlapRun, stubbornRun, forcedRun] = await Promise.all([
    runJest(overlap.dir, { args: ['-i'] }),
    runJest(stubborn.dir, { args: ['--maxWorkers=2'] }),
    runCommand(
      process.execPath,
      [jest, '--ci', '--colors=false', '--maxWorkers=2', '--workerGracefulExitTimeout=500'],
      forced.dir,
      env,
      90_000,
    ),
  ]);
}, 120_000);

afterAll(() => {
  overlap?.remove();
  stubborn?.remove();
  forced?.remove();
});

describe('a server with a shutdown timer', () => {
  test("the next file runs while the last file's server is still exiting", () => {
    expect(overlapRun.output).toMatch(/Tests:\s+2 passed, 2 total/);
    const next = Number(fs.readFileSync(path.join(overlap.dir, 'next-started.txt'), 'utf8'));
    const closed = at(overlap, 'stdin-close', 'slow')!;
    const exited = at(overlap, 'exit', 'slow')!;
    expect(closed).toBeLessThan(next);
    expect(next).toBeLessThan(exited);
  });

  // In band: the global teardown waits for it, or Jest would warn that it "did not exit one second after the test run".
  test('it exits by itself, unsignalled and unreported, and Jest exits cleanly after it', () => {
    expect(events(overlap).map(([event]) => event)).toEqual(['start', 'stdin-close', 'exit']);
    expect(overlapRun.output).not.toMatch(/did not exit within/);
    expectCleanExit(overlapRun);
    expectNoLeftovers(overlap);
  });
});

describe('servers that ignore the end of their stdin, stopped in the background', () => {
  test('their files pass: the stop is not the file’s failure', () => {
    expect(stubbornRun.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(stubbornRun.code).toBe(0);
  });

  test('one that exits on SIGTERM is reported as signalled', () => {
    expect(
      events(stubborn)
        .filter(([, tag]) => tag === 'term')
        .map(([event]) => event),
    ).toEqual(['start', 'stdin-close', 'sigterm', 'exit']);
    expect(stubbornRun.output).toMatch(
      /jest-mcp: the server of mcpClients\.term \(stdio: \S+ \S+core-stdio\.js term .*\) did not exit within 0\.2\d* s of its stdin closing and was stopped with SIGTERM\. An MCP stdio server should exit when its stdin closes/,
    );
  });

  test('one that ignores SIGTERM too is reported as killed', () => {
    expect(
      events(stubborn)
        .filter(([, tag]) => tag === 'kill')
        .map(([event]) => event),
    ).toEqual(['start', 'stdin-close', 'sigterm']);
    expect(stubbornRun.output).toMatch(
      /jest-mcp: the server of mcpClients\.kill \(stdio: .*\) did not exit within 0\.2\d* s of its stdin closing, nor within 0\.2\d* s of SIGTERM, and was killed \(SIGKILL\)\./,
    );
  });

  test('the workers waited for their stops: Jest exits cleanly, nothing is left', () => {
    expectCleanExit(stubbornRun);
    expectNoLeftovers(stubborn);
  });
});

describe('a stop still under way when Jest forces the worker out', () => {
  test('the server is killed with the worker and reported, not lost', () => {
    expect(forcedRun.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(forcedRun.output).toMatch(
      /jest-mcp: the server of mcpClients\.kill \(stdio: .*\) was still stopping when this process ended, and was killed \(SIGKILL\)\./,
    );
    expect(events(forced).map(([event]) => event)).toEqual(['start', 'stdin-close']);
    expectNoLeftovers(forced);
  });
});
