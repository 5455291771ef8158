import { mcpPath } from './paths';
import { Problems, type Raw, isOneOf, isPlainObject, keysOf, kindOf, membersOf } from './problems';
import type {
  McpClientOptions,
  McpHttpClientOptions,
  McpModuleClientOptions,
  McpOptions,
  McpSecretsOptions,
  McpServerClientOptions,
  McpStdioClientOptions,
  McpTimeoutOptions,
} from './types';
import { validateAuth } from './validate-auth';
import { elicitation, sampling } from './validate-responders';
import { validateServers } from './validate-servers';
import { validateAuthServers } from './validate-auth-servers';
import { didYouMean } from '../util/list-names';

/**
 * Checks `testEnvironmentOptions.mcp` against the public types in `types.ts`. Every key list
 * below is held to those types by the compiler, so the types stay the one description of the
 * options; once `assertMcpOptions` returns, the rest of the config code reads them typed.
 */

type Root = NonNullable<McpHttpClientOptions['roots']>[number];
type SnapshotOptions = Exclude<NonNullable<McpOptions['snapshot']>, false>;
type Transport = NonNullable<McpHttpClientOptions['transport'] | McpStdioClientOptions['transport']>;

const TOP_KEYS = keysOf<McpOptions>()({
  sdk: true,
  protocol: true,
  clients: true,
  timeouts: true,
  envFile: true,
  traces: true,
  secrets: true,
  snapshot: true,
  servers: true,
  logDir: true,
  globalSetup: true,
  globalTeardown: true,
  authServers: true,
});
/** What every kind of client takes besides where its server is. */
const SESSION_KEYS = { protocol: true, timeouts: true, session: true, roots: true, sampling: true, elicitation: true } as const;
const HTTP_KEYS = keysOf<McpHttpClientOptions>()({
  url: true,
  headers: true,
  auth: true,
  transport: true,
  ...SESSION_KEYS,
});
const STDIO_KEYS = keysOf<McpStdioClientOptions>()({
  command: true,
  args: true,
  env: true,
  cwd: true,
  stderr: true,
  transport: true,
  ...SESSION_KEYS,
});
const SERVER_CLIENT_KEYS = keysOf<McpServerClientOptions>()({
  server: true,
  headers: true,
  auth: true,
  ...SESSION_KEYS,
});
const MODULE_KEYS = keysOf<McpModuleClientOptions>()({
  module: true,
  export: true,
  ...SESSION_KEYS,
});
const TIMEOUT_KEYS = keysOf<McpTimeoutOptions>()({ connect: true, close: true });
const ROOT_KEYS = keysOf<Root>()({ uri: true, name: true });
const SNAPSHOT_KEYS = keysOf<SnapshotOptions>()({ keys: true, patterns: true, tokens: true });
const SECRETS_KEYS = keysOf<McpSecretsOptions>()({ add: true, ignore: true });
const TRANSPORTS = membersOf<Transport>()({ 'streamable-http': true, sse: true, stdio: true });
const SESSIONS = membersOf<NonNullable<McpClientOptions['session']>>()({ file: true, test: true });
const SDKS = membersOf<NonNullable<McpOptions['sdk']>>()({ v1: true, v2: true });
const STDERR = membersOf<NonNullable<McpStdioClientOptions['stderr']>>()({ capture: true, inherit: true });

/** Throws one `McpConfigError` listing every problem; returns only for options of the public types. */
export function assertMcpOptions(raw: unknown): asserts raw is McpOptions {
  const p = new Problems();
  const where = mcpPath();
  if (!isPlainObject(raw)) {
    p.add(where, `expected an object, got ${kindOf(raw)}`);
  } else {
    p.unknownKeys(where, raw, TOP_KEYS);
    if (raw.clients !== undefined) {
      if (!isPlainObject(raw.clients)) p.add(mcpPath('clients'), `expected an object of named clients, got ${kindOf(raw.clients)}`);
      else for (const [name, client] of Object.entries(raw.clients)) validateClient(p, mcpPath('clients', name), client);
    }
    timeouts(p, mcpPath('timeouts'), raw.timeouts);
    protocol(p, mcpPath('protocol'), raw.protocol);
    if (raw.sdk !== undefined && !isOneOf(SDKS, raw.sdk)) {
      p.add(mcpPath('sdk'), `expected "v1" (@modelcontextprotocol/sdk) or "v2" (@modelcontextprotocol/client), got ${kindOf(raw.sdk)}`);
    }
    snapshot(p, mcpPath('snapshot'), raw.snapshot);
    secrets(p, mcpPath('secrets'), raw.secrets);
    if (raw.traces !== undefined && typeof raw.traces !== 'boolean') {
      p.add(mcpPath('traces'), `expected true or false, got ${kindOf(raw.traces)}`);
    }
    if (raw.envFile !== undefined && raw.envFile !== false && (typeof raw.envFile !== 'string' || raw.envFile === '')) {
      p.add(mcpPath('envFile'), `expected a path or false, got ${kindOf(raw.envFile)}`);
    }
    validateServers(p, raw);
    validateAuthServers(p, raw);
  }
  p.throwIfAny();
}

function validateClient(p: Problems, where: string, client: unknown): void {
  if (!isPlainObject(client))
    return p.add(where, `expected an object with \`url\`, \`command\`, \`server\` or \`module\`, got ${kindOf(client)}`);
  if ('server' in client) return validateServerClient(p, where, client);
  if ('module' in client) return validateModuleClient(p, where, client);
  // Every problem is reported, not the first: a bad transport does not hide a misspelt key.
  const { transport } = client;
  const knownTransport = transport === undefined || isOneOf(TRANSPORTS, transport);
  if (!knownTransport) p.add(`${where}.transport`, `unknown transport ${kindOf(transport)}; expected one of ${TRANSPORTS.join(', ')}`);
  const hasUrl = 'url' in client;
  const hasCommand = 'command' in client;
  if (hasUrl === hasCommand) {
    p.add(
      where,
      hasUrl
        ? 'has both `url` and `command`; use `url` for HTTP or `command` for stdio'
        : 'has neither `url` (Streamable HTTP or SSE) nor `command` (stdio) nor `module` (a server module, in process); set one of them',
    );
    unknownKeysHinted(p, where, client, [...new Set([...HTTP_KEYS, ...STDIO_KEYS, ...MODULE_KEYS])]);
  } else if (hasUrl) {
    if (transport === 'stdio') p.add(`${where}.transport`, '`stdio` needs `command`, not `url`');
    p.unknownKeys(where, client, HTTP_KEYS);
    p.string(`${where}.url`, client.url);
    p.stringRecord(`${where}.headers`, client.headers);
    validateAuth(p, `${where}.auth`, client.auth);
  } else {
    if (knownTransport && transport !== undefined && transport !== 'stdio')
      p.add(`${where}.transport`, `\`${transport as Transport}\` needs \`url\`, not \`command\``);
    p.unknownKeys(where, client, STDIO_KEYS);
    p.string(`${where}.command`, client.command);
    p.stringArray(`${where}.args`, client.args);
    p.stringRecord(`${where}.env`, client.env);
    p.string(`${where}.cwd`, client.cwd, true);
    if (client.stderr !== undefined && !isOneOf(STDERR, client.stderr)) {
      p.add(`${where}.stderr`, `expected "capture" or "inherit", got ${kindOf(client.stderr)}`);
    }
  }
  clientCommon(p, where, client);
}

function validateServerClient(p: Problems, where: string, client: Raw): void {
  p.string(`${where}.server`, client.server);
  for (const key of ['url', 'command'] as const) {
    if (key in client) p.add(`${where}.${key}`, `a client with \`server\` gets its URL from the server; remove \`${key}\``);
  }
  if ('transport' in client) {
    p.add(`${where}.transport`, `a client with \`server\` uses the server's transport (${mcpPath('servers')}.<name>.transport); remove it`);
  }
  // Those three have a message of their own just above.
  const rest = Object.fromEntries(Object.entries(client).filter(([k]) => !['url', 'command', 'transport'].includes(k)));
  p.unknownKeys(where, rest, SERVER_CLIENT_KEYS);
  p.stringRecord(`${where}.headers`, client.headers);
  validateAuth(p, `${where}.auth`, client.auth);
  clientCommon(p, where, client);
}

/** `{ module, export? }`: the server is loaded in the test file's realm, so it has no address or process. */
function validateModuleClient(p: Problems, where: string, client: Raw): void {
  p.string(`${where}.module`, client.module);
  if (client.export !== undefined && (typeof client.export !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(client.export))) {
    p.add(
      `${where}.export`,
      `expected the name of the module's export that makes the server (e.g. "createServer"), got ${kindOf(client.export)}`,
    );
  }
  const elsewhere = { url: 'URL', command: 'command', server: 'run-wide server', transport: 'transport' } as const;
  for (const [key, what] of Object.entries(elsewhere)) {
    if (key in client)
      p.add(
        `${where}.${key}`,
        `a client with \`module\` serves the module in the test's own process and needs no ${what}; remove \`${key}\``,
      );
  }
  const rest = Object.fromEntries(Object.entries(client).filter(([k]) => !(k in elsewhere)));
  unknownKeysHinted(p, where, rest, MODULE_KEYS);
  clientCommon(p, where, client);
}

/** Unknown keys, each with the nearest known one when it is a likely typo (`exports` for `export`). */
function unknownKeysHinted(p: Problems, where: string, client: Raw, allowed: readonly string[]): void {
  for (const key of Object.keys(client)) {
    if (!allowed.includes(key))
      p.add(`${where}.${key}`, `unknown key; expected one of ${allowed.join(', ')}.${didYouMean([key], allowed)}`.replace(/\.$/, ''));
  }
}

/** What every kind of client may have. */
function clientCommon(p: Problems, where: string, client: Raw): void {
  timeouts(p, `${where}.timeouts`, client.timeouts);
  protocol(p, `${where}.protocol`, client.protocol);
  if (client.session !== undefined && !isOneOf(SESSIONS, client.session)) {
    p.add(`${where}.session`, `expected "file" (one session per test file) or "test" (one per test), got ${kindOf(client.session)}`);
  }
  roots(p, `${where}.roots`, client.roots);
  sampling(p, `${where}.sampling`, client.sampling);
  elicitation(p, `${where}.elicitation`, client.elicitation);
}

function timeouts(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return p.add(where, `expected an object { connect?, close? } in seconds, got ${kindOf(value)}`);
  p.unknownKeys(where, value, TIMEOUT_KEYS);
  for (const key of TIMEOUT_KEYS) p.positiveSeconds(`${where}.${key}`, value[key]);
}

function roots(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add(where, `expected an array of { uri, name? }, got ${kindOf(value)}`);
  value.forEach((root: unknown, i) => {
    if (!isPlainObject(root)) return p.add(`${where}[${i}]`, `expected { uri, name? }, got ${kindOf(root)}`);
    p.unknownKeys(`${where}[${i}]`, root, ROOT_KEYS);
    p.string(`${where}[${i}].uri`, root.uri);
    p.string(`${where}[${i}].name`, root.name, true);
  });
}

function snapshot(p: Problems, where: string, value: unknown): void {
  if (value === undefined || value === false) return;
  if (!isPlainObject(value)) return p.add(where, `expected false or { keys?, patterns?, tokens? }, got ${kindOf(value)}`);
  p.unknownKeys(where, value, SNAPSHOT_KEYS);
  p.stringArray(`${where}.keys`, value.keys);
  p.stringArray(`${where}.patterns`, value.patterns);
  const patterns: unknown[] = Array.isArray(value.patterns) ? value.patterns : [];
  patterns.forEach((source, i) => {
    if (typeof source !== 'string') return;
    try {
      new RegExp(source, 'g');
    } catch (error) {
      p.add(`${where}.patterns[${i}]`, `not a valid regular expression: ${(error as Error).message}`);
    }
  });
  if (value.tokens !== undefined && typeof value.tokens !== 'boolean')
    p.add(`${where}.tokens`, `expected true or false, got ${kindOf(value.tokens)}`);
}

/** Lists of variable names (with `*`); a name in both lists is a contradiction, not a choice. */
function secrets(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return p.add(where, `expected { add?, ignore? } (lists of environment variable names), got ${kindOf(value)}`);
  p.unknownKeys(where, value, SECRETS_KEYS);
  for (const key of ['add', 'ignore'] as const) {
    const names = value[key];
    if (names === undefined) continue;
    if (!Array.isArray(names)) {
      p.add(`${where}.${key}`, `expected an array of environment variable names, got ${kindOf(names)}`);
      continue;
    }
    names.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || !/^[A-Za-z_*][A-Za-z0-9_*]*$/.test(name)) {
        // A value put here by mistake may be the secret itself: its content is not shown.
        p.add(`${where}.${key}[${i}]`, `expected an environment variable name (letters, digits, _ and *), got ${kindOf(name, true)}`);
      }
    });
  }
  const add: unknown[] = Array.isArray(value.add) ? value.add : [];
  const ignore: unknown[] = Array.isArray(value.ignore) ? value.ignore : [];
  for (const name of add.filter((n) => typeof n === 'string' && ignore.includes(n))) {
    p.add(`${where}.ignore`, `"${String(name)}" is also in ${where}.add; list it in one of them`);
  }
}

/** `legacy`, `auto`, or a revision as the spec names them (a date). */
function protocol(p: Problems, where: string, value: unknown): void {
  if (value === undefined || value === 'legacy' || value === 'auto') return;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return;
  p.add(where, `expected "legacy", "auto" or a protocol revision such as "2026-07-28", got ${kindOf(value)}`);
}
