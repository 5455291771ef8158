import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Project } from './project';

/**
 * The MCP servers the e2e projects are tested against (test/servers/, and the SDK's reference
 * server), and what it takes to use them: a client or server config that runs one under this
 * Node, one started by the test itself, free and taken ports, what they write down.
 */

/** stdio; `<tag> <events file|-> [flags] [marker]`; appends its lifecycle to the events file. */
export const CORE_STDIO = require.resolve('../servers/core-stdio.js');
/** Streamable HTTP and SSE with per-user bearer tokens; prints "listening <port>". */
export const CORE_HTTP = require.resolve('../servers/core-http.js');
/** A server for `mcp.servers`: listens on `--port ${PORT}`, logs its sessions and its SIGTERM. */
export const RUN_HTTP = require.resolve('../servers/run-http.js');
/** A server for `mcp.servers` slow to bind (`--port`, `--bind-after-ms`, `--announce FILE`); `whoami` says "slow-binder". */
export const SLOW_BINDER = require.resolve('../servers/slow-binder.js');
/** Another project's server on the same port (`--port N` or `--port-from FILE`); `whoami` says "impostor". */
export const IMPOSTOR = require.resolve('../servers/impostor.js');
/** Streamable HTTP that forgets sessions and hangs requests on demand. */
export const FAULT_HTTP = require.resolve('../servers/fault-http.js');
/** stdio that exits with code 3 when its `crash` tool is called. */
export const CRASH_STDIO = require.resolve('../servers/crash-stdio.js');
/** stdio that writes to stderr what its `shout` tool is given. */
export const STDERR_ECHO = require.resolve('../servers/stderr-echo.js');
/** Ignores SIGTERM, SIGINT, SIGHUP and EOF; `<marker> [--detach-child]` also starts a copy of itself in a new session (setsid). */
export const STUBBORN = require.resolve('../servers/stubborn.js');
/** stdio with the edge cases: floods of big notifications, half lines and log lines on stdout, results for textOf/jsonOf. */
export const EDGES_STDIO = require.resolve('../servers/edges-stdio.js');
/** Lists in pages (250 tools); flags for a cursor that loops and a failing prompts/list. */
export const PAGED_STDIO = require.resolve('../servers/paged-stdio.js');
/** stdio with a contract to snapshot: annotated tools with icons, an MCP App (ui:// resource, tools that open it); `--reorder`, `--schema-change`. */
export const CONTRACT_SERVER = require.resolve('../servers/contract-server.js');
/** OAuth authorization + resource server; `<port> <client id> <secret>`; ends when its stdin closes. */
export const OAUTH_SERVER = require.resolve('../servers/oauth-server.js');
/** Authorization code + PKCE with a login page, refresh rotation and grant counts (`GET /stats`). */
export const OAUTH_LOGIN_SERVER = require.resolve('../servers/oauth-login-server.js');
/** An MCP server protected by a separate authorization server: `<port> <issuer> <jwksUri> [scope]`; verifies JWTs with jose. */
export const PROTECTED_RESOURCE = require.resolve('../servers/protected-resource.js');
/** A headless browser and PKCE client for the test authorization server (required by generated tests). */
export const OAUTH_BROWSER = require.resolve('../servers/oauth-browser.js');
/** stdio with task tools (MCP 2025-11-25): quick, slow-poll, fails, cancelled, never-ends, plain; `--no-tasks-capability`. */
export const TASKS_SERVER = require.resolve('../servers/tasks-server.js');
/** stdio whose tools send 2025-11-25 requests: URL-mode elicitation then its completion, sampling with tools. */
export const CLIENT_REQUESTS = require.resolve('../servers/client-requests.js');
/** The SDK 2.x fixture server: `http|stdio [--tag NAME] [marker]`, both protocol eras. */
export const V2_SERVER = require.resolve('../servers/v2-server.js');
/** Five tools (`fail` always fails), two resources, two templates, three prompts; stdio, or `--port N` for HTTP. */
export const CATALOG = require.resolve('../servers/catalog.js');
/** The SDK's reference server (`<path> stdio`); extra arguments, such as a marker, are ignored. */
export const EVERYTHING = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

/** `{ command, args }` of a stdio client or a server of `mcp.servers` that runs `script` under this Node. */
export function node(script: string, ...args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [script, ...args] };
}

/**
 * For a generated test: the parsed answer of a CORE_STDIO client's `whoami`, with the values of
 * the environment variables `env` names.
 */
export function whoamiOf(client: string, env: string[] = []): string {
  return `JSON.parse((await mcpClients.${client}.callTool({ name: 'whoami', arguments: { env: ${JSON.stringify(env)} } })).content[0].text)`;
}

/** What jest-mcp's `logDir` holds for a server of `mcp.servers`: its stdout and stderr, by line. */
export function serverLog(project: Project, server: string, logDir = '.jest-mcp/logs'): string[] {
  return project.lines(`${logDir}/${server}.log`);
}

export interface ListeningServer {
  server: ChildProcess;
  port: number;
  /** SIGTERM, then waits for it to exit; nothing if it has exited already. */
  stop(): Promise<void>;
}

/**
 * Starts a fixture server (`node <script> ...args`) that prints "listening <port>" once it
 * listens on 127.0.0.1; resolves with the process and the port. The test stops it.
 */
export function startListening(
  script: string,
  args: string[],
  // 'pipe' for servers that end when their stdin closes, i.e. with the test process.
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<ListeningServer> {
  const server = spawn(process.execPath, [script, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  };
  let seen = '';
  return new Promise((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      // Across chunks: the line may arrive in pieces.
      seen += d;
      const port = /listening (\d+)/.exec(seen)?.[1];
      if (port) resolve({ server, port: Number(port), stop });
    });
    server.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code} before listening`)));
  });
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const { port, close } = await holdPort();
  await close();
  return port;
}

/** A port on 127.0.0.1 that this process listens on until `close`, so that nothing else can. */
export async function holdPort(): Promise<{ port: number; close(): Promise<void> }> {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as net.AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => holder.close(() => resolve())) };
}

/** The lines a fixture server appended to its `--events` file, without their trailing timestamps. */
export function eventsOf(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(0, -1).join(' '));
}
