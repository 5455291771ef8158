import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { RUN_HTTP, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * `mcp.servers` readiness for servers on SDK 2.x: one that speaks only 2026-07-28 (it rejects the
 * 2025 handshake), one that speaks both, and a 1.x server that speaks only 2025. With the 2.x client, jest-mcp's readiness probe
 * negotiates (`auto`), so both become ready, and the files' clients reach each in the era they ask
 * for. A 1.x project cannot speak to the 2026-only server: its run stops in global setup and says so.
 */
const V2 = require.resolve('../servers/v2-server.js');

let project: Project;
let run: JestRun;
let events: string;

const server = (eventsFile: string, marker: string, ...flags: string[]) =>
  node(V2, 'http', '--port', '${PORT}', '--events', eventsFile, ...flags, marker);

beforeAll(async () => {
  project = createProject({
    'eras.test.js': `
      const era = async (c) => (await c.callTool({ name: 'era', arguments: {} })).content[0].text;
      test('each client speaks the era it asked for', async () => {
        expect(await era(mcpClients.modernOnly)).toBe('modern');
        expect(await era(mcpClients.bothModern)).toBe('modern');
        expect(await era(mcpClients.bothLegacy)).toBe('legacy');
        expect(await mcpClients.old.listTools()).toHaveTool('whoami');
        expect(mcpClients.old.getProtocolEra()).toBe('legacy');
      });
    `,
  });
  events = path.join(project.dir, 'events.log');
  fs.writeFileSync(events, '');
  project.write(
    'package.json',
    JSON.stringify({ name: project.marker, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }),
  );
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: {
      mcp: {
        servers: {
          modern: server(events, project.marker, '--legacy', 'reject'),
          both: server(events, project.marker),
          old: node(RUN_HTTP, '--port', '${PORT}', project.marker),
        },
        clients: {
          modernOnly: { server: 'modern', protocol: '2026-07-28' },
          bothModern: { server: 'both', protocol: 'auto' },
          bothLegacy: { server: 'both', protocol: 'legacy' },
          old: { server: 'old', protocol: 'auto' },
        },
      },
    },
  });
  run = await runJest(project.dir);
});

afterAll(() => project?.remove());

test('a 2026-only, a dual-era and a 2025-only server all become ready, and each client gets its era', () => {
  expect(outputOfFile(run, 'eras.test.js')).toMatch(/^PASS/);
  expect(run.code).toBe(0);
  // The readiness probes negotiated: every request the modern-only server saw was modern.
  const requests = fs
    .readFileSync(events, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('request '));
  expect(requests.length).toBeGreaterThan(3);
  expect(requests.filter((l) => / legacy /.test(l) && / 200 /.test(l)).length).toBeGreaterThan(0);
  expect(requests.some((l) => l.includes('server/discover'))).toBe(true);
});

test('Jest exits by itself and stops every server', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});

test('a 1.x project cannot make a 2026-only server ready, and says why', async () => {
  const old = createProject({ 'a.test.js': `test('never runs', () => { throw new Error('ran'); });` });
  try {
    old.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: {
        mcp: {
          servers: {
            modern: { ...server(path.join(old.dir, 'e.log'), old.marker, '--legacy', 'reject'), readyTimeout: 5 },
          },
        },
      },
    });
    const failed = await runJest(old.dir);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(
      /MCP server "modern" \(testEnvironmentOptions\.mcp\.servers\.modern\) did not start: it answered at http:\/\/127\.0\.0\.1:\d+\/mcp, but the MCP handshake failed: HTTP 400/,
    );
    expect(failed.output).not.toMatch(/never runs/);
    expectCleanExit(failed);
    expectNoLeftovers(old);
  } finally {
    old.remove();
  }
});
