import * as path from 'node:path';
import { knownSecrets } from './known-secrets';
import { loadEnvFile } from './env-file';
import { Interpolation } from './interpolate';
import { mcpPath } from './paths';
import type { ServerSpec } from './specs';
import type { McpOptions } from './types';
import { authServerVariables, readAuthServers } from '../authserver/handoff';

/** The servers started for the run (`mcp.servers`), from validated options to what starting one needs. */

/** The host every server started for the run must listen on: `${HOST}`. */
export const SERVER_HOST = '127.0.0.1';
export const DEFAULT_LOG_DIR = '.jest-mcp/logs';
/** Seconds. */
export const DEFAULT_SERVER_TIMEOUTS = { ready: 30, stop: 5 } as const;

export interface ServerEntry {
  name: string;
  /** The configured port, if any. */
  port?: number;
  /** Equal for equal configs: a server still running from an earlier watch run can be reused. */
  fingerprint: string;
}

/** The servers to start, in declaration order. */
export function serverEntries(options: McpOptions, rootDir: string): ServerEntry[] {
  return Object.entries(options.servers ?? {}).map(([name, server]) => ({
    name,
    port: server.port,
    fingerprint: JSON.stringify([rootDir, options.envFile, options.logDir, server]),
  }));
}

function logFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
}

/**
 * Interpolates one server's config for the port it gets: `${PORT}` and `${HOST}` are this
 * server's (they win over the environment), `${authServers.<name>.issuer}` and `.jwksUri` the
 * run's authorization servers', `${VAR}` comes from the environment or the env file.
 */
export function resolveServer(
  options: McpOptions,
  name: string,
  ctx: { rootDir: string; port: number; env?: NodeJS.ProcessEnv },
): ServerSpec {
  const server = options.servers?.[name];
  if (!server) throw new Error(`jest-mcp: no server "${name}" in ${mcpPath('servers')}`);
  const where = mcpPath('servers', name);
  const envFile = loadEnvFile(ctx.rootDir, options.envFile);
  const port = String(ctx.port);
  // Every secret of the config, the clients' too: a server may log the headers it receives.
  const known = knownSecrets(options, ctx.rootDir, ctx.env ?? process.env);
  // The run's authorization servers: started first, published before any server starts. Their URLs are not secrets.
  const authVars = authServerVariables(readAuthServers(ctx.env ?? process.env));
  // Longest first: a literal is judged with these taken out, and a URL must go whole, not its host alone.
  const visible = [...Object.values(authVars).sort((a, b) => b.length - a.length), port, SERVER_HOST];
  const vars = new Interpolation({ ...(ctx.env ?? process.env), ...authVars, PORT: port, HOST: SERVER_HOST }, known, visible);
  const env = vars.record(server.env, `${where}.env`, (raw) => !/\$\{(PORT|HOST)[:}]/.test(raw));
  const transport = server.transport ?? 'streamable-http';
  const endpoint = server.path ?? (transport === 'sse' ? '/sse' : '/mcp');
  const output = server.output ?? 'file';
  const spec: ServerSpec = {
    name,
    where,
    command: vars.secret(server.command, `${where}.command`),
    args: (server.args ?? []).map((a, i) => vars.secret(a, `${where}.args[${i}]`)),
    env,
    cwd: path.resolve(ctx.rootDir, vars.secret(server.cwd ?? '.', `${where}.cwd`)),
    host: SERVER_HOST,
    port: ctx.port,
    fixedPort: server.port !== undefined,
    path: endpoint,
    transport,
    url: `http://${SERVER_HOST}:${port}${endpoint}`,
    readyHeaders: vars.record(server.readyHeaders, `${where}.readyHeaders`),
    readyTimeout: (server.readyTimeout ?? DEFAULT_SERVER_TIMEOUTS.ready) * 1000,
    stopTimeout: (server.stopTimeout ?? DEFAULT_SERVER_TIMEOUTS.stop) * 1000,
    output,
    logFile: output === 'file' ? path.resolve(ctx.rootDir, options.logDir ?? DEFAULT_LOG_DIR, logFileName(name)) : undefined,
    redactor: vars.redactor,
  };
  vars.finish(ctx.rootDir, envFile);
  return spec;
}
