import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { CONTRACT_SERVER, EVERYTHING, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

const V2_SERVER = require.resolve('../servers/v2-server.js');

/**
 * A contract snapshot in CI: written once, it still passes when the server lists everything in
 * another order and rewords its descriptions, and fails, with a diff that names the change,
 * when a schema changes. The annotation and MCP Apps matchers against the same server, the
 * same contract against a server this project did not write, and on the 2.x SDK one contract for
 * both protocol eras.
 */
let project: Project;
let first: JestRun;

const serverWith = (...flags: string[]) => ({
  preset: 'jest-mcp',
  testEnvironmentOptions: {
    mcp: { clients: { notes: { ...node(CONTRACT_SERVER, ...flags, project.marker), env: { ICON_TOKEN: '${ICON_TOKEN}' } } } },
  },
});
/** A secret of the config (through `${VAR}`) that the server puts into an icon URL. */
const ICON_TOKEN = 'tenant-4f7d0c2b';
const env = { ICON_TOKEN };
const snapshotFile = () => fs.readFileSync(path.join(project.dir, '__snapshots__/contract.test.js.snap'), 'utf8');

beforeAll(async () => {
  project = createProject({
    'contract.test.js': `
      const { mcpContract } = require('jest-mcp');
      test('the notes server keeps its contract', async () => {
        expect(await mcpContract(mcpClients.notes, { descriptions: false })).toMatchSnapshot();
      });
      test('the lists fetched at setup give the same contract', async () => {
        expect(await mcpContract(mcpClients.notes.listed, { descriptions: false })).toEqual(await mcpContract(mcpClients.notes, { descriptions: false }));
      });
    `,
    'matchers.test.js': `
      const tool = async (name) => (await mcpClients.notes.listTools()).tools.find((t) => t.name === name);
      test('annotations', async () => {
        expect(await tool('remove-note')).toHaveToolAnnotations({ destructiveHint: true, idempotentHint: expect.any(Boolean) });
        expect(await tool('add-note')).toHaveToolAnnotations({ title: 'Add note', readOnlyHint: false, openWorldHint: false });
        expect(await tool('count-notes')).not.toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) });
        expect(await mcpClients.notes.listTools()).not.toHaveToolAnnotations({ openWorldHint: true });
      });
      test('MCP Apps', async () => {
        const board = (await mcpClients.notes.listResources()).resources.find((r) => r.uri === 'ui://notes/board');
        expect(board).toBeMcpAppResource({ csp: { connectDomains: ['https://api.notes.example'] }, prefersBorder: true });
        expect(await mcpClients.notes.readResource({ uri: 'ui://notes/board' })).toBeMcpAppResource({
          csp: { resourceDomains: ['https://cdn.example.com'], frameDomains: [] },
        });
        expect(await mcpClients.notes.readResource({ uri: 'notes://index' })).not.toBeMcpAppResource();
        expect(await tool('show-board')).toHaveMcpAppUi('ui://notes/board', { visibility: ['app', 'model'] });
        expect(await tool('old-board')).toHaveMcpAppUi(/^ui:\\/\\/notes\\//);
        expect(await tool('add-note')).not.toHaveMcpAppUi();
      });
    `,
    'fail.test.js': `
      const tool = async (name) => (await mcpClients.notes.listTools()).tools.find((t) => t.name === name);
      test('F1 every tool declares destructiveHint', async () => {
        expect(await mcpClients.notes.listTools()).toHaveToolAnnotations({ destructiveHint: expect.any(Boolean) });
      });
      test('F2 the board may connect to one more origin', async () => {
        expect(await mcpClients.notes.readResource({ uri: 'ui://notes/board' })).toBeMcpAppResource({ csp: { connectDomains: ['https://api.other.example'] } });
      });
      test('F3 a tool that opens another UI', async () => {
        expect(await tool('show-board')).toHaveMcpAppUi('ui://notes/list');
      });
    `,
  });
  project.writeConfig(serverWith());
  first = await runJest(project.dir, { args: ['--ci=false', '--maxWorkers=2'], env });
});

afterAll(() => project?.remove());

test('the contract snapshot is written readable: keyed by name, no descriptions, MCP Apps UI and icons as they are, no secret', () => {
  expect(outputOfFile(first, 'contract.test.js')).toMatch(/^PASS/);
  expect(first.output).toMatch(/1 snapshot written/);
  const snap = snapshotFile();
  expect(snap).toMatch(/"tools": \{\s+"add-note": \{/);
  expect(snap).toMatch(/"ui:\/\/notes\/board": \{[^}]*"mimeType": "text\/html;profile=mcp-app"/);
  expect(snap).toContain('"resourceUri": "ui://notes/board"');
  expect(snap).toMatch(/"src": "data:image\/png;base64,… \(1\.1 kB, sha256 [0-9a-f]{8}\)"/);
  expect(snap).toContain('"src": "https://cdn.example.com/icons/add.7c1e9a3b5d2f4e6a8b0c1d2e.svg"');
  expect(snap).toContain('"src": "https://cdn.example.com/t/[secret]/remove.png"');
  expect(first.output + snap).not.toContain(ICON_TOKEN);
  expect(snap).toMatch(/"required": \[\s+"body",\s+"title",\s+\]/);
  expect(snap).not.toContain('description');
  expect(snap).not.toContain('[token]');
});

test('reordered lists and reworded descriptions still pass under --ci; a schema change fails with a diff naming it', async () => {
  const written = snapshotFile();
  project.writeConfig(serverWith('--reorder'));
  const reordered = await runJest(project.dir, { args: ['--ci', 'contract.test.js'], env });
  expect(reordered.output).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(reordered.code).toBe(0);

  project.writeConfig(serverWith('--reorder', '--schema-change'));
  const changed = await runJest(project.dir, { args: ['--ci', 'contract.test.js'], env });
  expect(changed.code).toBe(1);
  expect(changed.output).toMatch(/1 snapshot failed/);
  expect(changed.output).toMatch(/\+\s+"priority": \{/);
  expect(changed.output).toMatch(/\+\s+"priority",/);
  // Only the change: the reordering and rewording make no diff lines.
  expect(changed.output).not.toMatch(/^\s*[-+]\s+"(body|title|tags)"/m);
  expect(snapshotFile()).toBe(written);
  expectCleanExit(changed);
});

test('the annotation and MCP Apps matchers pass on the server, and their failures say what is wrong', () => {
  expect(outputOfFile(first, 'matchers.test.js')).toMatch(/^PASS/);
  const failed = outputOfFile(first, 'fail.test.js');
  expect(failed).toContain('expected every tool to have annotations {"destructiveHint": Any<Boolean>}, but 3 of 5 do not:');
  expect(failed).toMatch(/count-notes: destructiveHint: expected Any<Boolean>, received absent \(clients assume true\)/);
  expect(failed).toContain(
    '_meta.ui.csp.connectDomains: expected ["https://api.other.example"], received ["https://api.notes.example"] (not expected: https://api.notes.example; missing: https://api.other.example)',
  );
  expect(failed).toContain('received: uri "ui://notes/board", mimeType "text/html;profile=mcp-app", _meta.ui {"csp":');
  expect(failed).toContain('expected tool "show-board" to link the UI "ui://notes/list"');
  expect(failed).toContain('_meta.ui.resourceUri: expected "ui://notes/list", received "ui://notes/board"');
  expect(first.output).toMatch(/Tests:\s+3 failed, 4 passed, 7 total/);
  expectCleanExit(first);
  expectNoLeftovers(project);
});

test('the same contract against server-everything: stable across fresh server processes', async () => {
  const every = createProject({
    'every.test.js': `
      const { mcpContract } = require('jest-mcp');
      test('server-everything keeps its contract', async () => {
        expect(await mcpContract(mcpClients.every, { descriptions: false })).toMatchSnapshot();
      });
    `,
  });
  try {
    every.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: { mcp: { clients: { every: node(EVERYTHING, 'stdio', every.marker) } } },
    });
    const written = await runJest(every.dir, { args: ['--ci=false'] });
    expect(written.output).toMatch(/1 snapshot written/);
    const snap = fs.readFileSync(path.join(every.dir, '__snapshots__/every.test.js.snap'), 'utf8');
    expect(snap).toMatch(/"tools": \{[\s\S]*"echo": \{[\s\S]*"inputSchema": \{/);
    expect(snap).toMatch(/"get-sum": \{/);
    expect(snap).not.toContain('description');
    const again = await runJest(every.dir, { args: ['--ci'] });
    expect(again.output).toMatch(/1 passed, 1 total/);
    expect(again.code).toBe(0);
    expectCleanExit(again);
    expectNoLeftovers(every);
  } finally {
    every.remove();
  }
});

test('on the 2.x SDK, one contract for both protocol eras (2025 and 2026-07-28) of the same server', async () => {
  const v2 = createProject({
    'eras.test.js': `
      const { mcpContract } = require('jest-mcp');
      test('the eras agree', async () => {
        const modern = await mcpContract(mcpClients.modern);
        expect(Object.keys(modern.tools)).toEqual(expect.arrayContaining(['echo', 'whoami']));
        expect(await mcpContract(mcpClients.legacy)).toEqual(modern);
      });
    `,
  });
  try {
    const stdio = (protocol: string) => ({ ...node(V2_SERVER, 'stdio', v2.marker), protocol });
    v2.writeConfig({
      preset: 'jest-mcp',
      testEnvironmentOptions: { mcp: { sdk: 'v2', clients: { legacy: stdio('legacy'), modern: stdio('2026-07-28') } } },
    });
    const run = await runJest(v2.dir);
    expect(run.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(run.code).toBe(0);
    expectCleanExit(run);
    expectNoLeftovers(v2);
  } finally {
    v2.remove();
  }
});
