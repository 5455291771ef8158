import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { RUN_HTTP, holdPort, node, serverLog } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A server that cannot start stops the run before any test: one error naming the server, its
 * command, the cause and the tail of its log, and nothing left running: not the failed server,
 * not the servers started before it. Each case is its own Jest run; they run side by side.
 */
interface Case {
  project: Project;
  run: JestRun;
}

/**
 * A project whose servers are a healthy one, declared first (it must be stopped when the next one
 * fails), and `bad`, made by `bad(marker)`.
 */
function serverProject(bad: (marker: string) => object, clients: object = {}): Project {
  const project = createProject({ 'a.test.js': `test('never runs', async () => { await mcpClients.ok.ping(); });` });
  const m = project.marker;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: { ok: node(RUN_HTTP, '--port', '${PORT}', `${m}-ok`), bad: bad(m) },
        clients: { ok: { server: 'ok' }, ...clients },
      },
    },
  });
  return project;
}

let blocker: { port: number; close(): Promise<void> };
const cases: Record<string, Case> = {};

beforeAll(async () => {
  blocker = await holdPort();
  const projects: Record<string, Project> = {
    exits: serverProject((m) => node(RUN_HTTP, '--exit-at-start', '3', `${m}-bad`)),
    never: serverProject((m) => ({
      ...node(RUN_HTTP, '--never-listen', '--ignore-sigterm', `${m}-bad`),
      // Long enough for node to reach the script at load (CI once killed it before it printed a line).
      readyTimeout: 4,
      stopTimeout: 0.5,
    })),
    notMcp: serverProject((m) => node(RUN_HTTP, '--plain-404', '--port', '${PORT}', `${m}-bad`)),
    portTaken: serverProject((m) => ({ ...node(RUN_HTTP, '--port', '${PORT}', `${m}-bad`), port: blocker.port })),
    config: serverProject((m) => ({ ...node(RUN_HTTP, `${m}-bad`), port: 0, colour: 'red', transport: 'stdio' }), {
      typo: { server: 'nope' },
      both: { server: 'ok', url: 'http://127.0.0.1:1/mcp' },
    }),
  };
  await Promise.all(
    Object.entries(projects).map(async ([name, project]) => {
      cases[name] = { project, run: await runJest(project.dir) };
    }),
  );
});

afterAll(async () => {
  for (const { project } of Object.values(cases)) project.remove();
  await blocker?.close();
});

function expectStoppedBeforeAnyTest({ project, run }: Case): void {
  expect(run.code).toBe(1);
  expect(run.output).not.toMatch(/Tests:|PASS|FAIL|never runs/);
  expectCleanExit(run);
  expectNoLeftovers(project);
}

function expectServerError({ project, run }: Case, cause: RegExp, tail?: string[]): void {
  expect(run.output.match(/did not start/g)).toHaveLength(1);
  expect(run.output).toMatch(
    new RegExp(`MCP server "bad" \\(testEnvironmentOptions\\.mcp\\.servers\\.bad\\) did not start: ${cause.source}`),
  );
  expect(run.output).toContain(`Command: ${process.execPath} ${RUN_HTTP}`);
  const log = path.join(project.dir, '.jest-mcp/logs/bad.log');
  if (tail) {
    expect(run.output).toContain(`Its output (last lines of ${log}):`);
    for (const line of tail) expect(run.output).toMatch(new RegExp(`^ {4}${line}$`, 'm'));
  }
  // The healthy server started before it was stopped again, gracefully.
  expect(serverLog(project, 'ok')).toContain('got SIGTERM, exiting');
}

test('a server that exits at start', () => {
  const c = cases.exits;
  expectServerError(c, /the server process exited with code 3 before it was ready/, ['fatal: DATABASE_URL is not set, cannot start']);
  expect(c.run.output).toContain('What to do: Its output below usually says why.');
  expectStoppedBeforeAnyTest(c);
});

test('a server that never becomes ready within readyTimeout (and ignores SIGTERM)', () => {
  const c = cases.never;
  expectServerError(
    c,
    /it did not complete an MCP handshake within readyTimeout \(4 s, \d+ attempts\); the last attempt: connection refused/,
    ['warming up', 'ignoring SIGTERM'],
  );
  expect(c.run.output).toMatch(/What to do: Make it listen on 127\.0\.0\.1 port \d+ \(\$\{HOST\} and \$\{PORT\}/);
  expect(c.run.output).toContain('MCP server "bad" did not stop within 0.5 s of SIGTERM and was killed (SIGKILL)');
  expectStoppedBeforeAnyTest(c);
});

test('a server that answers HTTP but not MCP fails the handshake at once', () => {
  const c = cases.notMcp;
  expectServerError(c, /it answered at http:\/\/127\.0\.0\.1:\d+\/mcp, but the MCP handshake failed: HTTP 404 Not Found/, [
    'plain-404: POST /mcp',
  ]);
  expect(c.run.output).toContain('Set testEnvironmentOptions.mcp.servers.bad.path (and .transport)');
  expectStoppedBeforeAnyTest(c);
});

test('a configured port that something else already uses', () => {
  const c = cases.portTaken;
  expectServerError(c, /port \d+ on 127\.0\.0\.1 is already in use by another process/);
  expectStoppedBeforeAnyTest(c);
});

test('config errors are all listed at once, before anything starts', () => {
  const c = cases.config;
  const where = 'testEnvironmentOptions.mcp';
  for (const problem of [
    `${where}.servers.bad.colour: unknown key; expected one of command, args, env, cwd, port, path, transport, readyHeaders, readyTimeout, stopTimeout, output`,
    `${where}.servers.bad.port: expected a port number (1-65535), got number 0`,
    `${where}.servers.bad.transport: unknown transport string "stdio"; expected one of streamable-http, sse`,
    `${where}.clients.typo.server: names server "nope", which is not configured; configured servers: ok, bad (${where}.servers)`,
    `${where}.clients.both.url: a client with \`server\` gets its URL from the server; remove \`url\``,
  ]) {
    expect(c.run.output).toContain(problem);
  }
  expect(serverLog(c.project, 'ok')).toEqual([]);
  expectStoppedBeforeAnyTest(c);
});
