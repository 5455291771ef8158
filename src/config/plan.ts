import * as path from 'node:path';
import { McpConfigError } from '../util/errors';
import { describeUrl } from '../util/redact';
import { didYouMean, listNames } from '../util/list-names';
import { knownSecrets } from './known-secrets';
import type { RunningServerInfo } from '../servers/handoff';
import { loadEnvFile } from './env-file';
import { Interpolation } from './interpolate';
import { SecretPolicy } from './secret-rules';
import { mcpPath } from './paths';
import { type AuthSpec, type ClientSpec, type ClientSpecBase, type HttpClientSpec, type McpPlan, DEFAULT_TIMEOUTS } from './specs';
import type {
  McpAuthOptions,
  McpClientOptions,
  McpHttpClientOptions,
  McpModuleClientOptions,
  McpOptions,
  McpServerClientOptions,
  McpStdioClientOptions,
} from './types';

/**
 * The clients one test file gets: those its `@mcp-clients` pragma names (all, without one), in
 * declaration order, interpolated and complete. Knows nothing of the SDK, opens nothing, and
 * reads no file but the env file.
 */

export interface PlanContext {
  rootDir: string;
  /** From the `@mcp-clients` docblock; undefined means "all clients". */
  selected?: string[];
  /** Where `${VAR}` comes from. Default `process.env` (read after the env file is loaded into it). */
  env?: NodeJS.ProcessEnv;
  /** The servers the global setup started (`readServers()`): where `server: name` clients connect. */
  servers: Record<string, RunningServerInfo>;
  /** Values never hidden in messages though they come from `env` (a file's temp directory). */
  visible?: string[];
  /** The protocol withProtocolMatrix set as `mcp.protocol` for this project, if it did. */
  matrix?: string;
}

/** Names from an `@mcp-clients a, b` docblock pragma (comma- or space-separated, may repeat). */
export function parseClientPragma(pragma: string | string[] | undefined): string[] | undefined {
  if (pragma === undefined) return undefined;
  const text = Array.isArray(pragma) ? pragma.join(' ') : pragma;
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Selects and interpolates: everything a test file needs before any connection. */
export function resolvePlan(options: McpOptions, ctx: PlanContext): McpPlan {
  // Every secret of the config, not only this file's clients': a test may print what any of them echoed.
  const redactor = knownSecrets(options, ctx.rootDir, ctx.env ?? process.env, ctx.visible);
  const plan: McpPlan = { clients: [], redactor, traces: options.traces !== false, snapshot: options.snapshot ?? {} };
  const clients = options.clients ?? {};
  const names = selectClients(Object.keys(clients), ctx.selected);
  if (names.length === 0) return plan;

  const envFile = loadEnvFile(ctx.rootDir, options.envFile);
  const vars = new Interpolation(ctx.env ?? process.env, plan.redactor, ctx.visible, new SecretPolicy(options.secrets));
  for (const name of names) plan.clients.push(clientSpec(options, name, clients[name], vars, ctx));
  vars.finish(ctx.rootDir, envFile);
  return plan;
}

/** Declaration order, not docblock order: the order of opening is the config's. */
function selectClients(configured: string[], selected: string[] | undefined): string[] {
  if (!selected) return configured;
  const unknown = selected.filter((n) => !configured.includes(n));
  if (unknown.length) {
    throw new McpConfigError(
      `jest-mcp: @mcp-clients names ${listNames(unknown, { quote: true })}, which ${unknown.length > 1 ? 'are' : 'is'} not configured.${didYouMean(unknown, configured)} ` +
        `Configured clients: ${listNames(configured)} (${mcpPath('clients')}).`,
    );
  }
  return configured.filter((n) => selected.includes(n));
}

function clientSpec(options: McpOptions, name: string, client: McpClientOptions, vars: Interpolation, ctx: PlanContext): ClientSpec {
  const where = mcpPath('clients', name);
  const base: ClientSpecBase = {
    name,
    where,
    redactor: vars.redactor,
    timeouts: {
      connect: (client.timeouts?.connect ?? options.timeouts?.connect ?? DEFAULT_TIMEOUTS.connect) * 1000,
      close: (client.timeouts?.close ?? options.timeouts?.close ?? DEFAULT_TIMEOUTS.close) * 1000,
    },
    session: client.session ?? 'file',
    protocol: client.protocol ?? options.protocol,
    protocolFrom: protocolFrom(options, client, where, ctx),
    roots: client.roots,
    sampling: client.sampling,
    elicitation: client.elicitation,
  };
  if ('server' in client) return serverClientSpec(options, client, base, vars, ctx);
  if ('url' in client) return httpClientSpec(client, base, vars, ctx);
  if ('module' in client) return moduleClientSpec(client, base, vars, ctx);
  return stdioClientSpec(client, base, vars, ctx);
}

function protocolFrom(options: McpOptions, client: McpClientOptions, where: string, ctx: PlanContext): ClientSpecBase['protocolFrom'] {
  if (client.protocol !== undefined) return { where: `${where}.protocol`, matrix: false };
  if (options.protocol === undefined) return undefined;
  return { where: mcpPath('protocol'), matrix: ctx.matrix !== undefined && ctx.matrix === options.protocol };
}

function serverClientSpec(
  options: McpOptions,
  client: McpServerClientOptions,
  base: ClientSpecBase,
  vars: Interpolation,
  ctx: PlanContext,
): ClientSpec {
  const server = ctx.servers[client.server];
  if (!server) {
    const configured = Object.keys(options.servers ?? {});
    throw new McpConfigError(
      `jest-mcp: ${base.where} uses server "${client.server}", which is not running: jest-mcp's global setup did not start it ` +
        `(configured servers: ${listNames(configured)}). ` +
        `If your config sets its own globalSetup, it replaced the preset's: compose them with withMcp() in jest.config, ` +
        `or call mcpGlobalSetup(globalConfig, projectConfig) and mcpGlobalTeardown(globalConfig, projectConfig) from 'jest-mcp' in yours ` +
        `(see the README, "Composing").`,
    );
  }
  return {
    ...base,
    kind: server.transport,
    url: server.url,
    headers: vars.record(client.headers, `${base.where}.headers`, 'header'),
    auth: authSpec(client.auth, `${base.where}.auth`, vars, ctx),
    server: { name: client.server, where: mcpPath('servers', client.server), log: server.log },
  };
}

function httpClientSpec(client: McpHttpClientOptions, base: ClientSpecBase, vars: Interpolation, ctx: PlanContext): ClientSpec {
  const url = vars.url(client.url, `${base.where}.url`);
  // As written in the config: `${VAR}` unexpanded, whatever the value would have been.
  if (!vars.urlCredentials(url)) vars.reject(`${base.where}.url`, `"${describeUrl(client.url)}" is not a valid URL`);
  const server = runServerAt(url, ctx.servers);
  return {
    ...base,
    kind: client.transport ?? 'streamable-http',
    url,
    headers: vars.record(client.headers, `${base.where}.headers`, 'header'),
    auth: authSpec(client.auth, `${base.where}.auth`, vars, ctx),
    ...(server && { server }),
  };
}

/**
 * The run's server a client reaches by its URL rather than by `server: name` (an inline
 * `withMcpClient({ url })`): it is that server's client all the same, for coverage and messages.
 */
function runServerAt(url: string, servers: PlanContext['servers']): HttpClientSpec['server'] {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return undefined;
  }
  for (const [name, info] of Object.entries(servers)) {
    if (new URL(info.url).href === href) return { name, where: mcpPath('servers', name), log: info.log };
  }
  return undefined;
}

function moduleClientSpec(client: McpModuleClientOptions, base: ClientSpecBase, vars: Interpolation, ctx: PlanContext): ClientSpec {
  const written = vars.text(client.module, `${base.where}.module`);
  return { ...base, kind: 'in-process', module: path.resolve(ctx.rootDir, written), moduleAsWritten: written, export: client.export };
}

function stdioClientSpec(client: McpStdioClientOptions, base: ClientSpecBase, vars: Interpolation, ctx: PlanContext): ClientSpec {
  // Args before the command: the order in which missing variables have always been listed.
  const args = (client.args ?? []).map((a, i, all) => vars.arg(a, `${base.where}.args[${i}]`, all[i - 1]));
  return {
    ...base,
    kind: 'stdio',
    command: vars.text(client.command, `${base.where}.command`),
    args,
    env: vars.record(client.env, `${base.where}.env`, 'env'),
    cwd: path.resolve(ctx.rootDir, vars.text(client.cwd ?? '.', `${base.where}.cwd`)),
    stderr: client.stderr ?? 'capture',
  };
}

function authSpec(auth: McpAuthOptions | undefined, where: string, vars: Interpolation, ctx: PlanContext): AuthSpec | undefined {
  if (auth === undefined) return undefined;
  if ('module' in auth) return { module: path.resolve(ctx.rootDir, vars.text(auth.module, `${where}.module`)) };
  const optional = (value: string | undefined, at: string) => (value === undefined ? undefined : vars.text(value, at));
  // Secrets are hidden whole, whether they came from `${VAR}` or were written in the config.
  const secret = (value: string | undefined, at: string) => {
    const text = optional(value, at);
    if (text !== undefined) vars.redactor.add(text);
    return text;
  };
  if ('authorizationCode' in auth) {
    const ac = auth.authorizationCode;
    const at = `${where}.authorizationCode`;
    const login = ac.login;
    return {
      authorizationCode: {
        clientId: optional(ac.clientId, `${at}.clientId`),
        clientSecret: secret(ac.clientSecret, `${at}.clientSecret`),
        clientMetadataUrl: optional(ac.clientMetadataUrl, `${at}.clientMetadataUrl`),
        scope: optional(ac.scope, `${at}.scope`),
        redirectUrl: optional(ac.redirectUrl, `${at}.redirectUrl`),
        login:
          login === undefined
            ? undefined
            : typeof login === 'string'
              ? path.resolve(ctx.rootDir, vars.text(login, `${at}.login`))
              : { username: vars.text(login.username, `${at}.login.username`), password: secret(login.password, `${at}.login.password`)! },
      },
    };
  }
  const cc = auth.clientCredentials;
  const at = `${where}.clientCredentials`;
  return {
    clientCredentials: {
      clientId: vars.text(cc.clientId, `${at}.clientId`),
      clientSecret: secret(cc.clientSecret, `${at}.clientSecret`),
      privateKey: secret(cc.privateKey, `${at}.privateKey`),
      algorithm: optional(cc.algorithm, `${at}.algorithm`),
      scope: optional(cc.scope, `${at}.scope`),
      issuer: optional(cc.issuer, `${at}.issuer`),
    },
  };
}

/** Who set a client's protocol, for messages that tell the user what to change. */
export function protocolSetBy(spec: ClientSpec): string {
  if (spec.protocolFrom?.matrix) return `withProtocolMatrix (it sets ${mcpPath('protocol')})`;
  return spec.protocolFrom?.where ?? `${spec.where}.protocol`;
}

/** SDK 1.x speaks only the 2025 protocol: any other `protocol` needs 2.x, which the message says how to get. */
export function assertProtocolsSupported(clients: readonly ClientSpec[], generation: 'v1' | 'v2'): void {
  if (generation === 'v2') return;
  const wanting = clients.filter((c) => c.protocol !== undefined && c.protocol !== 'legacy');
  if (!wanting.length) return;
  const fromMatrix = wanting.filter((c) => c.protocolFrom?.matrix);
  const own = wanting.filter((c) => !c.protocolFrom?.matrix);
  const said = [
    ...own.map((c) => {
      const where = c.protocolFrom?.where ?? `${c.where}.protocol`;
      return where.startsWith(c.where) ? `${where} is "${c.protocol}"` : `${where} is "${c.protocol}" (client ${c.name})`;
    }),
    ...(fromMatrix.length
      ? [
          `withProtocolMatrix runs this project on protocol "${fromMatrix[0].protocol}" (it sets ${mcpPath('protocol')}; clients ${fromMatrix.map((c) => c.name).join(', ')})`,
        ]
      : []),
  ];
  throw new McpConfigError(
    `jest-mcp: ${said.join(', ')}, but the tests use the MCP SDK 1.x, which speaks only the 2025 protocol ("legacy"). ` +
      `Install the 2.x client (npm install --save-dev @modelcontextprotocol/client@^2) and, if 1.x stays installed, set testEnvironmentOptions.mcp.sdk: 'v2'; ` +
      (fromMatrix.length ? `or keep only 'legacy' in withProtocolMatrix's list.` : `or use protocol: 'legacy'.`),
  );
}
