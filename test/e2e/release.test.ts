import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { cleanClone, entryPoints, packedFiles, pathWith, supportedNodes } from '../helpers/clean-clone';
import { RUN_HTTP } from '../helpers/fixtures';
import { installFresh, mustRun, packWorkspace, readReport, run } from '../helpers/pack';

/**
 * A release as it is made: from a clean clone of the committed tree (no dist/), `npm pack` builds
 * first and the tarball holds every entry point; that tarball installs into a fresh project whose
 * suite passes on every supported Node (this machine's, 22 and 24); `npm publish --dry-run` from
 * the clean clone builds and would publish dist/ too. The clone is of HEAD: commit first.
 */

const WORKSPACE = packWorkspace();
const TAG = `jmcp-release-${randomUUID().slice(0, 8)}`;
const NODES = supportedNodes();

// A user's project, plain JavaScript, on the parts where Nodes differ: the environment and bridge
// in workers, mcp.servers and the reaper in Jest's main process, an ES module responder (loaded
// by require(esm) or import()), and an ES module test file (Jest's ESM mode).
const PROJECT_FILES: Record<string, string> = {
  'jest.config.js': `module.exports = {
  preset: 'jest-mcp',
  transform: {},
  testEnvironmentOptions: {
    mcp: {
      servers: { run: { command: 'node', args: [${JSON.stringify(RUN_HTTP)}, '--port', '\${PORT}', '${TAG}'] } },
      clients: {
        every: { command: 'node', args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio', '${TAG}'], elicitation: { module: './elicit.mjs' } },
        served: { server: 'run' },
      },
    },
  },
};
`,
  'elicit.mjs': `export default (params, { client }) => ({ action: 'accept', content: { name: 'Ada from ' + client, check: true, email: 'ada@example.com' } });
`,
  'test/every.test.js': `/** @mcp-clients every */
const { McpError } = require('@modelcontextprotocol/sdk/types.js');

test('runs on the Node under test', () => {
  expect(process.version).toBe(process.env.EXPECTED_NODE);
});

test('a stdio client: results, matchers, the test realm\\'s own McpError', async () => {
  const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'hi' } });
  expect(result).toStrictEqual({ content: [{ type: 'text', text: 'Echo: hi' }] });
  expect(result).toHaveTextContent('Echo: hi');
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toThrow(McpError);
});

test('an ES module responder answers the server', async () => {
  expect(await mcpClients.every.callTool({ name: 'trigger-elicitation-request', arguments: {} })).toHaveTextContent('Ada from every');
});
`,
  'test/served.test.js': `/** @mcp-clients served */
test('a client of a server of mcp.servers', async () => {
  expect(await mcpClients.served.listTools()).toHaveTool('whoami');
});
`,
  'test/esm.test.mjs': `/** @mcp-clients every */
import { expect, test } from '@jest/globals';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { withMcpClient } from 'jest-mcp';

test('an ES module test file', async () => {
  await expect(mcpClients.every.readResource({ uri: 'nope://missing' })).rejects.toThrow(McpError);
  expect(await withMcpClient('every', (c) => c.callTool({ name: 'get-sum', arguments: { a: 40, b: 2 } }))).toHaveTextContent('42');
});
`,
};

let clone: string;
let tarballFiles: string[];
let project: string;

beforeAll(async () => {
  clone = await cleanClone(WORKSPACE.tmp);
  const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', WORKSPACE.tmp], clone, 240_000);
  tarballFiles = packedFiles(packed.stdout);
  const tarball = path.join(WORKSPACE.tmp, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
  const deps = ['jest@30', '@modelcontextprotocol/sdk@1', '@modelcontextprotocol/server-everything'];
  ({ dir: project } = await installFresh(WORKSPACE.tmp, 'user', tarball, deps, PROJECT_FILES));
}, 600_000);

afterAll(() => WORKSPACE.remove());

test('the clean clone has no dist/, and its npm pack builds one with every entry point', () => {
  expect(fs.existsSync(path.join(clone, 'src/index.ts'))).toBe(true);
  expect(tarballFiles).toEqual(expect.arrayContaining(['dist/index.js', 'dist/environment.js', 'dist/sdk/clients.d.ts']));
  expect(entryPoints(clone).filter((file) => !tarballFiles.includes(file))).toEqual([]);
});

describe.each(NODES.map((node) => [node.name, node] as const))('the tarball in a fresh project, on %s', (_name, node) => {
  test('its suite passes: stdio and mcp.servers clients, an ES module responder and test file', async () => {
    const version = (await mustRun(node.path, ['-v'], project, 30_000)).stdout.trim();
    const report = path.join(project, `report-${version}.json`);
    const jest = await run(node.path, ['node_modules/jest/bin/jest.js', '--ci', '--json', `--outputFile=${report}`], project, 180_000, {
      ...pathWith(node),
      EXPECTED_NODE: version,
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
    });
    const { failures, tests } = readReport(report);
    expect(failures).toEqual([]);
    expect(tests).toEqual([
      'passed: a client of a server of mcp.servers',
      "passed: a stdio client: results, matchers, the test realm's own McpError",
      'passed: an ES module responder answers the server',
      'passed: an ES module test file',
      'passed: runs on the Node under test',
    ]);
    expect(jest.code).toBe(0);
    expectCleanExit(jest);
    expectNoLeftovers({ marker: TAG, dir: project });
  }, 200_000);
});

test('npm publish --dry-run from the clean clone builds first and would publish dist/', async () => {
  fs.rmSync(path.join(clone, 'dist'), { recursive: true, force: true });
  const published = await mustRun('npm', ['publish', '--dry-run', '--json'], clone, 240_000);
  const files = packedFiles(published.stdout);
  expect(entryPoints(clone).filter((file) => !files.includes(file))).toEqual([]);
  const { version } = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8')) as { version: string };
  expect(Object.keys(JSON.parse(published.stdout) as object)).toEqual(['jest-mcp']);
  expect(published.stdout).toContain(`"id": "jest-mcp@${version}"`);
}, 250_000);
