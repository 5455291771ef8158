import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { RUN_HTTP, node, serverLog } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `mcp.servers`: started once per run by the preset's global setup, ready (a real MCP
 * handshake) before any test, shared by every worker, stopped after the last test file. Covers
 * both transports, the port handed over in args and in env, a custom path and log directory,
 * and a server started through `sh -c`, whose real server (a grandchild) must be stopped too.
 */
const CANARY = `canary-server-${Date.now()}-s3cr3t`;

let project: Project;
let run: JestRun;

interface Who {
  pid: number;
  ppid: number;
  port: number;
  sessionsOpened: number;
}
interface Result {
  file: string;
  workerPid: number;
  jestPid: number;
  who: Record<string, Who>;
}

const testFile = (name: string, extra = '') => `
  const fs = require('fs');
  const who = async (client) => JSON.parse((await client.callTool({ name: 'whoami', arguments: {} })).content[0].text);
  test('${name} reaches every server', async () => {
    const result = { file: '${name}', workerPid: process.pid, jestPid: process.ppid, who: {} };
    for (const name of ['notes', 'envport', 'tree', 'legacy']) result.who[name] = await who(mcpClients[name]);
    // Started by Jest's main process, not by this worker; the sh -c server's parent is sh.
    expect(result.who.notes.ppid).toBe(process.ppid);
    expect(result.who.tree.ppid).not.toBe(process.ppid);
    fs.mkdirSync(__dirname + '/results', { recursive: true });
    fs.writeFileSync(__dirname + '/results/${name}.json', JSON.stringify(result));
    // Keep both workers busy for a moment, so that the files are spread over them.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  ${extra}
`;

beforeAll(async () => {
  project = createProject({
    'a.test.js': testFile('a'),
    'b.test.js': testFile('b'),
    'c.test.js': testFile(
      'c',
      `test('a server client opened inside a test', async () => {
        const { withMcpClient } = require('jest-mcp');
        const tools = await withMcpClient({ server: 'notes' }, (c) => c.listTools());
        expect(tools).toHaveTool('whoami');
      });`,
    ),
  });
  const m = project.marker;
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        logDir: 'server-logs',
        servers: {
          notes: node(RUN_HTTP, '--port', '${PORT}', `${m}-notes`),
          envport: {
            ...node(RUN_HTTP, '--path', '/custom', `${m}-envport`),
            env: { RUN_HTTP_PORT: '${PORT}', TOKEN: '${CANARY}' },
            path: '/custom',
          },
          tree: { command: 'sh', args: ['-c', '"$0" "$1" --port ${PORT} "$2" & wait', process.execPath, RUN_HTTP, `${m}-tree`] },
          legacy: { ...node(RUN_HTTP, '--sse', '--port', '${PORT}', `${m}-legacy`), transport: 'sse' },
        },
        clients: {
          notes: { server: 'notes' },
          envport: { server: 'envport', headers: { Authorization: 'Bearer ${CANARY}' } },
          tree: { server: 'tree' },
          legacy: { server: 'legacy' },
        },
      },
    },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { CANARY } });
});

afterAll(() => project?.remove());

const results = (): Result[] =>
  ['a', 'b', 'c'].map((f) => JSON.parse(fs.readFileSync(path.join(project.dir, 'results', `${f}.json`), 'utf8')) as Result);
const log = (name: string) => serverLog(project, name, 'server-logs');

test('every test passes, with each server reached from every file', () => {
  expect(run.output).toMatch(/Tests:\s+4 passed, 4 total/);
  expect(run.code).toBe(0);
});

test('one process per server, shared by every worker', () => {
  const all = results();
  const workers = new Set(all.map((r) => r.workerPid));
  expect(workers.size).toBe(2);
  for (const name of ['notes', 'envport', 'tree', 'legacy']) {
    const pids = new Set(all.map((r) => r.who[name].pid));
    expect(pids.size).toBe(1);
    expect(workers.has([...pids][0])).toBe(false);
  }
  // Each server got its own port, handed over in args (notes, tree, legacy) or env (envport).
  const ports = new Set(['notes', 'envport', 'tree', 'legacy'].map((n) => all[0].who[n].port));
  expect(ports.size).toBe(4);
});

test('readiness is one real MCP session, ended again; every session is closed', () => {
  // 1 readiness handshake + 3 files + 1 withMcpClient.
  const notes = log('notes');
  expect(notes.filter((l) => l.startsWith('session opened'))).toHaveLength(5);
  expect(notes.filter((l) => l.startsWith('session closed'))).toHaveLength(5);
  expect(notes[1]).toMatch(/^session opened/);
  expect(notes[2]).toMatch(/^session closed/);
  const legacy = log('legacy');
  expect(legacy[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/sse \(sse\)$/);
  expect(legacy.filter((l) => l.startsWith('session opened'))).toHaveLength(4);
  expect(log('envport')[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/custom$/);
});

test('servers are stopped gracefully at the end, the sh -c grandchild too', () => {
  for (const name of ['notes', 'envport', 'tree', 'legacy']) expect(log(name)).toContain('got SIGTERM, exiting');
});

test('Jest exits by itself, nothing is left behind, secrets stay secret', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
  expect(run.output).not.toContain(CANARY);
});
