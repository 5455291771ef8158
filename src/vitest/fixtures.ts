import { OPENER_KEY } from '../channels/keys';
import { createClients } from '../realm/client-proxy';
import { openMcpClient } from '../realm/open-client';
import type { McpClientOptions } from '../config/types';
import { VitestFile } from './file-state';
import { OPTIONS_PROVIDED, ROOT_PROVIDED } from './provided';

/**
 * jest-mcp's fixtures for Vitest's `test.extend`, run in the worker. Vitest reads each fixture's
 * dependencies from its first parameter's destructuring, so every fixture names what it uses
 * there, even when it reads nothing (`{}`).
 */

type Use<T> = (value: T) => Promise<void>;
/** What the fixtures read from the test's context. */
interface TaskLike {
  result?: { state?: string; errors?: Array<Record<string, unknown>> };
}
/** Vitest's `inject` and `expect`, passed in by the ES module entry: this module never imports vitest. */
export interface VitestParts {
  inject: (key: string) => unknown;
  expect: { getState(): { testPath?: string } };
}

const FILE_TEXT_FIELDS = ['message', 'stack', 'diff', 'expected', 'actual'];

/** Hides the config's secrets in a failed test's errors, which Vitest reports as they are. */
function redactErrors(task: TaskLike, file: VitestFile): void {
  for (const error of task.result?.errors ?? []) {
    for (const field of FILE_TEXT_FIELDS) if (typeof error[field] === 'string') error[field] = file.redact(error[field]);
  }
}

export function mcpFixtures({ inject, expect }: VitestParts) {
  return {
    /** Which configured clients this file opens (all when undefined): `test.override({ mcpClientNames: ['alice'] })`. */
    mcpClientNames: [undefined as readonly string[] | undefined, { scope: 'file' as const }],

    /** The file's MCP state: made for the first test that needs it, closed after the file's last test. */
    _mcpFile: [
      async ({ mcpClientNames }: { mcpClientNames: readonly string[] | undefined }, use: Use<VitestFile>) => {
        const root = (inject(ROOT_PROVIDED) as string | undefined) ?? process.cwd();
        const file = new VitestFile(inject(OPTIONS_PROVIDED), mcpClientNames, root, expect.getState().testPath ?? '');
        const global = globalThis as Record<symbol, unknown>;
        // The root `openMcpClient` of 'jest-mcp' reaches the file through this, as in Jest.
        global[OPENER_KEY] = file.openForTest;
        try {
          await use(file);
        } finally {
          if (global[OPENER_KEY] === file.openForTest) delete global[OPENER_KEY];
          const problem = await file.close();
          // Thrown here, Vitest fails the file with it (beside its tests' results).
          // eslint-disable-next-line no-unsafe-finally -- the close failure is the file's result
          if (problem) throw problem;
        }
      },
      { scope: 'file' as const },
    ],

    /** Every client of the file, opened once, when the first test that uses it runs. */
    mcpClients: [
      async ({ _mcpFile }: { _mcpFile: VitestFile }, use: Use<unknown>) => {
        const { entries, configured } = await _mcpFile.openFile();
        await use(createClients(entries, configured));
      },
      { scope: 'file' as const },
    ],

    /** Around every test: per-test sessions, and the MCP exchange in a failing test's report. */
    _mcpTest: [
      async ({ _mcpFile, task }: { _mcpFile: VitestFile; task: TaskLike }, use: Use<void>) => {
        await _mcpFile.startTest();
        await use();
        const failed = task.result?.state === 'fail' || Boolean(task.result?.errors?.length);
        const { trace, problem } = await _mcpFile.endTest(failed);
        if (failed) redactErrors(task, _mcpFile);
        // A plain record, as Vitest keeps a test's errors: shown under the test's own failure.
        if (trace) task.result?.errors?.push({ name: 'McpExchange', message: trace });
        if (problem) throw problem;
      },
      { auto: true },
    ],

    /** `openMcpClient(name | config)`: a session of the test's own, closed after the test at the latest. */
    openMcpClient: async (
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Vitest reads the dependency from this pattern
      { _mcpTest }: { _mcpTest: void },
      use: Use<(target: string | McpClientOptions) => ReturnType<typeof openMcpClient>>,
    ) => {
      await use((target) => openMcpClient(target));
    },
  };
}
