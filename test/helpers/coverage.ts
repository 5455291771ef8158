import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoverageSummary } from '../../src/coverage/summary';
import { CATALOG, EVERYTHING, node } from './fixtures';
import { runCommand, type JestRun } from './jest-process';
import { REPO, createProject, type Project } from './project';

/**
 * Projects for the coverage reporter's e2e tests: a suite that exercises parts of the catalog
 * fixture server through several clients, files and workers, and what the reporter left behind.
 */

/** The value of `${CAT_TOKEN}`: in a client's header and in a resource URI a test reads. */
export const CAT_TOKEN = 'cat-tok-8d1f0c2b9a7e6d5c';

export const REPORTER_OPTIONS = { outputFile: 'mcp/coverage-{shard}.json', html: 'mcp/coverage-{shard}.html', threshold: { tools: 80 } };

const call = (client: string, tool: string, args = '{}') => `await mcpClients.${client}.callTool({ name: '${tool}', arguments: ${args} });`;

/**
 * alice and bob are clients of the `catalog` server of `mcp.servers` (HTTP), `local` runs its own
 * catalog over stdio. Each file exercises a different part; `plain` opens no client.
 */
export function catalogProject(reporter: Record<string, unknown> = REPORTER_OPTIONS): Project {
  const project = createProject({
    'tools.test.js': `/** @mcp-clients alice */
      test('alice calls add and echo', async () => {
        ${call('alice', 'add', '{ a: 1, b: 2 }')}
        ${call('alice', 'echo', "{ text: 'hi' }")}
      });`,
    'resources.test.js': `/** @mcp-clients bob, local */
      test('bob reads a resource and two templated URIs, one with a token in it', async () => {
        await mcpClients.bob.readResource({ uri: 'cat://readme' });
        await mcpClients.bob.readResource({ uri: 'cat://notes/42' });
        await mcpClients.bob.readResource({ uri: 'cat://vault/' + process.env.CAT_TOKEN + '/doc' });
      });
      test('local gets a prompt', async () => {
        await mcpClients.local.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
      });`,
    'opened.test.js': `/** @mcp-clients local */
      const { openMcpClient } = require('jest-mcp');
      test('a failing call counts as called', async () => {
        const result = await mcpClients.local.callTool({ name: 'fail', arguments: {} });
        expect(result.isError).toBe(true);
      });
      test('a session the test opened itself counts', async () => {
        const own = await openMcpClient('local');
        try {
          await own.readResource({ uri: 'cat://license' });
        } finally {
          await own.close();
        }
      });`,
    'plain.test.js': `/** @mcp-clients */
      test('no MCP here', () => expect(1 + 1).toBe(2));`,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    reporters: ['default', ['jest-mcp/reporter', reporter]],
    testEnvironmentOptions: {
      mcp: {
        servers: { catalog: node(CATALOG, '--port', '${PORT}', project.marker) },
        clients: {
          alice: { server: 'catalog', headers: { Authorization: 'Bearer ${CAT_TOKEN}' } },
          bob: { server: 'catalog' },
          local: node(CATALOG, project.marker),
        },
      },
    },
  });
  return project;
}

/** A suite against the SDK's reference server, as a user would write one. */
export function everythingProject(): Project {
  const project = createProject({
    'everything.test.js': `test('echo, a sum, a resource, a templated resource and a prompt', async () => {
        ${call('everything', 'echo', "{ message: 'hi' }")}
        ${call('everything', 'get-sum', '{ a: 1, b: 2 }')}
        await mcpClients.everything.readResource({ uri: 'demo://resource/static/document/features.md' });
        await mcpClients.everything.readResource({ uri: 'demo://resource/dynamic/text/1' });
        await mcpClients.everything.getPrompt({ name: 'simple-prompt' });
      });`,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    reporters: ['default', ['jest-mcp/reporter', { outputFile: 'mcp-coverage.json', threshold: { prompts: 100 } }]],
    testEnvironmentOptions: { mcp: { clients: { everything: node(EVERYTHING, 'stdio', project.marker) } } },
  });
  return project;
}

/** SDK 2.x (the project declares @modelcontextprotocol/client): one client per protocol era of the 2.x fixture server. */
export function sdkV2Project(): Project {
  const v2 = require.resolve('../servers/v2-server.js');
  const project = createProject({
    'eras.test.js': `test('each era calls, reads and gets', async () => {
        for (const client of [mcpClients.modern, mcpClients.legacy]) {
          await client.callTool({ name: 'echo', arguments: { text: 'x' } });
          await client.readResource({ uri: 'note://n1' });
          await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
        }
      });`,
  });
  project.write(
    'package.json',
    JSON.stringify({ name: project.marker, private: true, devDependencies: { '@modelcontextprotocol/client': '*' } }),
  );
  project.writeConfig({
    preset: 'jest-mcp',
    reporters: ['default', ['jest-mcp/reporter', { outputFile: 'mcp-coverage.json' }]],
    testEnvironmentOptions: {
      mcp: {
        clients: {
          modern: { ...node(v2, 'stdio', project.marker), protocol: '2026-07-28' },
          legacy: { ...node(v2, 'stdio', project.marker), protocol: 'legacy' },
        },
      },
    },
  });
  return project;
}

export const CAT_ENV = { CAT_TOKEN };

export function summaryIn(project: Project, file: string): CoverageSummary {
  return JSON.parse(fs.readFileSync(path.join(project.dir, file), 'utf8')) as CoverageSummary;
}

export function textIn(project: Project, file: string): string {
  return fs.readFileSync(path.join(project.dir, file), 'utf8');
}

/** `jest-mcp-coverage ...args` from the build, in the project. */
export function coverageCli(project: Project, args: string[]): Promise<JestRun> {
  return runCommand(process.execPath, [path.join(REPO, 'dist/coverage/cli.js'), ...args], project.dir, process.env, 30_000);
}
