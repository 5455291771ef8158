import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A fresh project whose MCP server is TypeScript (src/, compiled by tsc to dist/ with source maps),
 * for `jest --coverage` of the servers jest-mcp starts. src/tools.ts has one function per way of
 * reaching the server, so the lines a run covers say which server process ran:
 *   - `add`:   the stdio client (`node dist/stdio.js`) and the tsx client (`npx tsx src/stdio.ts`)
 *   - both:    a per-test stdio client (`session: 'test'`), one test calling each
 *   - `shout`: the run-wide HTTP server `mcp.servers.web` (`node dist/http.js`)
 *   - `add`:   the in-process client (`{ module: './src/server.ts' }`), loaded by Jest through ts-jest
 * plus a stdio client in Python, which writes no V8 coverage. Each test file opens only its client
 * (`@mcp-clients`), so a run with one file covers one way.
 */

export const TOOLS = `export function add(a: number, b: number): number {
  const sum = a + b;
  return sum;
}

export function shout(text: string): string {
  const loud = text.toUpperCase();
  return \`\${loud}!\`;
}
`;

/** Lines of src/tools.ts that only one function runs. */
export const ADD_LINE = 2;
export const SHOUT_LINE = 7;

const SERVER = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { add, shout } from './tools';

export function createServer(): McpServer {
  const server = new McpServer({ name: 'coverage-fixture', version: '1.0.0' });
  server.tool('add', { a: z.number(), b: z.number() }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(add(a, b)) }] }));
  server.tool('v8dir', {}, async () => ({ content: [{ type: 'text', text: process.env.NODE_V8_COVERAGE ?? '' }] }));
  server.tool('shout', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text: shout(text) }] }));
  return server;
}
`;

const STDIO = `import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './server';

void createServer().connect(new StdioServerTransport());
`;

const HTTP = `import { createServer as createHttpServer } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer } from './server';

// Stateless: a server and a transport per request.
createHttpServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/mcp') {
    res.writeHead(405).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  await transport.handleRequest(req, res);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** A stdio MCP server that is not Node: jest-mcp can only name it as not covered. */
const PYTHON = `import json, sys
for line in sys.stdin:
    msg = json.loads(line)
    if 'id' not in msg:
        continue
    if msg['method'] == 'initialize':
        result = {'protocolVersion': msg['params']['protocolVersion'], 'capabilities': {'tools': {}}, 'serverInfo': {'name': 'py', 'version': '1'}}
    elif msg['method'] == 'tools/list':
        result = {'tools': []}
    else:
        result = {}
    sys.stdout.write(json.dumps({'jsonrpc': '2.0', 'id': msg['id'], 'result': result}) + '\\n')
    sys.stdout.flush()
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    rootDir: 'src',
    outDir: 'dist',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    sourceMap: true,
    types: ['node'],
  },
  include: ['src'],
};

/** For ts-jest: the same sources as CommonJS, which Jest's registry loads. */
const TS_JEST_CONFIG = { target: 'ES2022', module: 'commonjs', esModuleInterop: true, skipLibCheck: true, sourceMap: true };

const call = (client: string, tool: string, args: object, text: string) =>
  `/** @mcp-clients ${client} */
test('${client} ${tool}', async () => {
  const result = await mcpClients.${client}.callTool({ name: '${tool}', arguments: ${JSON.stringify(args)} });
  expect(result.content[0].text).toBe('${text}');
});
`;

export function serverCoverageFiles(marker: string): Record<string, string> {
  const mcp = {
    servers: { web: { command: 'node', args: ['dist/http.js', marker], env: { PORT: '${PORT}' } } },
    clients: {
      stdio: { command: 'node', args: ['dist/stdio.js', marker] },
      viaTsx: { command: 'npx', args: ['tsx', 'src/stdio.ts', marker] },
      // A server process per test: each one's coverage joins the file's result.
      perTest: { command: 'node', args: ['dist/stdio.js', marker], session: 'test' },
      web: { server: 'web' },
      python: { command: 'python3', args: ['server.py', marker] },
      // No process at all: Jest loads src/server.ts in the test file's registry and counts it itself.
      inProcess: { module: './src/server.ts', export: 'createServer' },
    },
  };
  return {
    'jest.config.js': `module.exports = ${JSON.stringify(
      {
        preset: 'jest-mcp',
        testMatch: ['<rootDir>/tests/**/*.test.js'],
        collectCoverageFrom: ['src/**/*.ts'],
        transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: TS_JEST_CONFIG, diagnostics: false }] },
        coverageReporters: ['json', 'text'],
        testEnvironmentOptions: { mcp },
      },
      null,
      2,
    )};\n`,
    'tsconfig.json': JSON.stringify(TSCONFIG, null, 2),
    'src/tools.ts': TOOLS,
    'src/server.ts': SERVER,
    'src/stdio.ts': STDIO,
    'src/http.ts': HTTP,
    'server.py': PYTHON,
    'tests/stdio.test.js': call('stdio', 'add', { a: 1, b: 2 }, '3'),
    'tests/tsx.test.js': call('viaTsx', 'add', { a: 2, b: 2 }, '4'),
    'tests/web.test.js': call('web', 'shout', { text: 'hi' }, 'HI!'),
    'tests/in-process.test.js': call('inProcess', 'add', { a: 3, b: 4 }, '7'),
    'tests/per-test.test.js':
      call('perTest', 'add', { a: 1, b: 1 }, '2') + call('perTest', 'shout', { text: 'a' }, 'A!').replace(/^\/\*\*.*\n/, ''),
    // Whether the server runs with V8 coverage: the run says which it expects.
    'tests/env.test.js': `/** @mcp-clients stdio */\ntest('v8dir', async () => {\n  const result = await mcpClients.stdio.callTool({ name: 'v8dir', arguments: {} });\n  expect(result.content[0].text !== '').toBe(process.env.EXPECT_V8 === '1');\n});\n`,
    'tests/python.test.js': `/** @mcp-clients python */\ntest('python lists', async () => {\n  expect((await mcpClients.python.listTools()).tools).toEqual([]);\n});\n`,
  };
}

/** The lines Jest's coverage-final.json has for a file, covered or not; undefined when the file is not in it. */
export function linesOf(dir: string, file: string): { covered: number[]; uncovered: number[] } | undefined {
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'coverage/coverage-final.json'), 'utf8')) as Record<
    string,
    { statementMap: Record<string, { start: { line: number } }>; s: Record<string, number> }
  >;
  const data = report[path.join(dir, file)];
  if (!data) return undefined;
  const covered = new Set<number>();
  const uncovered = new Set<number>();
  for (const [id, count] of Object.entries(data.s)) (count > 0 ? covered : uncovered).add(data.statementMap[id].start.line);
  return { covered: [...covered].sort((a, b) => a - b), uncovered: [...uncovered].filter((l) => !covered.has(l)).sort((a, b) => a - b) };
}

/** The files of coverage-final.json, relative to the project. */
export function filesOf(dir: string): string[] {
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'coverage/coverage-final.json'), 'utf8')) as Record<string, unknown>;
  return Object.keys(report)
    .map((file) => path.relative(dir, file))
    .sort();
}
