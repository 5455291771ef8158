'use strict';
// A stdio MCP server with task-augmented tools (MCP 2025-11-25 "Tasks", SDK 1.x's experimental
// task API), for the task e2e tests.
// Usage: node tasks-server.js [--no-tasks-capability] [marker]   (stdio)
//        node tasks-server.js http [marker]   (Streamable HTTP on 127.0.0.1, prints "listening <port>")
// Tools:
//   quick          taskSupport optional: completes after ~300 ms, result text "quick done <n>"
//   fails          taskSupport required: fails after ~200 ms (statusMessage "disk full", isError result)
//   never-ends     taskSupport required: stays "working" for ever (pollInterval 50 ms)
//   cancelled      taskSupport required: is cancelled by the server after ~200 ms
//   slow-poll      taskSupport optional: done after ~50 ms, but suggests polling only every 1200 ms
//   waits-for-input taskSupport required: goes to "input_required" and never asks or ends
//   asks           taskSupport required: goes to "input_required", asks the client (elicitation,
//                  `account`) through the task's message queue, completes with "account: <answer>"
//   plain          no execution.taskSupport (forbidden): an ordinary tool
// --no-tasks-capability: the server declares no `tasks` capability (its tools still list taskSupport).
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { InMemoryTaskStore, InMemoryTaskMessageQueue } = require('@modelcontextprotocol/sdk/experimental/tasks');
const { ElicitResultSchema } = require('@modelcontextprotocol/sdk/types.js');

const declareTasks = !process.argv.includes('--no-tasks-capability');
const text = (t) => ({ content: [{ type: 'text', text: t }] });
let calls = 0;
const later = (ms, fn) => setTimeout(() => fn().catch((error) => process.stderr.write(`task error: ${error}\n`)), ms);

/** One server (over HTTP: one per session), with its own task store. */
function newServer() {
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
  server.experimental.tasks.registerToolTask(
    'asks',
    { description: 'asks (task)', execution: { taskSupport: 'required' } },
    {
      createTask: async (extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60_000, pollInterval: 50 });
        later(50, async () => {
          await extra.taskStore.updateTaskStatus(task.taskId, 'input_required', 'which account?');
          const params = {
            message: 'Which account?',
            requestedSchema: { type: 'object', properties: { account: { type: 'string' } }, required: ['account'] },
          };
          const answer = await extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema, {
            relatedTask: { taskId: task.taskId },
          });
          await extra.taskStore.updateTaskStatus(task.taskId, 'working', 'answered');
          await extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`account: ${answer.content?.account ?? answer.action}`));
        });
        return { task };
      },
      getTask: async (extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: async (extra) => extra.taskStore.getTaskResult(extra.taskId),
    },
  );
  server.registerTool('plain', { description: 'an ordinary tool' }, async () => ({ content: [{ type: 'text', text: 'plain' }] }));

  return server;
}

if (process.argv[2] === 'http') {
  const http = require('node:http');
  const { randomUUID } = require('node:crypto');
  const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const { readBody } = require('./http-body');
  const sessions = new Map(); // session id -> transport
  const serve = async (req, res) => {
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const id = req.headers['mcp-session-id'];
    if (id) {
      const transport = sessions.get(id);
      return transport ? transport.handleRequest(req, res, body) : res.writeHead(404).end('unknown session');
    }
    if (req.method !== 'POST') return res.writeHead(405).end();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => sessions.set(sid, transport),
      onsessionclosed: (sid) => sessions.delete(sid),
    });
    await newServer().connect(transport);
    return transport.handleRequest(req, res, body);
  };
  const listener = http.createServer((req, res) =>
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    }),
  );
  listener.listen(0, '127.0.0.1', () => console.log(`listening ${listener.address().port}`));
  process.on('SIGTERM', () => process.exit(0));
} else {
  newServer().connect(new StdioServerTransport());
  // The task store's TTL timers would keep the process alive after the client closed stdin.
  process.stdin.on('end', () => process.exit(0));
}
