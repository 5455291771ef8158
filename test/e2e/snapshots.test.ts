import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, node } from '../helpers/fixtures';
import { runJest } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { envOptions } from '../helpers/test-files';

/**
 * The snapshot serializer makes MCP results stable: two runs against fresh server processes give
 * the same snapshot, and nothing that changes per run (or looks like a secret) is written to it.
 */
let project: Project;
afterAll(() => project?.remove());

test('snapshots of MCP results are stable across runs and scrubbed', async () => {
  project = createProject({
    'snap.test.js': `
      test('results', async () => {
        const c = mcpClients.every;
        expect(await c.callTool({ name: 'echo', arguments: { message: 'sess 1f0c9a6e-2b7d-4c1a-9e8f-0a1b2c3d4e5f at 2026-11-24T10:00:00.123Z token abcdEFGH1234ijklMNOP5678qrst' } })).toMatchSnapshot();
        expect(await c.callTool({ name: 'echo', arguments: { message: 'Bearer s3cr3t-value-here' } })).toMatchSnapshot();
        expect({ content: [], _meta: { progressToken: 42, 'io.example/stamp': Date.now() }, sessionId: String(Math.random()) }).toMatchSnapshot();
        expect(await c.listPrompts()).toMatchSnapshot();
      });
      test('values the test holds are not changed', async () => {
        const r = { content: [{ type: 'text', text: 'id 1f0c9a6e-2b7d-4c1a-9e8f-0a1b2c3d4e5f' }] };
        expect(r).toMatchSnapshot();
        expect(r.content[0].text).toBe('id 1f0c9a6e-2b7d-4c1a-9e8f-0a1b2c3d4e5f');
      });
    `,
    'custom.test.js': `${envOptions({ snapshot: { keys: ['owner'], patterns: ['order-\\d+'], tokens: false } })}
      test('configured scrubbing', () => {
        expect({ content: [{ type: 'text', text: 'order-1234 by abcdEFGH1234ijklMNOP5678qrst' }], owner: 'alice' }).toMatchSnapshot();
      });
    `,
    'off.test.js': `${envOptions({ snapshot: false })}
      test('serializer off', () => {
        expect({ content: [{ type: 'text', text: 'at 2026-11-24T10:00:00Z' }] }).toMatchSnapshot();
      });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { every: node(EVERYTHING, 'stdio', project.marker) } } },
  });
  const first = await runJest(project.dir, { args: ['-i', '--ci=false'] });
  expect(first.output).toMatch(/7 snapshots written/);
  const custom = fs.readFileSync(path.join(project.dir, '__snapshots__/custom.test.js.snap'), 'utf8');
  expect(custom).toContain('"text": "[scrubbed] by abcdEFGH1234ijklMNOP5678qrst"');
  expect(custom).toContain('"owner": "[scrubbed]"');
  const off = fs.readFileSync(path.join(project.dir, '__snapshots__/off.test.js.snap'), 'utf8');
  expect(off).toContain('at 2026-11-24T10:00:00Z');
  const snapFile = path.join(project.dir, '__snapshots__/snap.test.js.snap');
  const written = fs.readFileSync(snapFile, 'utf8');
  expect(written).toContain('[uuid]');
  expect(written).toContain('[timestamp]');
  expect(written).toContain('Bearer [token]');
  expect(written).toContain('[token]');
  expect(written).toMatch(/"progressToken": "\[meta\]"/);
  expect(written).toMatch(/"sessionId": "\[scrubbed\]"/);
  expect(written).not.toContain('s3cr3t-value-here');
  expect(written).not.toContain('abcdEFGH1234ijklMNOP5678qrst');
  expect(written).not.toContain('1f0c9a6e-2b7d');

  // A second run against a new server process, with --ci (no new snapshots may be written).
  const second = await runJest(project.dir, { args: ['-i'] });
  expect(second.output).toMatch(/7 passed, 7 total/);
  expect(second.code).toBe(0);
  expect(fs.readFileSync(snapFile, 'utf8')).toBe(written);
  expectNoLeftovers(project);
});
