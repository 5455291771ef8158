import { type McpTaskStatus, TASK_STATUSES, describeNonTask, isTaskStatus, taskOf } from '../realm/task-status';

/**
 * `toHaveTaskStatus`: where a task stands (MCP 2025-11-25 "Tasks"). It reads a Task, a
 * `GetTaskResult`, a `CreateTaskResult` or what `callToolAsTask` returns, by shape, from any realm.
 */

type MatcherResult = { pass: boolean; message: () => string };
type Context = { isNot?: boolean; utils: { printExpected(v: unknown): string; printReceived(v: unknown): string } };

function misuse(message: string): Error {
  return new Error(`toHaveTaskStatus: ${message}`);
}

export const taskMatchers = {
  toHaveTaskStatus(this: Context, received: unknown, expected: McpTaskStatus): MatcherResult {
    if (!isTaskStatus(expected)) {
      throw misuse(`expected one of ${TASK_STATUSES.join(', ')}, got ${this.utils.printExpected(expected)}`);
    }
    const task = taskOf(received);
    if (!task) {
      throw misuse(
        `expected a task ({ taskId, status }), a CreateTaskResult or GetTaskResult, or what callToolAsTask returns; received ${describeNonTask(received)}`,
      );
    }
    const pass = task.status === expected;
    const message = typeof task.statusMessage === 'string' ? `\nstatusMessage: ${this.utils.printReceived(task.statusMessage)}` : '';
    return {
      pass,
      message: () =>
        `expected task ${task.taskId} ${this.isNot ? 'not ' : ''}to have status ${this.utils.printExpected(expected)}\n` +
        `received status: ${this.utils.printReceived(task.status)}${message}`,
    };
  },
};

export interface TaskMatchers<R> {
  /** On a task, a `tasks/get` result, a `CreateTaskResult` or `callToolAsTask`'s outcome: its status is this one. */
  toHaveTaskStatus(status: McpTaskStatus): R;
}
