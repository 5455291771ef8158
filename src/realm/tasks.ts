import { ANY_RESULT } from '../sdk/any-result';
import { CLIENT_NAME_KEY } from '../channels/keys';
import { textItems } from './results';
import { checkTaskOptions, checkTaskSupport, type TaskClient } from './task-support';
import {
  type McpTask,
  type McpTaskStatus,
  describeNonTask,
  describeTask,
  isTerminal,
  nextPollDelay,
  noteStatus,
  taskOf,
} from './task-status';

/**
 * `callToolAsTask`: a tool call the MCP 2025-11-25 way ("Tasks"): `tools/call` with a `task`,
 * then `tasks/get` polls at the server's pace, then `tasks/result`. Runs in the test realm on a
 * client of `mcpClients` (or `openMcpClient`), whose calls hand back the test's own values. The
 * task requests go on the wire through `client.request()`: 2.x keeps no runtime for them.
 */

export interface McpTaskToolCall {
  name: string;
  arguments?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

export interface McpTaskCallOptions {
  /** Milliseconds the server should keep the task and its result (`task.ttl`). Default: the server's choice. */
  ttl?: number;
  /** Milliseconds between `tasks/get` polls when the server suggests no `pollInterval`. Default 1000. */
  pollInterval?: number;
  /** Milliseconds for the whole call, from `tools/call` to the result. Default 30000. */
  timeout?: number;
}

/** A `CallToolResult` as `tasks/result` returns it. */
export interface McpTaskToolResult {
  content: Array<{ type: string; [key: string]: unknown }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface McpTaskCallOutcome {
  /** The task as `tasks/get` last described it (terminal). */
  task: McpTask;
  /** What `tasks/result` returned: the tool's `CallToolResult`. */
  result: McpTaskToolResult;
  /** Every status seen, in order, repeats collapsed: e.g. working, input_required, working, completed. */
  statuses: McpTaskStatus[];
}

/** Thrown when the task fails, is cancelled, or does not finish in time; it carries what was seen. */
export interface McpTaskError extends Error {
  name: 'McpTaskError';
  client: string;
  tool: string;
  task?: McpTask;
  statuses: McpTaskStatus[];
  /** `tasks/result` of a failed task, when the server gave one. */
  result?: unknown;
}

const DEFAULT_TIMEOUT = 30_000;

class Run {
  readonly seen: McpTaskStatus[] = [];
  task?: McpTask;
  private readonly deadline: number;

  constructor(
    readonly client: TaskClient,
    readonly who: string,
    readonly tool: string,
    readonly options: McpTaskCallOptions,
  ) {
    this.deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
  }

  remaining(): number {
    return this.deadline - Date.now();
  }

  error(what: string, extra: { result?: unknown; cause?: unknown } = {}): McpTaskError {
    const where = this.task ? `task ${this.task.taskId}, ` : '';
    const seen = this.seen.length ? `; statuses seen: ${this.seen.join(' → ')}` : '';
    const error = new Error(`callToolAsTask(${this.who}, "${this.tool}"): ${where}${what}${seen}`, { cause: extra.cause }) as McpTaskError;
    return Object.assign(error, {
      name: 'McpTaskError' as const,
      client: this.who,
      tool: this.tool,
      task: this.task,
      statuses: [...this.seen],
    });
  }

  /** Set once the call gave up for time. */
  expired = false;

  timedOut(): McpTaskError {
    this.expired = true;
    const status = this.task ? `; its last status was ${describeTask(this.task).replace(/^task \S+ is /, '')}` : '';
    const hint =
      this.task?.status === 'input_required'
        ? '. The task waits for input: the server sends its requests through tasks/result, and the client answers them ' +
          'only with an elicitation or sampling responder in its config (testEnvironmentOptions.mcp.clients.<name>)'
        : '. Raise options.timeout if the tool needs longer';
    return this.error(`did not finish within ${this.options.timeout ?? DEFAULT_TIMEOUT} ms${status}${hint}`);
  }

  /** One request, bounded by what is left of the timeout; its failure is named with the task's context. */
  async request(method: string, params: Record<string, unknown>, cap = Infinity): Promise<unknown> {
    const left = Math.min(this.remaining(), cap);
    if (left <= 0) throw this.timedOut();
    try {
      return await this.client.request({ method, params }, ANY_RESULT, { timeout: Math.ceil(left) });
    } catch (error) {
      // The SDK's own timeout (set to what was left) may fire a hair before ours.
      if (this.remaining() <= 25) throw this.timedOut();
      throw this.error(`${method} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  }

  see(value: unknown, method: string): McpTask {
    const task = taskOf(value);
    if (!task) throw this.error(`${method} did not return a task, but ${describeNonTask(value)}`);
    this.task = task;
    noteStatus(this.seen, task.status);
    return task;
  }
}

function clientName(client: object): string {
  const name = typeof client === 'object' && client !== null ? (client as Record<symbol, unknown>)[CLIENT_NAME_KEY] : undefined;
  return typeof name === 'string' ? `mcpClients.${name}` : 'the client';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The text of a failed task's result, for the error, if the server gives one quickly. */
async function failureDetail(run: Run, taskId: string): Promise<{ text: string; result?: unknown }> {
  try {
    const result = await run.client.request({ method: 'tasks/result', params: { taskId } }, ANY_RESULT, {
      timeout: Math.max(1, Math.min(run.remaining(), 2000)),
    });
    const text = textItems(result)?.join('\n');
    return { text: text ? `; its result says: ${JSON.stringify(text.slice(0, 300))}` : '', result };
  } catch (error) {
    return { text: `; tasks/result: ${(error as Error)?.message ?? String(error)}` };
  }
}

async function finish(run: Run, task: McpTask): Promise<McpTaskCallOutcome> {
  if (task.status === 'failed' || task.status === 'cancelled') {
    const detail = task.status === 'failed' ? await failureDetail(run, task.taskId) : { text: '' };
    throw Object.assign(run.error(`the task ended ${JSON.stringify(task.status)}${statusMessage(task)}${detail.text}`), {
      result: detail.result,
    });
  }
  // Completed, or waiting for input: tasks/result delivers the server's requests and waits for the end.
  const result = await run.request('tasks/result', { taskId: task.taskId });
  const final = run.see(await run.request('tasks/get', { taskId: task.taskId }), 'tasks/get');
  if (final.status !== 'completed') return finish(run, final);
  return { task: final, result: result as McpTaskToolResult, statuses: [...run.seen] };
}

function statusMessage(task: McpTask): string {
  return typeof task.statusMessage === 'string' ? ` (statusMessage: ${JSON.stringify(task.statusMessage)})` : '';
}

/**
 * Calls a tool as a task and waits for its result: checks that the server and the tool support
 * tasks, sends `tools/call` with `task: { ttl }`, polls `tasks/get` (at the server's
 * `pollInterval`), fetches `tasks/result`. Throws an `McpTaskError` naming the client, the tool,
 * the task and its last status when the task fails, is cancelled, or outlasts `timeout`.
 */
export async function callToolAsTask(client: object, call: McpTaskToolCall, options: McpTaskCallOptions = {}): Promise<McpTaskCallOutcome> {
  const run = new Run(client as TaskClient, clientName(client), String(call?.name), options);
  checkTaskOptions(options, (what) => run.error(what));
  await checkTaskSupport(run.client, run.who, run.tool, (what) => run.error(what));
  const task = { ...(options.ttl !== undefined && { ttl: options.ttl }) };
  const created = await run.request('tools/call', { ...call, task });
  if (!taskOf(created) && Array.isArray((created as { content?: unknown } | null)?.content)) {
    throw run.error('the server answered tools/call with the tool result itself, not a CreateTaskResult: it ignored the task request');
  }
  try {
    let current = run.see(created, 'tools/call');
    while (!isTerminal(current.status) && current.status !== 'input_required') {
      await sleep(nextPollDelay(current, options.pollInterval, run.remaining()));
      if (run.remaining() <= 0) throw run.timedOut();
      current = run.see(await run.request('tasks/get', { taskId: current.taskId }), 'tasks/get');
    }
    return await finish(run, current);
  } catch (error) {
    if (run.expired && run.task && !isTerminal(run.task.status)) cancelQuietly(run, run.task.taskId);
    throw error;
  }
}

/** A task the test gave up on is cancelled, if the server can: it should not work on for nobody. */
function cancelQuietly(run: Run, taskId: string): void {
  const tasks = (run.client.getServerCapabilities?.() as { tasks?: { cancel?: unknown } } | undefined)?.tasks;
  if (!tasks?.cancel) return;
  run.client.request({ method: 'tasks/cancel', params: { taskId } }, ANY_RESULT, { timeout: 2000 }).catch(() => {});
}
