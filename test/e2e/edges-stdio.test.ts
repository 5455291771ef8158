import { expectCleanExit, expectNoLeftovers, outputOfFile } from '../helpers/checks';
import { EDGES_STDIO, node } from '../helpers/fixtures';
import { runJest, type JestRun } from '../helpers/jest-process';
import { createProject, type Project } from '../helpers/project';
import { onlyClients } from '../helpers/test-files';

/**
 * What a stdio server's stdout can do to a pending call, and what the call then says: an
 * unfinished line left by a server that exits fails it at once, naming the line; a message broken
 * over lines fails it at once; an unfinished line of a server that stays up, or a log line, is
 * named when the call times out (the SDK's request timeout, or Jest's test timeout in the trace).
 * Secrets in what the server wrote are redacted.
 */
let project: Project;
let run: JestRun;
const TOKEN = 'edges-secret-token-4711';

beforeAll(async () => {
  project = createProject({
    'exits.test.js': `${onlyClients('exits')}
      test('a server that exits leaving half a line: the call fails at once, naming the line', async () => {
        const started = Date.now();
        const error = await mcpClients.exits.callTool({ name: 'half-line', arguments: { then: 'exit' } }).catch((e) => e);
        console.log('EXITS ' + (Date.now() - started) + ' ms\\n' + error.message);
        expect(Date.now() - started).toBeLessThan(4000);
      });
    `,
    'broken.test.js': `${onlyClients('broken')}
      test('a message broken over lines: the call fails at once, naming the line', async () => {
        const started = Date.now();
        const error = await mcpClients.broken.callTool({ name: 'pretty', arguments: {} }).catch((e) => e);
        console.log('BROKEN ' + (Date.now() - started) + ' ms\\n' + error.message);
        expect(Date.now() - started).toBeLessThan(4000);
      });
    `,
    'stays.test.js': `${onlyClients('stays')}
      test('half a line and silence: the request timeout names the line', async () => {
        const error = await mcpClients.stays
          .callTool({ name: 'half-line', arguments: { then: 'stay' } }, undefined, { timeout: 1500 })
          .catch((e) => e);
        console.log('STAYS\\n' + error.message);
      });
      test('half a line and silence until the test times out: the failure trace names the line', async () => {
        await mcpClients.stays.ping();
      }, 2000);
    `,
    'logs.test.js': `${onlyClients('logs')}
      test('a log line on stdout is read past, and named (redacted) when a later call times out', async () => {
        const logged = await mcpClients.logs.callTool({ name: 'log-line', arguments: { text: 'listening, token $TOKEN', answer: true } });
        expect(logged.content[0].text).toBe('logged');
        const error = await mcpClients.logs
          .callTool({ name: 'log-line', arguments: { text: 'second', answer: false } }, undefined, { timeout: 1500 })
          .catch((e) => e);
        console.log('LOGS\\n' + error.message);
      });
    `,
  });
  const m = project.marker;
  const edges = { ...node(EDGES_STDIO, m), env: { EDGES_TOKEN: '${EDGES_TOKEN}' } };
  project.writeConfig({
    preset: 'jest-mcp',
    testEnvironmentOptions: { mcp: { clients: { exits: edges, broken: edges, stays: edges, logs: edges } } },
  });
  run = await runJest(project.dir, { args: ['--maxWorkers=2'], env: { EDGES_TOKEN: TOKEN } });
});

afterAll(() => project?.remove());

test('an unfinished line left by a server that exited: at once, with the start of the line', () => {
  const text = outputOfFile(run, 'exits.test.js');
  expect(text).toMatch(/^PASS/);
  expect(text).toMatch(/EXITS \d+ ms/);
  expect(text).toContain(
    'It exited leaving 17 bytes of a line on stdout with no newline: "{\\"jsonrpc\\":\\"2.0\\"," (an unfinished message).',
  );
});

test('a message broken over lines: at once, naming the line and what a stdio server must write', () => {
  const text = outputOfFile(run, 'broken.test.js');
  expect(text).toMatch(/^PASS/);
  expect(text).toContain(
    'the server wrote a line to stdout that is not complete JSON (a message cut short, or broken over lines): "{". ' +
      'A stdio MCP server writes each message as one line of JSON, and only MCP messages to stdout.',
  );
});

test('half a line and silence: the timeout names the unfinished line, in the error and in the failure trace', () => {
  const text = outputOfFile(run, 'stays.test.js');
  expect(text).toMatch(/^FAIL/);
  expect(text).toMatch(
    /Request timed out\s+mcpClients\.stays: It has written 17 bytes of a line on stdout with no newline yet: "\{\\"jsonrpc\\":\\"2\.0\\","; a message is only read once its line ends\./,
  );
  expect(text).toMatch(/Exceeded timeout of 2000 ms/);
  expect(text).toMatch(/server stdout: It has written 17 bytes of a line on stdout with no newline yet/);
});

test('a log line: read past, then named with the secret redacted', () => {
  const text = outputOfFile(run, 'logs.test.js');
  expect(text).toMatch(/^PASS/);
  expect(text).toMatch(
    /Request timed out\s+mcpClients\.logs: It wrote 2 lines to stdout that are not MCP messages \(read past; logs belong on stderr\), the first: "listening, token \[redacted\]"\./,
  );
  expect(run.output).not.toContain(TOKEN);
});

test('Jest exits by itself and leaves no server behind', () => {
  expect(run.output).toMatch(/Tests:\s+1 failed, 4 passed, 5 total/);
  expectCleanExit(run);
  expectNoLeftovers(project);
});
