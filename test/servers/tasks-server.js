'use strict';
// A stdio MCP server with task-augmented tools (MCP 2025-11-25 "Tasks", SDK 1.x's experimental
// task API), for the task e2e tests. Usage: node tasks-server.js [--no-tasks-capability]
// Tools:
//   quick          taskSupport optional: completes after ~300 ms, result text "quick done <n>"
//   fails          taskSupport required: fails after ~200 ms (statusMessage "disk full", isError result)
//   never-ends     taskSupport required: stays "working" for ever (pollInterval 50 ms)
//   cancelled      taskSupport required: is cancelled by the server after ~200 ms
//   slow-poll      taskSupport optional: done after ~50 ms, but suggests polling only every 1200 ms
//   waits-for-input taskSupport required: goes to "input_required" and never asks or ends
//   plain          no execution.taskSupport (forbidden): an ordinary tool
// --no-tasks-capability: the server declares no `tasks` capability (its tools still list taskSupport).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { InMemoryTaskStore, InMemoryTaskMessageQueue } = require('@modelcontextprotocol/sdk/experimental/tasks');

const declareTasks = !process.argv.includes('--no-tasks-capability');
const taskStore = new InMemoryTaskStore();
const server = new McpServer(
  { name: 'tasks-fixture', version: '1.0.0' },
  {
    capabilities: {
      tools: {},
      ...(declareTasks && { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } }),
    },
    ...(declareTasks && { taskStore, taskMessageQueue: new InMemoryTaskMessageQueue() }),
  },
);

let calls = 0;
const later = (ms, fn) => setTimeout(() => fn().catch((error) => process.stderr.write(`task error: ${error}\n`)), ms);

/** A task tool whose background work `work(taskId, store)` runs after creation. */
function taskTool(name, taskSupport, pollInterval, work) {
  server.experimental.tasks.registerToolTask(
    name,
    { description: `${name} (task)`, execution: { taskSupport } },
    {
      createTask: async (extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60_000, pollInterval });
        work(task.taskId, extra.taskStore);
        return { task };
      },
      getTask: async (extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: async (extra) => extra.taskStore.getTaskResult(extra.taskId),
    },
  );
}

taskTool('quick', 'optional', 100, (taskId, store) => {
  const n = ++calls;
  later(150, () => store.updateTaskStatus(taskId, 'working', 'halfway'));
  later(300, () => store.storeTaskResult(taskId, 'completed', { content: [{ type: 'text', text: `quick done ${n}` }] }));
});
taskTool('fails', 'required', 100, (taskId, store) => {
  later(200, async () => {
    await store.updateTaskStatus(taskId, 'working', 'disk full');
    await store.storeTaskResult(taskId, 'failed', { content: [{ type: 'text', text: 'could not write the report' }], isError: true });
  });
});
taskTool('slow-poll', 'optional', 1200, (taskId, store) => {
  later(50, () => store.storeTaskResult(taskId, 'completed', { content: [{ type: 'text', text: 'slow-poll done' }] }));
});
taskTool('never-ends', 'required', 50, () => {});
taskTool('waits-for-input', 'required', 50, (taskId, store) => {
  later(50, () => store.updateTaskStatus(taskId, 'input_required', 'which account?'));
});
taskTool('cancelled', 'required', 100, (taskId, store) => {
  later(200, () => store.updateTaskStatus(taskId, 'cancelled', 'operator stopped it'));
});
server.registerTool('plain', { description: 'an ordinary tool' }, async () => ({ content: [{ type: 'text', text: 'plain' }] }));

server.connect(new StdioServerTransport());
// The task store's TTL timers would keep the process alive after the client closed stdin.
process.stdin.on('end', () => process.exit(0));
