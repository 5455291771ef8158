import * as path from 'node:path';
import { SERVER_HOST, resolveServer, serverEntries } from '../../src/config/servers';
import type { McpOptions } from '../../src/config/types';
import { REDACTED } from '../../src/util/redact';

/** Servers started for the run: entries in order, and each one's spec for the port it gets. */

const ROOT = path.resolve('/project');

const options: McpOptions = {
  envFile: false,
  logDir: 'out/logs',
  servers: {
    api: {
      command: 'node',
      args: ['server.js', '--port', '${PORT}', '--host=${HOST}', '--key=${API_KEY}'],
      env: { LISTEN: '${HOST}:${PORT}', API_TOKEN: '${API_KEY}', MODE: 'test' },
      readyHeaders: { Authorization: 'Bearer ${API_KEY}' },
      readyTimeout: 2,
    },
    'legacy sse': { command: 'python', transport: 'sse', port: 4100, output: 'inherit', cwd: 'py' },
  },
};

test('server entries in declaration order; equal configs have equal fingerprints', () => {
  const entries = serverEntries(options, ROOT);
  expect(entries.map((e) => [e.name, e.port])).toEqual([
    ['api', undefined],
    ['legacy sse', 4100],
  ]);
  expect(serverEntries(structuredClone(options), ROOT)[0].fingerprint).toBe(entries[0].fingerprint);
  expect(serverEntries({ ...options, logDir: 'elsewhere' }, ROOT)[0].fingerprint).not.toBe(entries[0].fingerprint);
});

test('${PORT} and ${HOST} are the server own, and win over the environment', () => {
  const spec = resolveServer(options, 'api', {
    rootDir: ROOT,
    port: 43210,
    env: { API_KEY: 'k3y-secret-value', PORT: '1', HOST: '0.0.0.0' },
  });
  expect(spec.args).toEqual(['server.js', '--port', '43210', `--host=${SERVER_HOST}`, '--key=k3y-secret-value']);
  expect(spec.env).toEqual({ LISTEN: '127.0.0.1:43210', API_TOKEN: 'k3y-secret-value', MODE: 'test' });
  expect(spec).toMatchObject({
    where: 'testEnvironmentOptions.mcp.servers.api',
    url: 'http://127.0.0.1:43210/mcp',
    path: '/mcp',
    transport: 'streamable-http',
    fixedPort: false,
    cwd: ROOT,
    readyHeaders: { Authorization: 'Bearer k3y-secret-value' },
    readyTimeout: 2000,
    stopTimeout: 5000,
    output: 'file',
    logFile: path.join(ROOT, 'out/logs/api.log'),
  });
  // The port and host stay readable; the key is hidden wherever it appears.
  expect(spec.redactor.redact(`${spec.url} --key=k3y-secret-value`)).toBe(`http://127.0.0.1:43210/mcp --key=${REDACTED}`);
});

test('sse defaults to /sse; output inherit has no log file', () => {
  const spec = resolveServer(options, 'legacy sse', { rootDir: ROOT, port: 4100, env: {} });
  expect(spec).toMatchObject({
    url: 'http://127.0.0.1:4100/sse',
    fixedPort: true,
    output: 'inherit',
    logFile: undefined,
    cwd: path.join(ROOT, 'py'),
  });
});

test('missing variables of a server are one error', () => {
  expect(() => resolveServer(options, 'api', { rootDir: ROOT, port: 1, env: {} })).toThrow(
    'jest-mcp: missing environment variables:\n' +
      '  - testEnvironmentOptions.mcp.servers.api.env.API_TOKEN uses ${API_KEY}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.servers.api.args[4] uses ${API_KEY}, which is not set\n' +
      '  - testEnvironmentOptions.mcp.servers.api.readyHeaders.Authorization uses ${API_KEY}, which is not set\n',
  );
});
