import { expect as globalsExpect, test } from '@jest/globals';
import { callToolAsTask, mcpMatchers, type McpClient, type McpTaskCallOutcome } from '../../src';
import { describeTask, isTerminal, nextPollDelay, noteStatus, taskOf, type McpTask, type McpTaskStatus } from '../../src/realm/task-status';

/** What a task is and where it stands, and `toHaveTaskStatus`: pure, and typed on both `expect`s. */

globalsExpect.extend(mcpMatchers);

const task: McpTask = { taskId: 't-1', status: 'working', statusMessage: 'halfway', pollInterval: 250, ttl: 60000 };

test('terminal statuses', () => {
  expect(['working', 'input_required', 'completed', 'failed', 'cancelled'].map((s) => isTerminal(s as McpTaskStatus))).toEqual([
    false,
    false,
    true,
    true,
    true,
  ]);
});

test("a task read from a Task, a GetTaskResult, a CreateTaskResult and callToolAsTask's outcome", () => {
  expect(taskOf(task)).toBe(task);
  expect(taskOf({ ...task, _meta: { x: 1 } })?.taskId).toBe('t-1');
  expect(taskOf({ task })).toBe(task);
  expect(taskOf({ task, result: { content: [] }, statuses: ['working'] })).toBe(task);
  expect(taskOf({ content: [] })).toBeUndefined();
  expect(taskOf({ taskId: 1, status: 'working' })).toBeUndefined();
  expect(taskOf(null)).toBeUndefined();
});

test("polls at the server's pollInterval, else the caller's, else 1 s; never past the deadline, never a busy loop", () => {
  expect(nextPollDelay(task, 10, 30000)).toBe(250);
  expect(nextPollDelay({ ...task, pollInterval: undefined }, 40, 30000)).toBe(40);
  expect(nextPollDelay({ ...task, pollInterval: undefined }, undefined, 30000)).toBe(1000);
  expect(nextPollDelay(task, undefined, 100)).toBe(100);
  expect(nextPollDelay({ ...task, pollInterval: 0 }, undefined, 30000)).toBe(10);
  expect(nextPollDelay(task, undefined, -5)).toBe(0);
});

test('statuses seen collapse repeats', () => {
  const seen: McpTaskStatus[] = [];
  for (const s of ['working', 'working', 'input_required', 'working', 'completed'] as const) noteStatus(seen, s);
  expect(seen).toEqual(['working', 'input_required', 'working', 'completed']);
});

test('a task described for messages', () => {
  expect(describeTask(task)).toBe('task t-1 is "working" (statusMessage: "halfway")');
  expect(describeTask({ taskId: 't-2', status: 'completed' })).toBe('task t-2 is "completed"');
});

test('toHaveTaskStatus passes and fails with the status and statusMessage', () => {
  expect(task).toHaveTaskStatus('working');
  expect({ task }).not.toHaveTaskStatus('completed');
  expect(() => expect(task).toHaveTaskStatus('completed')).toThrow(
    /expected task t-1 to have status "completed"\nreceived status: "working"\nstatusMessage: "halfway"/,
  );
  expect(() => expect(task).not.toHaveTaskStatus('working')).toThrow(/expected task t-1 not to have status "working"/);
});

test('toHaveTaskStatus on what is not a task, or an unknown status, says so', () => {
  expect(() => expect({ content: [] }).toHaveTaskStatus('completed')).toThrow(
    'toHaveTaskStatus: expected a task ({ taskId, status }), a CreateTaskResult or GetTaskResult, or what callToolAsTask returns; received an object with keys content',
  );
  // @ts-expect-error: not a task status
  expect(() => expect(task).toHaveTaskStatus('done')).toThrow(
    'toHaveTaskStatus: expected one of working, input_required, completed, failed, cancelled, got "done"',
  );
});

test("typed on @jest/globals' expect too", () => {
  globalsExpect(task).toHaveTaskStatus('working');
  // @ts-expect-error: takes a status
  expect(() => globalsExpect(task).toHaveTaskStatus(3)).toThrow(/got 3/);
});

/** Type-checked, never run: what a test file sees of callToolAsTask (no server here). */
export async function typesOfCallToolAsTask(client: McpClient): Promise<void> {
  const outcome: McpTaskCallOutcome = await callToolAsTask(
    client,
    { name: 'simulate-research-query', arguments: { topic: 'x' } },
    { ttl: 60000 },
  );
  const status: McpTaskStatus = outcome.task.status;
  const texts: string[] = outcome.result.content.map((c) => c.type);
  void [status, texts, outcome.statuses.includes('input_required')];
  // @ts-expect-error: a tool call needs a name
  await callToolAsTask(client, { arguments: {} });
  // @ts-expect-error: timeout is in milliseconds, a number
  await callToolAsTask(client, { name: 'x' }, { timeout: '5s' });
}
