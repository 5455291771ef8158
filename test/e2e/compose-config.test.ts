import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { RUN_HTTP, node, serverLog } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * A config of one's own, with jest-mcp composed into it: Jest replaces a preset's
 * testEnvironment, testEnvironmentOptions, globalSetup and globalTeardown whole, so jest-mcp
 * offers `withMcp()` (a typed jest.config.ts helper), its global setup and teardown as functions,
 * and its environment class to extend. Three projects, run side by side.
 */
// The server drops idle connections after 1 s, so that a global setup's pause (below) outlasts them.
const servers = (marker: string) => ({ notes: node(RUN_HTTP, '--port', '${PORT}', '--idle-close-ms', '1000', marker) });

/**
 * What the user's own hooks record: that they ran, and whether jest-mcp's servers were up. The
 * setup hook first blocks for 2.5 s, as compiling a TypeScript setup on a loaded machine does: a
 * connection jest-mcp's readiness check left in the process's fetch pool would by then be closed
 * by the server without the pool having noticed, and the hook's fetch would fail.
 */
const recordingHook = (name: string) => `
  const fs = require('fs');
  ${name === 'setup' ? 'for (const until = Date.now() + 2500; Date.now() < until; );' : ''}
  const servers = JSON.parse(process.env.JEST_MCP_SERVERS ?? '{"servers":{}}').servers;
  const up = Object.keys(servers).length ? fetch(servers.notes.url) /* a GET: 405 from a running server */.then(() => 'up', () => 'down') : Promise.resolve('none');
  fs.appendFileSync(projectConfig.rootDir + '/hooks', '${name} ' + (await up) + '\\n');
`;

const COMPOSED_TEST = `
  test('the composed config works as a whole', async () => {
    expect(globalThis.fromMyEnvironment).toBe(true);
    expect(globalThis.fromMySetupFile).toBe(true);
    expect(globalThis.custom).toBe('kept');
    expect(await mcpClients.notes.listTools()).toHaveTool('whoami');
  });
`;

let withMcp: { project: Project; run: JestRun };
let byHand: { project: Project; run: JestRun };
let replaced: { project: Project; run: JestRun };

function withMcpProject(): Project {
  const project = createProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    }),
    'my-environment.js': `
      const { McpEnvironment } = require('jest-mcp');
      module.exports = class MyEnvironment extends McpEnvironment {
        async setup() { await super.setup(); this.global.fromMyEnvironment = true; }
      };
    `,
    'my-setup-file.js': 'globalThis.fromMySetupFile = true;',
    'my-global-setup.ts': `
      import type { Config } from '@jest/types';
      export default async function (globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
        ${recordingHook('setup')}
      }
    `,
    'my-global-teardown.js': `module.exports = async (globalConfig, projectConfig) => { ${recordingHook('teardown')} };`,
    'a.test.js': COMPOSED_TEST,
  });
  // Typed and type-checked: Jest loads jest.config.ts through ts-node.
  project.write(
    'jest.config.ts',
    `import type { Config } from 'jest';
    import { withMcp } from 'jest-mcp';

    const config: Config = {
      testEnvironment: './my-environment.js',
      testEnvironmentOptions: { custom: 'kept', mcp: { timeouts: { connect: 20 } } },
      setupFilesAfterEnv: ['<rootDir>/my-setup-file.js'],
      globalSetup: './my-global-setup.ts',
      globalTeardown: '<rootDir>/my-global-teardown.js',
      transform: { '^.+\\\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    };

    export default withMcp(config, {
      servers: ${JSON.stringify(servers(project.marker))},
      clients: { notes: { server: 'notes' } },
    });`,
  );
  return project;
}

function byHandProject(): Project {
  const project = createProject({
    'my-environment.js': `
      const McpEnvironment = require('jest-mcp/environment');
      module.exports = class extends McpEnvironment {
        async setup() { await super.setup(); this.global.fromMyEnvironment = true; }
      };
    `,
    'my-setup-file.js': 'globalThis.fromMySetupFile = true;',
    'my-global-setup.js': `
      const { mcpGlobalSetup } = require('jest-mcp');
      module.exports = async (globalConfig, projectConfig) => {
        await mcpGlobalSetup(globalConfig, projectConfig);
        ${recordingHook('setup')}
      };
    `,
    'my-global-teardown.js': `
      const { mcpGlobalTeardown } = require('jest-mcp');
      module.exports = async (globalConfig, projectConfig) => {
        ${recordingHook('teardown')}
        await mcpGlobalTeardown(globalConfig, projectConfig);
      };
    `,
    'a.test.js': COMPOSED_TEST,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironment: './my-environment.js',
    setupFilesAfterEnv: ['./my-setup-file.js'],
    globalSetup: './my-global-setup.js',
    globalTeardown: './my-global-teardown.js',
    testEnvironmentOptions: { custom: 'kept', mcp: { servers: servers(project.marker), clients: { notes: { server: 'notes' } } } },
  });
  return project;
}

function replacedProject(): Project {
  const project = createProject({
    'my-global-setup.js': 'module.exports = async () => {};',
    'a.test.js': `test('uses a server', async () => { await mcpClients.notes.ping(); });`,
  });
  project.writeConfig({
    preset: 'jest-mcp',
    globalSetup: './my-global-setup.js',
    testEnvironmentOptions: { mcp: { servers: servers(project.marker), clients: { notes: { server: 'notes' } } } },
  });
  return project;
}

beforeAll(async () => {
  const start = async (project: Project) => ({ project, run: await runJest(project.dir) });
  [withMcp, byHand, replaced] = await Promise.all([start(withMcpProject()), start(byHandProject()), start(replacedProject())]);
});

afterAll(() => [withMcp, byHand, replaced].forEach((c) => c?.project.remove()));

const hooks = (project: Project) => project.lines('hooks');

function expectCleanEnd({ project, run }: { project: Project; run: JestRun }): void {
  expectCleanExit(run);
  expectNoLeftovers(project);
}

test("withMcp keeps the config's own environment class, setup file, options and global hooks", () => {
  expect(withMcp.run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(withMcp.run.code).toBe(0);
  // The config's own global setup ran after jest-mcp's servers were up, its teardown before they stopped.
  expect(hooks(withMcp.project)).toEqual(['setup up', 'teardown up']);
  expect(serverLog(withMcp.project, 'notes')).toContain('got SIGTERM, exiting');
  expectCleanEnd(withMcp);
});

test("jest-mcp's global setup and teardown, called from one's own, with the environment class extended", () => {
  expect(byHand.run.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(byHand.run.code).toBe(0);
  expect(hooks(byHand.project)).toEqual(['setup up', 'teardown up']);
  expect(serverLog(byHand.project, 'notes')).toContain('got SIGTERM, exiting');
  expectCleanEnd(byHand);
});

test("a global setup that replaces the preset's without calling jest-mcp's: a clear error, not a hang", () => {
  expect(replaced.run.code).toBe(1);
  expect(replaced.run.output).toContain(
    'testEnvironmentOptions.mcp.clients.notes uses server "notes", which is not running: jest-mcp\'s global setup did not start it',
  );
  expect(replaced.run.output).toMatch(
    /compose them with withMcp\(\) in jest\.config, or call mcpGlobalSetup\(globalConfig, projectConfig\)/,
  );
  expect(fs.existsSync(path.join(replaced.project.dir, '.jest-mcp'))).toBe(false);
  expectCleanEnd(replaced);
});
