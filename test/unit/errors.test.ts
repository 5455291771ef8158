import { JestMcpError, McpConfigError, McpModuleError, McpServerError, McpSetupError, McpTeardownError } from '../../src/util/errors';
import { TimeoutError } from '../../src/util/timeout';

/** The stack of an error whose message says everything is only its first line. */
const frameless = (e: Error) => expect(e.stack).toBe(`${e.name}: ${e.message}`);
const withFrames = (e: Error) => expect(e.stack).toMatch(new RegExp(`^${e.name}: [^\\n]*\\n\\s+at `));

test('McpConfigError', () => {
  const e = new McpConfigError('mcp.clients.a.url: expected a string');
  expect(e).toBeInstanceOf(Error);
  expect(e).toBeInstanceOf(JestMcpError);
  expect([e.code, e.name, e.message]).toEqual(['JEST_MCP_CONFIG', 'McpConfigError', 'mcp.clients.a.url: expected a string']);
  frameless(e);
});

test('McpModuleError keeps its frames and the file', () => {
  const e = new McpModuleError('no function exported', '/x/auth.js');
  expect([e.code, e.name, e.file]).toEqual(['JEST_MCP_MODULE', 'McpModuleError', '/x/auth.js']);
  expect(e).toBeInstanceOf(JestMcpError);
  withFrames(e);
});

test('McpSetupError', () => {
  const e = new McpSetupError('could not open', 'notes', 'http', 'http://127.0.0.1:1/mcp');
  expect([e.code, e.name, e.client, e.transport, e.endpoint]).toEqual([
    'JEST_MCP_SETUP',
    'McpSetupError',
    'notes',
    'http',
    'http://127.0.0.1:1/mcp',
  ]);
  frameless(e);
});

test('McpTeardownError', () => {
  const e = new McpTeardownError('did not close', ['a', 'b']);
  expect([e.code, e.name, e.clients]).toEqual(['JEST_MCP_TEARDOWN', 'McpTeardownError', ['a', 'b']]);
  frameless(e);
});

test('McpServerError', () => {
  const e = new McpServerError('not ready', 'notes', undefined);
  expect([e.code, e.name, e.server, e.logFile]).toEqual(['JEST_MCP_SERVER', 'McpServerError', 'notes', undefined]);
  frameless(e);
  expect(new McpServerError('x', 's', '/tmp/log').logFile).toBe('/tmp/log');
});

test('TimeoutError keeps its frames: the step that waited is worth seeing', () => {
  const e = new TimeoutError(250, 'connect');
  expect([e.code, e.name, e.message, e.ms, e.step]).toEqual([
    'JEST_MCP_TIMEOUT',
    'TimeoutError',
    'connect did not finish within 0.25 s',
    250,
    'connect',
  ]);
  expect(e).toBeInstanceOf(JestMcpError);
  withFrames(e);
});

test('every code is distinct, so code can tell the errors apart', () => {
  const codes = [
    new McpConfigError('m').code,
    new McpModuleError('m', 'f').code,
    new McpSetupError('m', 'c', 't', 'e').code,
    new McpTeardownError('m', []).code,
    new McpServerError('m', 's', undefined).code,
    new TimeoutError(1, 's').code,
  ];
  expect(new Set(codes).size).toBe(6);
});
