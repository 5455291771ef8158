import * as path from 'node:path';
import { McpConfigError } from '../util/errors';
import { loadEnvFile } from './env-file';
import { type AuthSpec, type ClientSpec, type ClientSpecBase, type McpPlan, type Responder, type ServerSpec, DEFAULT_TIMEOUTS } from './specs';
import { Redactor, describeUrl, isSecretLiteral } from '../util/redact';
import { readServers } from '../servers/handoff';

/**
 * Reads `testEnvironmentOptions.mcp`: validates its shape, picks the clients a test file asked
 * for, and interpolates `${VAR}`. Pure apart from reading the env file; knows nothing of the SDK.
 */

export { McpConfigError };

const WHERE = 'testEnvironmentOptions.mcp';
const TOP_KEYS = ['clients', 'timeouts', 'envFile', 'traces', 'snapshot', 'servers', 'logDir', 'globalSetup', 'globalTeardown'];
const COMMON_KEYS = ['transport', 'timeouts', 'session', 'roots', 'sampling', 'elicitation'];
const HTTP_KEYS = ['url', 'headers', 'auth', ...COMMON_KEYS];
const STDIO_KEYS = ['command', 'args', 'env', 'cwd', 'stderr', ...COMMON_KEYS];
const TRANSPORTS = ['streamable-http', 'sse', 'stdio'];

type Raw = Record<string, unknown>;

function kindOf(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (secret && typeof value === 'string') return 'a string (not shown)';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem so one run shows them all, not one per edit. */
class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
  unknownKeys(where: string, obj: Raw, allowed: string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(`${where}.${key}`, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }
  string(where: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || value === '') this.add(where, `expected a non-empty string, got ${kindOf(value)}`);
  }
  stringRecord(where: string, value: unknown): void {
    if (value === undefined) return;
    // headers, env: whatever was given in their place may be a secret too (a bare token string).
    if (!isPlainObject(value)) return this.add(where, `expected an object of strings, got ${kindOf(value, true)}`);
    for (const [k, v] of Object.entries(value)) {
      // Values are secrets: say what type they are, never what they hold.
      if (typeof v !== 'string') this.add(`${where}.${k}`, `expected a string, got ${v === null ? 'null' : typeof v}`);
    }
  }
  roots(where: string, value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) return this.add(where, `expected an array of { uri, name? }, got ${kindOf(value)}`);
    value.forEach((root, i) => {
      if (!isPlainObject(root)) return this.add(`${where}[${i}]`, `expected { uri, name? }, got ${kindOf(root)}`);
      this.unknownKeys(`${where}[${i}]`, root, ['uri', 'name']);
      this.string(`${where}[${i}].uri`, root.uri);
      this.string(`${where}[${i}].name`, root.name, true);
    });
  }
  auth(where: string, value: unknown): void {
    if (value === undefined) return;
    const expected = 'expected { clientCredentials: { clientId, clientSecret, scope?, issuer? } } or { module: "path" }';
    if (!isPlainObject(value)) return this.add(where, `${expected}, got ${kindOf(value, true)}`);
    const keys = Object.keys(value);
    if (keys.length !== 1 || !['clientCredentials', 'module'].includes(keys[0])) return this.add(where, `${expected}, got keys ${keys.join(', ') || '(none)'}`);
    if (keys[0] === 'module') return this.string(`${where}.module`, value.module);
    const cc = value.clientCredentials;
    if (!isPlainObject(cc)) return this.add(`${where}.clientCredentials`, `expected { clientId, clientSecret, scope? }, got ${kindOf(cc, true)}`);
    this.unknownKeys(`${where}.clientCredentials`, cc, ['clientId', 'clientSecret', 'scope', 'issuer']);
    // Never echo these values: a misplaced secret must not end up in a config error.
    for (const key of ['clientId', 'clientSecret']) {
      if (typeof cc[key] !== 'string' || cc[key] === '') this.add(`${where}.clientCredentials.${key}`, 'expected a non-empty string');
    }
    for (const key of ['scope', 'issuer']) {
      if (cc[key] !== undefined && typeof cc[key] !== 'string') this.add(`${where}.clientCredentials.${key}`, 'expected a string');
    }
  }
  responder(where: string, value: unknown): void {
    if (value === undefined) return;
    const expected = 'expected { response: {...} } (a static answer) or { module: "path" } (a module exporting a function)';
    if (!isPlainObject(value)) return this.add(where, `${expected}, got ${kindOf(value)}`);
    const keys = Object.keys(value);
    if (keys.length !== 1 || !['response', 'module'].includes(keys[0])) return this.add(where, `${expected}, got keys ${keys.join(', ') || '(none)'}`);
    if (keys[0] === 'response' && !isPlainObject(value.response)) this.add(`${where}.response`, `expected an object, got ${kindOf(value.response)}`);
    if (keys[0] === 'module') this.string(`${where}.module`, value.module);
  }
  timeouts(where: string, value: unknown): void {
    if (value === undefined) return;
    if (!isPlainObject(value)) return this.add(where, `expected an object { connect?, close? } in seconds, got ${kindOf(value)}`);
    this.unknownKeys(where, value, ['connect', 'close']);
    for (const key of ['connect', 'close']) {
      const v = value[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        this.add(`${where}.${key}`, `expected a positive number of seconds, got ${kindOf(v)}`);
      }
    }
  }
}

function validateClient(p: Problems, where: string, client: unknown): void {
  if (!isPlainObject(client)) return p.add(where, `expected an object with \`url\`, \`command\` or \`server\`, got ${kindOf(client)}`);
  if ('server' in client) return validateServerClient(p, where, client);
  const { transport } = client;
  if (transport !== undefined && (typeof transport !== 'string' || !TRANSPORTS.includes(transport))) {
    p.add(`${where}.transport`, `unknown transport ${kindOf(transport)}; expected one of ${TRANSPORTS.join(', ')}`);
    return;
  }
  const hasUrl = 'url' in client;
  const hasCommand = 'command' in client;
  if (hasUrl && hasCommand) return p.add(where, 'has both `url` and `command`; use `url` for HTTP or `command` for stdio');
  if (!hasUrl && !hasCommand) {
    return p.add(where, 'has neither `url` (Streamable HTTP or SSE) nor `command` (stdio); set one of them');
  }
  if (hasUrl) {
    if (transport === 'stdio') p.add(`${where}.transport`, '`stdio` needs `command`, not `url`');
    p.unknownKeys(where, client, HTTP_KEYS);
    p.string(`${where}.url`, client.url);
    p.stringRecord(`${where}.headers`, client.headers);
    p.auth(`${where}.auth`, client.auth);
  } else {
    if (transport !== undefined && transport !== 'stdio') p.add(`${where}.transport`, `\`${transport}\` needs \`url\`, not \`command\``);
    p.unknownKeys(where, client, STDIO_KEYS);
    p.string(`${where}.command`, client.command);
    if (client.args !== undefined && !(Array.isArray(client.args) && client.args.every((a) => typeof a === 'string'))) {
      p.add(`${where}.args`, `expected an array of strings, got ${kindOf(client.args)}`);
    }
    p.stringRecord(`${where}.env`, client.env);
    p.string(`${where}.cwd`, client.cwd, true);
    if (client.stderr !== undefined && client.stderr !== 'capture' && client.stderr !== 'inherit') {
      p.add(`${where}.stderr`, `expected "capture" or "inherit", got ${kindOf(client.stderr)}`);
    }
  }
  validateClientCommon(p, where, client);
}

/** What every kind of client may have. */
function validateClientCommon(p: Problems, where: string, client: Raw): void {
  p.timeouts(`${where}.timeouts`, client.timeouts);
  if (client.session !== undefined && client.session !== 'file' && client.session !== 'test') {
    p.add(`${where}.session`, `expected "file" (one session per test file) or "test" (one per test), got ${kindOf(client.session)}`);
  }
  p.roots(`${where}.roots`, client.roots);
  p.responder(`${where}.sampling`, client.sampling);
  p.responder(`${where}.elicitation`, client.elicitation);
}

function validateSnapshot(p: Problems, value: unknown): void {
  const where = `${WHERE}.snapshot`;
  if (value === undefined || value === false) return;
  if (!isPlainObject(value)) return p.add(where, `expected false or { keys?, patterns?, tokens? }, got ${kindOf(value)}`);
  p.unknownKeys(where, value, ['keys', 'patterns', 'tokens']);
  for (const key of ['keys', 'patterns']) {
    const list = value[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((k) => typeof k === 'string'))) {
      p.add(`${where}.${key}`, `expected an array of strings, got ${kindOf(list)}`);
    }
  }
  for (const [i, source] of ((Array.isArray(value.patterns) ? value.patterns : []) as unknown[]).entries()) {
    try {
      new RegExp(source as string, 'g');
    } catch (error) {
      p.add(`${where}.patterns[${i}]`, `not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (value.tokens !== undefined && typeof value.tokens !== 'boolean') p.add(`${where}.tokens`, `expected true or false, got ${kindOf(value.tokens)}`);
}

/** Throws one `McpConfigError` listing every problem in the raw options. */
export function validateOptions(raw: unknown): void {
  const p = new Problems();
  if (!isPlainObject(raw)) {
    p.add(WHERE, `expected an object, got ${kindOf(raw)}`);
  } else {
    p.unknownKeys(WHERE, raw, TOP_KEYS);
    if (raw.clients !== undefined) {
      if (!isPlainObject(raw.clients)) p.add(`${WHERE}.clients`, `expected an object of named clients, got ${kindOf(raw.clients)}`);
      else for (const [name, c] of Object.entries(raw.clients)) validateClient(p, `${WHERE}.clients.${name}`, c);
    }
    p.timeouts(`${WHERE}.timeouts`, raw.timeouts);
    validateSnapshot(p, raw.snapshot);
    if (raw.traces !== undefined && typeof raw.traces !== 'boolean') {
      p.add(`${WHERE}.traces`, `expected true or false, got ${kindOf(raw.traces)}`);
    }
    if (raw.envFile !== undefined && raw.envFile !== false && (typeof raw.envFile !== 'string' || raw.envFile === '')) {
      p.add(`${WHERE}.envFile`, `expected a path or false, got ${kindOf(raw.envFile)}`);
    }
    validateServers(p, raw);
  }
  if (p.list.length) {
    throw new McpConfigError(`jest-mcp: invalid configuration:\n${p.list.map((l) => `  - ${l}`).join('\n')}`);
  }
}

/** Names from an `@mcp-clients a, b` docblock pragma (comma- or space-separated, may repeat). */
export function parseClientPragma(pragma: string | string[] | undefined): string[] | undefined {
  if (pragma === undefined) return undefined;
  const text = Array.isArray(pragma) ? pragma.join(' ') : pragma;
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

const VAR = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Interpolates `${NAME}` and `${NAME:-default}`; `$${` stays a literal `${`. */
export function interpolate(
  value: string,
  where: string,
  env: NodeJS.ProcessEnv,
  missing: string[],
  used?: string[],
): string {
  return value.replace(VAR, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${';
    const found = env[name];
    if (found !== undefined && found !== '') {
      used?.push(found);
      return found;
    }
    if (fallback !== undefined) return fallback;
    missing.push(`${where} uses \${${name}}, which is not set`);
    return match;
  });
}

/**
 * Interpolates a record of header or env values. Values from `${VAR}` are redacted by `expand`;
 * literal ones only when they look secret (`mayBeSecret` can exclude some, e.g. a `${PORT}`).
 */
function resolveRecord(
  record: unknown,
  at: string,
  expand: (value: string, where: string) => string,
  redactor: Redactor,
  mayBeSecret: (raw: string) => boolean = () => true,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((record ?? {}) as Record<string, string>)) {
    out[k] = expand(v, `${at}.${k}`);
    if (mayBeSecret(v) && isSecretLiteral(k, out[k])) redactor.add(out[k]);
  }
  return out;
}

function seconds(...candidates: Array<number | undefined>): number {
  return (candidates.find((c) => c !== undefined) as number) * 1000;
}

export interface ResolveContext {
  rootDir: string;
  /** From the `@mcp-clients` docblock; undefined means "all clients". */
  selected?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Validates, selects and interpolates: everything a test file needs before any connection. */
export function resolvePlan(raw: unknown, ctx: ResolveContext): McpPlan {
  const redactor = new Redactor();
  if (raw === undefined) raw = {};
  validateOptions(raw);
  const options = raw as Raw;
  const clients = (options.clients ?? {}) as Record<string, Raw>;
  const configured = Object.keys(clients);

  let names = configured;
  if (ctx.selected) {
    const unknown = ctx.selected.filter((n) => !configured.includes(n));
    if (unknown.length) {
      throw new McpConfigError(
        `jest-mcp: @mcp-clients names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not configured. ` +
          `Configured clients: ${configured.length ? configured.join(', ') : '(none)'} (${WHERE}.clients).`,
      );
    }
    // Declaration order, not docblock order: the order of opening is the config's.
    names = configured.filter((n) => ctx.selected!.includes(n));
  }
  if (names.length === 0) return { clients: [], redactor };

  const envFile = loadEnvFile(ctx.rootDir, options.envFile as string | false | undefined);
  const env = ctx.env ?? process.env;
  const missing: string[] = [];
  const specs: ClientSpec[] = [];
  const top = (options.timeouts ?? {}) as Raw;

  for (const name of names) {
    const c = clients[name];
    const where = `${WHERE}.clients.${name}`;
    const own = (c.timeouts ?? {}) as Raw;
    const timeouts = {
      connect: seconds(own.connect as number, top.connect as number, DEFAULT_TIMEOUTS.connect),
      close: seconds(own.close as number, top.close as number, DEFAULT_TIMEOUTS.close),
    };
    const serverRequests = {
      session: (c.session as 'file' | 'test' | undefined) ?? 'file',
      roots: c.roots as ClientSpecBase['roots'],
      sampling: c.sampling as Responder | undefined,
      elicitation: c.elicitation as Responder | undefined,
    };
    const resolveAuth = (auth: unknown): AuthSpec | undefined => {
      if (!isPlainObject(auth)) return undefined;
      if (typeof auth.module === 'string') return { module: path.resolve(ctx.rootDir, interpolate(auth.module, `${where}.auth.module`, env, missing)) };
      const cc = auth.clientCredentials as Record<string, string>;
      const clientSecret = interpolate(cc.clientSecret, `${where}.auth.clientCredentials.clientSecret`, env, missing);
      const clientId = interpolate(cc.clientId, `${where}.auth.clientCredentials.clientId`, env, missing);
      redactor.add(clientSecret);
      const optional = (key: 'scope' | 'issuer') =>
        cc[key] === undefined ? undefined : interpolate(cc[key], `${where}.auth.clientCredentials.${key}`, env, missing);
      return { clientCredentials: { clientId, clientSecret, scope: optional('scope'), issuer: optional('issuer') } };
    };
    const expand = (value: string, at: string): string => {
      const used: string[] = [];
      const out = interpolate(value, at, env, missing, used);
      redactor.add(...used);
      return out;
    };
    const secretRecord = (record: unknown, key: string) => resolveRecord(record, `${where}.${key}`, expand, redactor);
    if (typeof c.server === 'string') {
      const server = runningServer(options, c.server, where, env);
      specs.push({
        name,
        where,
        kind: server.transport,
        url: server.url,
        headers: secretRecord(c.headers, 'headers'),
        auth: resolveAuth(c.auth),
        timeouts,
        server: { name: c.server, log: server.log },
        ...serverRequests,
      });
    } else if (typeof c.url === 'string') {
      const url = interpolate(c.url, `${where}.url`, env, missing);
      try {
        const parsed = new URL(url);
        redactor.add(decodeURIComponent(parsed.password), parsed.password);
        for (const v of parsed.searchParams.values()) redactor.add(v);
      } catch {
        if (!missing.length) missing.push(`${where}.url: "${describeUrl(url)}" is not a valid URL`);
      }
      specs.push({
        name,
        where,
        kind: (c.transport as 'sse' | undefined) ?? 'streamable-http',
        url,
        headers: secretRecord(c.headers, 'headers'),
        auth: resolveAuth(c.auth),
        timeouts,
        ...serverRequests,
      });
    } else {
      const args = ((c.args ?? []) as string[]).map((a, i) => expand(a, `${where}.args[${i}]`));
      specs.push({
        name,
        where,
        kind: 'stdio',
        command: interpolate(c.command as string, `${where}.command`, env, missing),
        args,
        env: secretRecord(c.env, 'env'),
        cwd: path.resolve(ctx.rootDir, interpolate((c.cwd as string | undefined) ?? '.', `${where}.cwd`, env, missing)),
        stderr: (c.stderr as 'capture' | 'inherit' | undefined) ?? 'capture',
        timeouts,
        ...serverRequests,
      });
    }
  }
  if (missing.length) {
    const from = envFile ? `the environment or ${envFile.path}` : `the environment or a .env file in ${ctx.rootDir}`;
    throw new McpConfigError(
      `jest-mcp: missing environment variables:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        `Set them in ${from}, or give a default with \${NAME:-default}.`,
    );
  }
  return { clients: specs, redactor };
}

// ---------------------------------------------------------------------------------------------
// Servers started for the run (`mcp.servers`) and the clients that use them (`server: name`).

const SERVERS = `${WHERE}.servers`;
const SERVER_KEYS = ['command', 'args', 'env', 'cwd', 'port', 'path', 'transport', 'readyHeaders', 'readyTimeout', 'stopTimeout', 'output'];
const SERVER_TRANSPORTS = ['streamable-http', 'sse'];

/** The host every server started for the run must listen on: `${HOST}`. */
export const SERVER_HOST = '127.0.0.1';
export const DEFAULT_LOG_DIR = '.jest-mcp/logs';
/** Seconds. */
export const DEFAULT_SERVER_TIMEOUTS = { ready: 30, stop: 5 } as const;

function validateServerClient(p: Problems, where: string, client: Raw): void {
  p.string(`${where}.server`, client.server);
  for (const key of ['url', 'command'] as const) {
    if (key in client) p.add(`${where}.${key}`, `a client with \`server\` gets its URL from the server; remove \`${key}\``);
  }
  if ('transport' in client) {
    p.add(`${where}.transport`, `a client with \`server\` uses the server's transport (${SERVERS}.<name>.transport); remove it`);
  }
  const rest = Object.fromEntries(Object.entries(client).filter(([k]) => !['url', 'command', 'transport'].includes(k)));
  p.unknownKeys(where, rest, ['server', 'headers', 'auth', ...COMMON_KEYS.filter((k) => k !== 'transport')]);
  p.stringRecord(`${where}.headers`, client.headers);
  p.auth(`${where}.auth`, client.auth);
  validateClientCommon(p, where, client);
}

function positiveSeconds(p: Problems, where: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    p.add(where, `expected a positive number of seconds, got ${kindOf(value)}`);
  }
}

function validateServer(p: Problems, where: string, server: unknown): void {
  if (!isPlainObject(server)) return p.add(where, `expected an object with \`command\`, got ${kindOf(server)}`);
  p.unknownKeys(where, server, SERVER_KEYS);
  p.string(`${where}.command`, server.command);
  if (server.args !== undefined && !(Array.isArray(server.args) && server.args.every((a) => typeof a === 'string'))) {
    p.add(`${where}.args`, `expected an array of strings, got ${kindOf(server.args)}`);
  }
  p.stringRecord(`${where}.env`, server.env);
  p.string(`${where}.cwd`, server.cwd, true);
  const { port } = server;
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536)) {
    p.add(`${where}.port`, `expected a port number (1-65535), got ${kindOf(port)}; leave it out to let jest-mcp pick a free one`);
  }
  if (server.path !== undefined && !(typeof server.path === 'string' && server.path.startsWith('/'))) {
    p.add(`${where}.path`, `expected a path starting with "/", got ${kindOf(server.path)}`);
  }
  const { transport } = server;
  if (transport !== undefined && !(typeof transport === 'string' && SERVER_TRANSPORTS.includes(transport))) {
    p.add(`${where}.transport`, `unknown transport ${kindOf(transport)}; expected one of ${SERVER_TRANSPORTS.join(', ')}`);
  }
  p.stringRecord(`${where}.readyHeaders`, server.readyHeaders);
  positiveSeconds(p, `${where}.readyTimeout`, server.readyTimeout);
  positiveSeconds(p, `${where}.stopTimeout`, server.stopTimeout);
  if (server.output !== undefined && server.output !== 'file' && server.output !== 'inherit') {
    p.add(`${where}.output`, `expected "file" or "inherit", got ${kindOf(server.output)}`);
  }
}

/** `servers`, `logDir`, the global hook modules, and that every `server: name` names a server. */
function validateServers(p: Problems, raw: Raw): void {
  p.string(`${WHERE}.logDir`, raw.logDir, true);
  p.string(`${WHERE}.globalSetup`, raw.globalSetup, true);
  p.string(`${WHERE}.globalTeardown`, raw.globalTeardown, true);
  let names: string[] = [];
  if (raw.servers !== undefined) {
    if (!isPlainObject(raw.servers)) {
      p.add(SERVERS, `expected an object of named servers, got ${kindOf(raw.servers)}`);
    } else {
      names = Object.keys(raw.servers);
      const ports = new Map<unknown, string>();
      for (const [name, server] of Object.entries(raw.servers)) {
        validateServer(p, `${SERVERS}.${name}`, server);
        const port = isPlainObject(server) ? server.port : undefined;
        if (typeof port !== 'number') continue;
        const other = ports.get(port);
        if (other !== undefined) p.add(`${SERVERS}.${name}.port`, `${String(port)} is also the port of server "${other}"`);
        ports.set(port, name);
      }
    }
  }
  if (!isPlainObject(raw.clients)) return;
  for (const [name, client] of Object.entries(raw.clients)) {
    if (!isPlainObject(client) || typeof client.server !== 'string' || client.server === '') continue;
    if (!names.includes(client.server)) {
      p.add(
        `${WHERE}.clients.${name}.server`,
        `names server "${client.server}", which is not configured; configured servers: ${names.length ? names.join(', ') : '(none)'} (${SERVERS})`,
      );
    }
  }
}

/** Where a `server: name` client connects, as the global setup published it. */
function runningServer(options: Raw, server: string, where: string, env: NodeJS.ProcessEnv) {
  const running = readServers(env)[server];
  if (running) return running;
  const configured = Object.keys((options.servers ?? {}) as Raw);
  throw new McpConfigError(
    `jest-mcp: ${where} uses server "${server}", which is not running: jest-mcp's global setup did not start it ` +
      `(configured servers: ${configured.join(', ') || '(none)'}). ` +
      `If your config sets its own globalSetup, it replaced the preset's: compose them with withMcp() in jest.config, ` +
      `or call mcpGlobalSetup(globalConfig, projectConfig) and mcpGlobalTeardown(globalConfig, projectConfig) from 'jest-mcp' in yours ` +
      `(see the README, "Composing").`,
  );
}

export interface ServerEntry {
  name: string;
  /** The configured port, if any. */
  port?: number;
  /** Equal for equal configs: a server still running from an earlier watch run can be reused. */
  fingerprint: string;
}

/** Validates the options and lists the servers to start, in declaration order. */
export function serverEntries(raw: unknown, rootDir: string): ServerEntry[] {
  validateOptions(raw);
  const options = raw as Raw;
  return Object.entries((options.servers ?? {}) as Record<string, Raw>).map(([name, server]) => ({
    name,
    port: server.port as number | undefined,
    fingerprint: JSON.stringify([rootDir, options.envFile, options.logDir, server]),
  }));
}

function logFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.log`;
}

/**
 * Interpolates one server's config for the port it gets: `${PORT}` and `${HOST}` are this
 * server's (they win over the environment), `${VAR}` comes from the environment or the env file.
 */
export function resolveServer(raw: unknown, name: string, ctx: { rootDir: string; port: number; env?: NodeJS.ProcessEnv }): ServerSpec {
  const options = raw as Raw;
  const server = (options.servers as Record<string, Raw>)[name];
  const where = `${SERVERS}.${name}`;
  const envFile = loadEnvFile(ctx.rootDir, options.envFile as string | false | undefined);
  const port = String(ctx.port);
  const env = { ...(ctx.env ?? process.env), PORT: port, HOST: SERVER_HOST };
  const redactor = new Redactor();
  const missing: string[] = [];
  // What came from the environment is secret; the port and host are not, and hiding them would
  // hide the URL in every message.
  const expand = (value: string, at: string): string => {
    const used: string[] = [];
    const out = interpolate(value, at, env, missing, used);
    redactor.add(...used.filter((u) => u !== port && u !== SERVER_HOST));
    return out;
  };
  const serverEnv = resolveRecord(server.env, `${where}.env`, expand, redactor, (raw) => !/\$\{(PORT|HOST)[:}]/.test(raw));
  const spec: ServerSpec = {
    name,
    where,
    command: expand(server.command as string, `${where}.command`),
    args: ((server.args ?? []) as string[]).map((a, i) => expand(a, `${where}.args[${i}]`)),
    env: serverEnv,
    cwd: path.resolve(ctx.rootDir, expand((server.cwd as string | undefined) ?? '.', `${where}.cwd`)),
    host: SERVER_HOST,
    port: ctx.port,
    fixedPort: server.port !== undefined,
    path: '',
    transport: (server.transport as 'sse' | undefined) ?? 'streamable-http',
    url: '',
    readyHeaders: resolveRecord(server.readyHeaders, `${where}.readyHeaders`, expand, redactor),
    readyTimeout: seconds(server.readyTimeout as number | undefined, DEFAULT_SERVER_TIMEOUTS.ready),
    stopTimeout: seconds(server.stopTimeout as number | undefined, DEFAULT_SERVER_TIMEOUTS.stop),
    output: (server.output as 'inherit' | undefined) ?? 'file',
    redactor,
  };
  spec.path = (server.path as string | undefined) ?? (spec.transport === 'sse' ? '/sse' : '/mcp');
  spec.url = `http://${SERVER_HOST}:${port}${spec.path}`;
  if (spec.output === 'file') {
    spec.logFile = path.resolve(ctx.rootDir, (options.logDir as string | undefined) ?? DEFAULT_LOG_DIR, logFileName(name));
  }
  if (missing.length) {
    const from = envFile ? `the environment or ${envFile.path}` : `the environment or a .env file in ${ctx.rootDir}`;
    throw new McpConfigError(
      `jest-mcp: missing environment variables:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        `Set them in ${from}, or give a default with \${NAME:-default}.`,
    );
  }
  return spec;
}
