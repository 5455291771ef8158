import { isObject } from '../util/objects';
/**
 * Whether a tool may be called as a task, from what the server declares (MCP 2025-11-25):
 * `capabilities.tasks.requests.tools.call` for the server, `execution.taskSupport` for the tool
 * (`forbidden` when absent). A client must not ask for a task where either says no; a test that
 * does gets told which, instead of whatever the server makes of it.
 */

export interface TaskClient {
  request(request: { method: string; params?: unknown }, schema: object, options?: { timeout?: number }): Promise<unknown>;
  listTools(params?: {
    cursor?: string;
  }): Promise<{ tools: Array<{ name: string; execution?: { taskSupport?: unknown } }>; nextCursor?: string }>;
  getServerCapabilities?(): Record<string, unknown> | undefined;
  /** 2.x only: `legacy` (2025 protocol) or `modern` (2026-07-28, which has no tasks). */
  getProtocolEra?(): string | undefined;
}

type Fail = (what: string) => Error;

/** What the server declares for tasks, in a few words. */
function declared(tasks: unknown): string {
  return isObject(tasks) ? `it declares tasks: ${JSON.stringify(tasks)}` : 'it declares no `tasks` capability';
}

/** The tool's listing, walking every page (2.x aggregates the first call; 1.x pages). */
async function findTool(client: TaskClient, name: string): Promise<{ name: string; execution?: { taskSupport?: unknown } } | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const listed = await client.listTools(cursor ? { cursor } : undefined);
    const tool = listed.tools.find((t) => t.name === name);
    if (tool || !listed.nextCursor) return tool;
    cursor = listed.nextCursor;
  }
  return undefined;
}

export async function checkTaskSupport(client: TaskClient, who: string, tool: string, fail: Fail): Promise<void> {
  if (!isObject(client) || typeof client.request !== 'function' || typeof client.listTools !== 'function') {
    throw fail('the first argument must be a client (mcpClients.<name>, or one from openMcpClient)');
  }
  if (client.getProtocolEra?.() === 'modern') {
    throw fail(
      'the session speaks the 2026-07-28 protocol, which has no tasks (they are a 2025-11-25 feature); ' +
        `give ${who === 'the client' ? 'the client' : who.replace(/^mcpClients\./, 'clients.')} protocol: 'legacy' in config`,
    );
  }
  const capabilities = client.getServerCapabilities?.();
  const tasks = capabilities?.tasks;
  const toolsCall = isObject(tasks) && isObject(tasks.requests) && isObject(tasks.requests.tools) && isObject(tasks.requests.tools.call);
  if (!toolsCall) {
    throw fail(`the server does not support task-augmented tools/call (capabilities.tasks.requests.tools.call); ${declared(tasks)}`);
  }
  const listed = await findTool(client, tool);
  if (!listed) throw fail(`the server lists no tool "${tool}" (tools/list)`);
  const support = listed.execution?.taskSupport ?? 'forbidden';
  if (support !== 'optional' && support !== 'required') {
    throw fail(
      `the tool does not support tasks: its execution.taskSupport is ${JSON.stringify(support)}` +
        `${listed.execution?.taskSupport === undefined ? ' (absent, which means forbidden)' : ''}; call it with callTool() instead`,
    );
  }
}

/** `timeout`, `ttl` and `pollInterval` are milliseconds: a string or a negative number would make no sense of the wait. */
export function checkTaskOptions(options: unknown, fail: Fail): void {
  if (options === undefined) return;
  if (!isObject(options)) throw fail(`options must be an object { ttl?, pollInterval?, timeout? }, got ${typeof options}`);
  for (const key of ['ttl', 'pollInterval', 'timeout'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    // Node's timers fire at once past 2^31-1 ms.
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 2_147_483_647 || (key === 'timeout' && value === 0)) {
      throw fail(
        `options.${key} must be milliseconds (a number ${key === 'timeout' ? 'above' : 'from'} 0 to 2147483647), got ${JSON.stringify(value) ?? typeof value}`,
      );
    }
  }
}
