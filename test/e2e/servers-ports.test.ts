import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { IMPOSTOR, SLOW_BINDER, freePort, node, serverLog } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A server of `mcp.servers` is ready only when the process that answers its readiness check is
 * the one jest-mcp started. Here another project's MCP server (the impostor) takes the port
 * first: it already listens on a fixed `port`, or it binds the port while the server is still
 * starting (slow-binder.js announces its port and binds 1-1.5 s later), be the port fixed or one
 * jest-mcp picked and let go. Each case is its own Jest run; they run side by side.
 */

/** Known to jest-mcp (a `${VAR}` of the server's args), and on the impostor's command line too. */
const TOKEN = 'tok-4f1c9a7e2b';
/** Not known to jest-mcp: hidden because its flag's name says it is a secret. */
const API_KEY = 'key-77d2e0c5aa';

interface Impostor {
  child: ChildProcess;
  /** Resolves once it listens, or waits for a port to take: loaded, it wins any race for a port. */
  ready: Promise<void>;
  /** Resolves with the port once it listens. */
  listening: Promise<number>;
  stop(): Promise<void>;
}

function startImpostor(args: string[]): Impostor {
  const child = spawn(process.execPath, [IMPOSTOR, ...args, '--token', TOKEN, '--api-key', API_KEY], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let seen = '';
  const said = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const found = pattern.exec(seen);
        if (found) resolve(found);
      };
      child.stdout!.on('data', look);
      child.once('exit', (code) => reject(new Error(`the impostor exited with ${code} before it said ${pattern}`)));
    });
  child.stdout!.on('data', (d: Buffer) => (seen += d));
  const listening = said(/listening (\d+)/).then((found) => Number(found[1]));
  const ready = said(/waiting|listening/).then(() => {});
  listening.catch(() => {});
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, ready, listening, stop };
}

const TEST_FILE = `
test('talks to the server jest-mcp started', async () => {
  const me = JSON.parse((await mcpClients.s.callTool({ name: 'whoami', arguments: {} })).content[0].text);
  expect(me.server).toBe('slow-binder');
});
`;

interface Case {
  project: Project;
  impostor: Impostor;
  /** Where the slow binder writes each port it is started on. */
  announce: string;
  run: JestRun;
}

/** A project with one server `s`, and the impostor beside it. */
async function runCase(
  server: (c: { marker: string; announce: string }) => object,
  impostorArgs: (announce: string) => string[],
): Promise<Case> {
  const project = createProject({ 'a.test.js': TEST_FILE });
  const announce = path.join(project.dir, 'ports.txt');
  const impostor = startImpostor(impostorArgs(announce));
  await impostor.ready;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { servers: { s: server({ marker: project.marker, announce }) }, clients: { s: { server: 's' } } } },
  });
  const run = await runJest(project.dir, { env: { API_TOKEN: TOKEN } });
  return { project, impostor, announce, run };
}

const slowBinder = (announce: string, marker: string, ms: number, ...flags: string[]) =>
  node(
    SLOW_BINDER,
    '--port',
    '${PORT}',
    '--announce',
    announce,
    '--bind-after-ms',
    String(ms),
    ...flags,
    '--token',
    '${API_TOKEN}',
    marker,
  );

const announced = (c: Case) =>
  fs.existsSync(c.announce) ? fs.readFileSync(c.announce, 'utf8').split('\n').filter(Boolean).map(Number) : [];

const cases: Record<string, Case> = {};
let ports: Record<string, number>;

beforeAll(async () => {
  ports = { lost: await freePort(), taken: await freePort() };
  const taken = startImpostor(['--port', String(ports.taken)]);
  await taken.ready;
  const [lost, picked, everyPort, alreadyTaken] = await Promise.all([
    // A fixed port, taken while the server starts; the server waits for its port to be free.
    runCase(
      ({ marker, announce }) => ({ ...slowBinder(announce, marker, 1500, '--retry-bind'), port: ports.lost }),
      (announce) => ['--port-from', announce],
    ),
    // A port jest-mcp picked, taken while the server starts; the server exits on EADDRINUSE, and
    // runs behind `sh -c`: its socket belongs to a member of its process group, not to the
    // process jest-mcp started.
    runCase(
      ({ marker, announce }) => {
        const { command, args } = slowBinder(announce, marker, 1000);
        return { command: 'sh', args: ['-c', `"$0" "$@"; exit`, command, ...args] };
      },
      (announce) => ['--port-from', announce],
    ),
    // Every port jest-mcp picks is taken while the server starts.
    runCase(
      ({ marker, announce }) => slowBinder(announce, marker, 1000),
      (announce) => ['--port-from', announce, '--every'],
    ),
    // A fixed port that another process holds already (the same impostor args, kept for the check).
    (async () => {
      const project = createProject({ 'a.test.js': TEST_FILE });
      const announce = path.join(project.dir, 'ports.txt');
      project.writeConfig({
        preset: 'jest-mcp',
        testEnvironmentOptions: {
          mcp: { servers: { s: { ...slowBinder(announce, project.marker, 0), port: ports.taken } }, clients: { s: { server: 's' } } },
        },
      });
      const run = await runJest(project.dir, { env: { API_TOKEN: TOKEN } });
      return { project, impostor: taken, announce, run };
    })(),
  ]);
  Object.assign(cases, { lost, picked, everyPort, alreadyTaken });
});

afterAll(async () => {
  for (const c of Object.values(cases)) {
    await c.impostor.stop();
    c.project.remove();
  }
});

function expectNoSecrets(run: JestRun): void {
  expect(run.output).not.toContain(TOKEN);
  expect(run.output).not.toContain(API_KEY);
}

/** The impostor's command line as an error shows it: its secrets hidden. */
function impostorLine(c: Case, args: string): string {
  return `pid ${c.impostor.child.pid} (${process.execPath} ${IMPOSTOR} ${args} --token [redacted] --api-key [redacted])`;
}

test('a fixed port taken while the server starts fails the run at once, naming the process that holds it', async () => {
  const c = cases.lost;
  const port = await c.impostor.listening;
  expect(port).toBe(ports.lost);
  expect(c.run.output).toContain(
    `MCP server "s" (testEnvironmentOptions.mcp.servers.s) did not start: another process answered on port ${port} on 127.0.0.1, ` +
      `not the server jest-mcp started: ${impostorLine(c, `--port-from ${c.announce}`)}`,
  );
  expect(c.run.output).toContain(
    `What to do: Stop that process, or set testEnvironmentOptions.mcp.servers.s.port to a port nothing else uses (or leave it out: jest-mcp then picks a free one).`,
  );
  expect(c.run.output).not.toMatch(/Tests:|PASS|FAIL|talks to/);
  expect(c.run.code).toBe(1);
  expectNoSecrets(c.run);
  expectCleanExit(c.run);
  expectNoLeftovers(c.project, { except: [c.impostor.child] });
  // The other project's server is not jest-mcp's to stop.
  expect(c.impostor.child.exitCode).toBeNull();
});

test('a port jest-mcp picked, taken while the server starts: it starts the server again on another port', async () => {
  const c = cases.picked;
  const port = await c.impostor.listening;
  const [first, second, ...more] = announced(c);
  expect(first).toBe(port);
  expect(second).not.toBe(port);
  expect(more).toEqual([]);
  expect(c.run.stderr).toContain(
    `jest-mcp: MCP server "s": another process took port ${port} before the server listened there ` +
      `(${impostorLine(c, `--port-from ${c.announce}`)}); starting it again on port ${second}.`,
  );
  expect(c.run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(c.run.code).toBe(0);
  expect(serverLog(c.project, 's')).toContain(`listening on http://127.0.0.1:${second}/mcp`);
  expectNoSecrets(c.run);
  expectCleanExit(c.run);
  expectNoLeftovers(c.project, { except: [c.impostor.child] });
  expect(c.impostor.child.exitCode).toBeNull();
});

test('jest-mcp gives up after the third port it picked was taken', () => {
  const c = cases.everyPort;
  const ports = announced(c);
  expect(new Set(ports).size).toBe(3);
  expect(c.run.stderr.match(/another process took port \d+ before the server listened there/g)).toHaveLength(2);
  expect(c.run.output).toContain(
    `MCP server "s" (testEnvironmentOptions.mcp.servers.s) did not start: another process took each port jest-mcp picked for it ` +
      `(${ports.join(', ')}) before it listened there; the last: ${impostorLine(c, `--port-from ${c.announce} --every`)}`,
  );
  expect(c.run.output).toContain('What to do: Find what binds free ports on 127.0.0.1 while Jest starts');
  expect(c.run.output).not.toMatch(/Tests:|PASS|FAIL|talks to/);
  expect(c.run.code).toBe(1);
  expectNoSecrets(c.run);
  expectCleanExit(c.run);
  expectNoLeftovers(c.project, { except: [c.impostor.child] });
});

test('a fixed port that another process already holds fails the run before the server is started', () => {
  const c = cases.alreadyTaken;
  const failure = new RegExp(
    `MCP server "s" \\(testEnvironmentOptions\\.mcp\\.servers\\.s\\) did not start: port ${ports.taken} on 127\\.0\\.0\\.1 is already in use by another process: (.*) \\(after (\\d+(?:\\.\\d+)?) s\\)`,
  ).exec(c.run.output);
  expect(failure?.[1]).toBe(impostorLine(c, `--port ${ports.taken}`));
  // Not started, so not waited for (readyTimeout is 30 s).
  expect(Number(failure?.[2])).toBeLessThan(5);
  expect(announced(c)).toEqual([]);
  expect(c.run.code).toBe(1);
  expectNoSecrets(c.run);
  expectCleanExit(c.run);
  expectNoLeftovers(c.project, { except: [c.impostor.child] });
});
