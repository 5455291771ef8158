import { expectCleanExit, expectNoLeftovers } from '../helpers/checks';
import { EVERYTHING, type ListeningServer, TASKS_SERVER, V2_SERVER, node, startListening } from '../helpers/fixtures';
import { type JestRun, runJest } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';

/**
 * Task-augmented tool calls (MCP 2025-11-25 "Tasks") with `callToolAsTask` and
 * `toHaveTaskStatus`, on SDK 1.x and 2.x: server-everything's research task to completion and
 * through `input_required` (answered by the client's elicitation responder); a fixture server's
 * tasks that fail, are cancelled, never end (timeout), poll slowly (the server's pollInterval is
 * honoured); a tool and a server without task support; and, on 2.x, a modern-era session.
 */
const TEST_FILE = `/** @mcp-clients every, tasks, taskshttp, notasks */
  const { callToolAsTask } = require('jest-mcp');

  test('server-everything: a research task runs to completion', async () => {
    const { task, result, statuses } = await callToolAsTask(
      mcpClients.every,
      { name: 'simulate-research-query', arguments: { topic: 'tides' } },
      { timeout: 60000 },
    );
    expect(task).toHaveTaskStatus('completed');
    expect(result).toHaveTextContent('# Research Report: tides');
    expect(statuses[0]).toBe('working');
    expect(statuses[statuses.length - 1]).toBe('completed');
    expect(result).toBeInstanceOf(Object);
  }, 60000);

  test('server-everything: input_required is answered by the elicitation responder', async () => {
    mcpClients.every.received.clear();
    const { result, statuses } = await callToolAsTask(
      mcpClients.every,
      { name: 'simulate-research-query', arguments: { topic: 'python', ambiguous: true } },
      { timeout: 60000 },
    );
    expect(statuses).toContain('input_required');
    expect(result).toHaveTextContent('Clarification**: snake');
    const asked = await mcpClients.every.received.waitForRequest('elicitation/create');
    expect(asked.params.message).toMatch(/python/);
  }, 60000);

  test('input_required on the fixture, over stdio and Streamable HTTP: the responder answers through tasks/result', async () => {
    for (const client of [mcpClients.tasks, mcpClients.taskshttp]) {
      const { result, statuses } = await callToolAsTask(client, { name: 'asks' });
      expect(result).toHaveTextContent('account: acme');
      expect(statuses).toEqual(['working', 'input_required', 'completed']);
    }
    expect(mcpClients.taskshttp.received.requests.map((r) => r.params.message)).toEqual(['Which account?']);
  });

  test('the server\\'s pollInterval is honoured over the caller\\'s', async () => {
    const started = Date.now();
    const { task, statuses } = await callToolAsTask(mcpClients.tasks, { name: 'slow-poll' }, { pollInterval: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
    expect(statuses).toEqual(['working', 'completed']);
    expect(task.pollInterval).toBe(1200);
  });

  test('an optional-task tool as a task', async () => {
    const outcome = await callToolAsTask(mcpClients.tasks, { name: 'quick', arguments: {} }, { ttl: 5000 });
    expect(outcome).toHaveTaskStatus('completed');
    expect(outcome.result).toHaveTextContent(/^quick done \\d+$/);
    expect(outcome.statuses).toEqual(['working', 'completed']);
  });

  test('a failed task rejects, naming client, tool, task, status and its result', async () => {
    const error = await callToolAsTask(mcpClients.tasks, { name: 'fails' }).catch((e) => e);
    expect(error.name).toBe('McpTaskError');
    expect(error.message).toMatch(
      /^callToolAsTask\\(mcpClients\\.tasks, "fails"\\): task \\w+, the task ended "failed" \\(statusMessage: "disk full"\\); its result says: "could not write the report"; statuses seen: working → failed$/,
    );
    expect(error).toHaveTaskStatus('failed');
    expect(error.result).toBeToolError('could not write the report');
  });

  test('a cancelled task rejects', async () => {
    await expect(callToolAsTask(mcpClients.tasks, { name: 'cancelled' })).rejects.toThrow(
      /"cancelled"\\): task \\w+, the task ended "cancelled" \\(statusMessage: "operator stopped it"\\)/,
    );
  });

  test('a task that never ends times out with its last status', async () => {
    const started = Date.now();
    const error = await callToolAsTask(mcpClients.tasks, { name: 'never-ends' }, { timeout: 800 }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toMatch(/"never-ends"\\): task \\w+, did not finish within 800 ms; its last status was "working"\\. Raise options\\.timeout/);
    expect(error.statuses).toEqual(['working']);
    // Given up on, the task was cancelled (the server declares tasks.cancel).
    const anyResult = { safeParse: (data) => ({ success: true, data }), '~standard': { version: 1, vendor: 't', validate: (value) => ({ value }) } };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await mcpClients.tasks.request({ method: 'tasks/get', params: { taskId: error.task.taskId } }, anyResult);
    expect(after).toHaveTaskStatus('cancelled');
  });

  test('a task that waits for input nobody gives times out saying what it needs', async () => {
    const error = await callToolAsTask(mcpClients.tasks, { name: 'waits-for-input' }, { timeout: 1500 }).catch((e) => e);
    expect(error.message).toMatch(
      /"waits-for-input"\\): task \\w+, did not finish within 1500 ms; its last status was "input_required" \\(statusMessage: "which account\\?"\\)\\. The task waits for input: .*elicitation or sampling responder/,
    );
    expect(error.statuses).toEqual(['working', 'input_required']);
  });

  test('a tool without task support, an unknown tool, a server without tasks', async () => {
    await expect(callToolAsTask(mcpClients.tasks, { name: 'plain' })).rejects.toThrow(
      'callToolAsTask(mcpClients.tasks, "plain"): the tool does not support tasks: its execution.taskSupport is "forbidden"; call it with callTool() instead',
    );
    await expect(callToolAsTask(mcpClients.tasks, { name: 'quick' }, { timeout: '5s' })).rejects.toThrow(
      'callToolAsTask(mcpClients.tasks, "quick"): options.timeout must be milliseconds (a number above 0 to 2147483647), got "5s"',
    );
    await expect(callToolAsTask(mcpClients.tasks, { name: 'nope' })).rejects.toThrow('the server lists no tool "nope" (tools/list)');
    await expect(callToolAsTask(mcpClients.notasks, { name: 'quick' })).rejects.toThrow(
      'callToolAsTask(mcpClients.notasks, "quick"): the server does not support task-augmented tools/call (capabilities.tasks.requests.tools.call); it declares no \`tasks\` capability',
    );
  });
`;

const MODERN_TEST = `
  const { callToolAsTask } = require('jest-mcp');
  test('a 2026-07-28 session has no tasks', async () => {
    await expect(callToolAsTask(mcpClients.modern, { name: 'whoami' })).rejects.toThrow(
      /the session speaks the 2026-07-28 protocol, which has no tasks .*give clients\\.modern protocol: 'legacy' in config/,
    );
  });
`;

const runs: Record<string, { project: Project; run: JestRun }> = {};
const ACCOUNT = { response: { action: 'accept', content: { account: 'acme' } } };
let http: ListeningServer;

function configFor(project: Project, sdk: 'v1' | 'v2'): object {
  const m = project.marker;
  const clients: Record<string, object> = {
    every: {
      ...node(EVERYTHING, 'stdio', `${m}-every`),
      elicitation: { response: { action: 'accept', content: { interpretation: 'snake' } } },
    },
    tasks: { ...node(TASKS_SERVER, m), elicitation: ACCOUNT },
    taskshttp: { url: `http://127.0.0.1:${http.port}/mcp`, elicitation: ACCOUNT },
    notasks: node(TASKS_SERVER, '--no-tasks-capability', m),
  };
  if (sdk === 'v2') clients.modern = { ...node(V2_SERVER, 'stdio', '--tag', 'modern', m), protocol: '2026-07-28' };
  return { preset: 'jest-mcp', testEnvironmentOptions: { mcp: { sdk, clients } } };
}

beforeAll(async () => {
  http = await startListening(TASKS_SERVER, ['http']);
  for (const sdk of ['v1', 'v2'] as const) {
    const project = createProject({
      'tasks.test.js': TEST_FILE,
      ...(sdk === 'v2' && { 'modern.test.js': `/** @mcp-clients modern */\n${MODERN_TEST}` }),
    });
    project.writeConfig(configFor(project, sdk) as never);
    runs[sdk] = { project, run: undefined as never };
  }
  const [v1, v2] = await Promise.all([runJest(runs.v1.project.dir, { args: ['-i'] }), runJest(runs.v2.project.dir, { args: ['-w', '2'] })]);
  runs.v1.run = v1;
  runs.v2.run = v2;
});

afterAll(async () => {
  await http?.stop();
  Object.values(runs).forEach(({ project }) => project.remove());
});

test.each(['v1', 'v2'])('SDK %s: every task scenario passes', (sdk) => {
  const { run } = runs[sdk];
  expect(run.output).toMatch(sdk === 'v1' ? /Tests:\s+10 passed, 10 total/ : /Tests:\s+11 passed, 11 total/);
  expect(run.code).toBe(0);
});

test.each(['v1', 'v2'])('SDK %s: Jest exits by itself and leaves no server behind', (sdk) => {
  expectCleanExit(runs[sdk].run);
  expectNoLeftovers(runs[sdk].project);
});
