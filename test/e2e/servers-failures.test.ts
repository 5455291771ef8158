import * as net from 'node:net';
import * as path from 'node:path';
import { linesOf, processesIn } from '../helpers/jest-process';
import { HANG_WARNINGS, createProject, processesWith, runJest, type JestRun, type Project } from '../helpers/project';

/**
 * A server that cannot start stops the run before any test: one error naming the server, its
 * command, the cause and the tail of its log, and nothing left running: not the failed server,
 * not the servers started before it. Each case is its own Jest run; they run side by side.
 */
const RUN = require.resolve('../servers/run-http.js');
const NODE = JSON.stringify(process.execPath);

interface Case {
  project: Project;
  run: JestRun;
}

function serverProject(servers: (marker: string) => string, clients = ''): Project {
  const project = createProject({ 'a.test.js': `test('never runs', async () => { await mcpClients.ok.ping(); });` });
  project.write(
    'jest.config.js',
    `const RUN = ${JSON.stringify(RUN)};
    module.exports = { preset: 'jest-mcp', testEnvironmentOptions: { mcp: {
      servers: { ${servers(project.marker)} },
      clients: { ok: { server: 'ok' }, ${clients} },
    } } };`,
  );
  return project;
}

/** A healthy server declared first: it must be stopped when the next one fails. */
const healthy = (m: string) => `ok: { command: ${NODE}, args: [RUN, '--port', '\${PORT}', '${m}-ok'] },`;

let blocker: net.Server;
const cases: Record<string, Case> = {};

beforeAll(async () => {
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const takenPort = (blocker.address() as net.AddressInfo).port;
  const projects: Record<string, Project> = {
    exits: serverProject((m) => `${healthy(m)} bad: { command: ${NODE}, args: [RUN, '--exit-at-start', '3', '${m}-bad'] }`),
    never: serverProject(
      (m) =>
        `${healthy(m)} bad: { command: ${NODE}, args: [RUN, '--never-listen', '--ignore-sigterm', '${m}-bad'], readyTimeout: 1, stopTimeout: 0.5 }`,
    ),
    notMcp: serverProject((m) => `${healthy(m)} bad: { command: ${NODE}, args: [RUN, '--plain-404', '--port', '\${PORT}', '${m}-bad'] }`),
    portTaken: serverProject((m) => `${healthy(m)} bad: { command: ${NODE}, args: [RUN, '--port', '\${PORT}', '${m}-bad'], port: ${takenPort} }`),
    config: serverProject(
      (m) => `${healthy(m)} bad: { command: ${NODE}, args: [RUN, '${m}-bad'], port: 0, colour: 'red', transport: 'stdio' }`,
      `typo: { server: 'nope' }, both: { server: 'ok', url: 'http://127.0.0.1:1/mcp' }`,
    ),
  };
  await Promise.all(
    Object.entries(projects).map(async ([name, project]) => {
      cases[name] = { project, run: await runJest(project.dir) };
    }),
  );
});

afterAll(async () => {
  for (const { project } of Object.values(cases)) project.remove();
  await new Promise((resolve) => blocker?.close(resolve));
});

function expectStoppedBeforeAnyTest({ project, run }: Case): void {
  expect(run.code).toBe(1);
  expect(run.output).not.toMatch(/Tests:|PASS|FAIL|never runs/);
  for (const warning of HANG_WARNINGS) expect(run.output).not.toMatch(warning);
  expect(processesWith(project.marker)).toEqual([]);
  expect(processesIn(project.dir)).toEqual([]);
}

function expectServerError({ project, run }: Case, cause: RegExp, tail?: string[]): void {
  expect(run.output.match(/did not start/g)).toHaveLength(1);
  expect(run.output).toMatch(new RegExp(`MCP server "bad" \\(testEnvironmentOptions\\.mcp\\.servers\\.bad\\) did not start: ${cause.source}`));
  expect(run.output).toContain(`Command: ${process.execPath} ${RUN}`);
  const log = path.join(project.dir, '.jest-mcp/logs/bad.log');
  if (tail) {
    expect(run.output).toContain(`Its output (last lines of ${log}):`);
    for (const line of tail) expect(run.output).toMatch(new RegExp(`^ {4}${line}$`, 'm'));
  }
  // The healthy server started before it was stopped again, gracefully.
  expect(linesOf(path.join(project.dir, '.jest-mcp/logs/ok.log'))).toContain('got SIGTERM, exiting');
}

test('a server that exits at start', () => {
  const c = cases.exits;
  expectServerError(c, /the server process exited with code 3 before it was ready/, ['fatal: DATABASE_URL is not set, cannot start']);
  expect(c.run.output).toContain('What to do: Its output below usually says why.');
  expectStoppedBeforeAnyTest(c);
});

test('a server that never becomes ready within readyTimeout (and ignores SIGTERM)', () => {
  const c = cases.never;
  expectServerError(c, /it did not complete an MCP handshake within readyTimeout \(1 s, \d+ attempts\); the last attempt: connection refused/, [
    'warming up',
    'ignoring SIGTERM',
  ]);
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
  expect(linesOf(path.join(c.project.dir, '.jest-mcp/logs/ok.log'))).toEqual([]);
  expectStoppedBeforeAnyTest(c);
});
