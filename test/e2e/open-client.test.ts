import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * openMcpClient/withMcpClient: a fresh session inside a test, closed with `await using`, close(),
 * the callback form, or (if the test forgot) by the environment at teardown. Written in
 * TypeScript through ts-jest, as users would, which also proves the types.
 */
let project: Project;
let run: JestRun;

beforeAll(async () => {
  project = createProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'ESNext.Disposable'],
        module: 'commonjs',
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['jest-mcp', 'jest', 'node'],
      },
    }),
    'alive.ts': `
      import * as fs from 'node:fs';
      /** Processes whose command line contains the tag: the servers a test started. */
      export function alive(tag: string): number {
        return fs.readdirSync('/proc').filter((p) => {
          try { return /^\\d+$/.test(p) && fs.readFileSync('/proc/' + p + '/cmdline', 'utf8').includes(tag); } catch { return false; }
        }).length;
      }
    `,
    'open.test.ts': `/** @mcp-clients file */
      import { openMcpClient, withMcpClient } from 'jest-mcp';
      import { McpError } from '@modelcontextprotocol/sdk/types.js';
      import { alive } from './alive';

      test('await using closes the session and stops its server', async () => {
        {
          await using c = await openMcpClient('every');
          expect(await c.listTools()).toHaveTool('echo');
          expect(alive(TAG + 'every')).toBe(1);
        }
        expect(alive(TAG + 'every')).toBe(0);
      });

      test('a fresh session per call, independent of the file client', async () => {
        const a = await openMcpClient('every');
        const b = await openMcpClient('every');
        expect(alive(TAG + 'every')).toBe(2);
        await a.close();
        expect(alive(TAG + 'every')).toBe(1);
        await b.close();
        await b.close(); // idempotent
        expect(alive(TAG + 'every')).toBe(0);
        expect(alive(TAG + 'file')).toBe(1);
      });

      test('callback form, inline config, errors in the test realm', async () => {
        const text = await withMcpClient(
          { command: process.execPath, args: [EVERYTHING, 'stdio', TAG + 'inline'] },
          async (c) => {
            await expect(c.readResource({ uri: 'nope://x' })).rejects.toThrow(McpError);
            const r = await c.callTool({ name: 'echo', arguments: { message: 'inline' } });
            return (r.content as Array<{ text: string }>)[0].text;
          },
        );
        expect(text).toBe('Echo: inline');
        expect(alive(TAG + 'inline')).toBe(0);
      });

      test('an unknown name says which clients exist', async () => {
        const error = await openMcpClient('nope').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/"nope", which is not configured\\. Configured clients: file, every/);
      });

      test('a handle the test forgot is closed by the environment', async () => {
        const forgotten = await openMcpClient({ command: process.execPath, args: [EVERYTHING, 'stdio', TAG + 'forgotten'] });
        await forgotten.ping();
        expect(alive(TAG + 'forgotten')).toBe(1);
      });
    `,
  });
  const tag = `${project.marker}-`;
  project.writeConfig({
    preset: 'jest-mcp',
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    globals: { TAG: tag, EVERYTHING },
    testEnvironmentOptions: {
      mcp: { clients: { file: node(EVERYTHING, 'stdio', tag + 'file'), every: node(EVERYTHING, 'stdio', tag + 'every') } },
    },
  });
  project.write('globals.d.ts', 'declare const TAG: string;\ndeclare const EVERYTHING: string;\n');
  run = await runJest(project.dir, { args: ['-i'] });
});

afterAll(() => project?.remove());

test('every use passes', () => {
  expect(run.output).toMatch(/Tests:\s+5 passed, 5 total/);
  expect(run.code).toBe(0);
});

test('nothing is left: not the forgotten handle, not the file clients', () => {
  expectCleanExit(run);
  expectNoLeftovers(project);
});
