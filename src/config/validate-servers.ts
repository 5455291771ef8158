import { mcpPath } from './paths';
import { Problems, type Raw, isOneOf, isPlainObject, keysOf, kindOf, membersOf } from './problems';
import type { McpServerOptions } from './types';
import { didYouMean, listNames } from '../util/list-names';

/**
 * The run-wide part of the options: `servers`, `logDir`, the global hook modules, and that
 * every client's `server: name` names a configured server. Part of `assertMcpOptions`.
 */

const SERVER_KEYS = keysOf<McpServerOptions>()({
  command: true,
  args: true,
  env: true,
  cwd: true,
  port: true,
  path: true,
  transport: true,
  readyHeaders: true,
  readyTimeout: true,
  stopTimeout: true,
  output: true,
});
const SERVER_TRANSPORTS = membersOf<NonNullable<McpServerOptions['transport']>>()({ 'streamable-http': true, sse: true });
const OUTPUTS = membersOf<NonNullable<McpServerOptions['output']>>()({ file: true, inherit: true });

function validateServer(p: Problems, where: string, server: unknown): void {
  if (!isPlainObject(server)) return p.add(where, `expected an object with \`command\`, got ${kindOf(server)}`);
  p.unknownKeys(where, server, SERVER_KEYS);
  p.string(`${where}.command`, server.command);
  p.stringArray(`${where}.args`, server.args);
  p.stringRecord(`${where}.env`, server.env);
  p.string(`${where}.cwd`, server.cwd, true);
  const { port } = server;
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536)) {
    p.add(`${where}.port`, `expected a port number (1-65535), got ${kindOf(port)}; leave it out to let jest-mcp pick a free one`);
  }
  if (server.path !== undefined && !(typeof server.path === 'string' && server.path.startsWith('/'))) {
    p.add(`${where}.path`, `expected a path starting with "/", got ${kindOf(server.path)}`);
  }
  if (server.transport !== undefined && !isOneOf(SERVER_TRANSPORTS, server.transport)) {
    p.add(`${where}.transport`, `unknown transport ${kindOf(server.transport)}; expected one of ${SERVER_TRANSPORTS.join(', ')}`);
  }
  p.stringRecord(`${where}.readyHeaders`, server.readyHeaders);
  p.positiveSeconds(`${where}.readyTimeout`, server.readyTimeout);
  p.positiveSeconds(`${where}.stopTimeout`, server.stopTimeout);
  if (server.output !== undefined && !isOneOf(OUTPUTS, server.output)) {
    p.add(`${where}.output`, `expected "file" or "inherit", got ${kindOf(server.output)}`);
  }
}

export function validateServers(p: Problems, raw: Raw): void {
  p.string(mcpPath('logDir'), raw.logDir, true);
  p.string(mcpPath('globalSetup'), raw.globalSetup, true);
  p.string(mcpPath('globalTeardown'), raw.globalTeardown, true);
  const servers = mcpPath('servers');
  let names: string[] = [];
  if (raw.servers !== undefined) {
    if (!isPlainObject(raw.servers)) {
      p.add(servers, `expected an object of named servers, got ${kindOf(raw.servers)}`);
    } else {
      names = Object.keys(raw.servers);
      // Two servers on one fixed port: the second would find the first and talk to it.
      const ports = new Map<number, string>();
      for (const [name, server] of Object.entries(raw.servers)) {
        validateServer(p, mcpPath('servers', name), server);
        const port = isPlainObject(server) ? server.port : undefined;
        if (typeof port !== 'number') continue;
        const other = ports.get(port);
        if (other !== undefined) p.add(mcpPath('servers', name, 'port'), `${String(port)} is also the port of server "${other}"`);
        ports.set(port, name);
      }
    }
  }
  if (!isPlainObject(raw.clients)) return;
  const known = new Set(names);
  // The list and the suggestion for the first few; thousands of them would cost time for nothing.
  let detailed = 0;
  for (const [name, client] of Object.entries(raw.clients)) {
    if (!isPlainObject(client) || typeof client.server !== 'string' || client.server === '') continue;
    if (known.has(client.server)) continue;
    const named = `names server ${listNames([client.server], { quote: true })}, which is not configured`;
    p.add(
      mcpPath('clients', name, 'server'),
      detailed++ < 5
        ? `${named}; configured servers: ${listNames(names)} (${servers}).${didYouMean([client.server], names)}`
        : `${named} (${servers})`,
    );
  }
}
