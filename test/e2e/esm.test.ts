import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * Jest's ESM mode (--experimental-vm-modules) with ES module and CommonJS test files in one run.
 * The SDK ships two builds, so an ESM test's McpError is another class than a CommonJS test's:
 * each file must get rejections that are instances of the class it imported itself.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'module.test.mjs': `
      import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
      import { expect, test } from '@jest/globals';
      import { openMcpClient } from 'jest-mcp';
      test('esm: results and errors of this realm and this module graph', async () => {
        const result = await mcpClients.every.callTool({ name: 'echo', arguments: { message: 'm' } });
        expect(result).toStrictEqual({ content: [{ type: 'text', text: 'Echo: m' }] });
        const error = await mcpClients.every.readResource({ uri: 'nope://x' }).catch((e) => e);
        expect(error).toBeInstanceOf(McpError);
        expect(error).toBeInstanceOf(Error);
        expect(error.code).toBe(ErrorCode.InvalidParams);
        await expect(mcpClients.every.readResource({ uri: 'nope://x' })).toRejectWithMcpError(-32602);
      });
      test('esm: openMcpClient', async () => {
        const own = await openMcpClient('every');
        expect(await own.ping()).toEqual({});
        await own.close();
      });
    `,
    'common.test.cjs': `
      const { McpError } = require('@modelcontextprotocol/sdk/types.js');
      test('cjs in the same run: its own McpError', async () => {
        await expect(mcpClients.every.readResource({ uri: 'nope://x' })).rejects.toThrow(McpError);
        expect(await mcpClients.every.listTools()).toHaveTool('echo');
      });
    `,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testMatch: ['**/*.test.mjs', '**/*.test.cjs'],
    transform: {},
    testEnvironmentOptions: { mcp: { clients: { every: { command: 'node', args: [EVERYTHING, 'stdio', project.marker] } } } },
  });
  run = await runJest(project.dir, { env: { NODE_OPTIONS: '--experimental-vm-modules' } });
});

afterAll(() => project.remove());

test('ES module and CommonJS test files both pass', () => {
  expect(run.output).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(run.code).toBe(0);
});

test('Jest exits by itself and no server is left', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
