import { isObject } from '../util/objects';
/**
 * What a task is and where it stands (MCP 2025-11-25, "Tasks"), read from shapes alone: the
 * helper `callToolAsTask` and the matcher `toHaveTaskStatus` share it. Pure, no SDK, any realm.
 */

export type McpTaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

export const TASK_STATUSES: readonly McpTaskStatus[] = ['working', 'input_required', 'completed', 'failed', 'cancelled'];

/** A task as the server describes it (`tasks/get`, or `task` of a `CreateTaskResult`). */
export interface McpTask {
  taskId: string;
  status: McpTaskStatus;
  statusMessage?: string;
  createdAt?: string;
  lastUpdatedAt?: string;
  /** Milliseconds the server keeps the task after creation; null: unlimited. */
  ttl?: number | null;
  /** Milliseconds the server suggests between `tasks/get` polls. */
  pollInterval?: number;
  [key: string]: unknown;
}

export function isTaskStatus(value: unknown): value is McpTaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

/** Completed, failed and cancelled are final: the status never changes again. */
export function isTerminal(status: McpTaskStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** A task itself (`{ taskId, status }`), or undefined. */
function asTask(value: unknown): McpTask | undefined {
  return isObject(value) && typeof value.taskId === 'string' && typeof value.status === 'string' ? (value as McpTask) : undefined;
}

/**
 * The task in a Task, a `GetTaskResult` (a task with `_meta`), a `CreateTaskResult` or anything
 * else with a `task` (what `callToolAsTask` returns), or undefined.
 */
export function taskOf(value: unknown): McpTask | undefined {
  return asTask(value) ?? (isObject(value) ? asTask(value.task) : undefined);
}

/** `task 1a2b is "failed" (statusMessage: "disk full")`, for messages. */
export function describeTask(task: McpTask): string {
  const message = typeof task.statusMessage === 'string' ? ` (statusMessage: ${JSON.stringify(task.statusMessage)})` : '';
  return `task ${task.taskId} is ${JSON.stringify(task.status)}${message}`;
}

/** What a value is, for a message that says it is not a task. */
export function describeNonTask(value: unknown): string {
  if (!isObject(value)) return value === null ? 'null' : typeof value;
  return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
}

/**
 * How long to wait before the next `tasks/get`: the server's `pollInterval` (the spec asks
 * requestors to honour it), else the caller's, else 1 s; never past the deadline, never below
 * `floor` ms (a server suggesting 0 must not make a busy loop).
 */
export function nextPollDelay(task: McpTask, fallback: number | undefined, remaining: number, floor = 10): number {
  const suggested = typeof task.pollInterval === 'number' && task.pollInterval >= 0 ? task.pollInterval : (fallback ?? 1000);
  return Math.max(0, Math.min(Math.max(suggested, floor), remaining));
}

/** Adds a status to the list of those seen, unless it repeats the last one. */
export function noteStatus(seen: McpTaskStatus[], status: McpTaskStatus): void {
  if (seen[seen.length - 1] !== status) seen.push(status);
}
