import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RUN_AUTH_SERVERS_KEY } from '../channels/keys';
import { DEFAULT_LOG_DIR } from '../config/servers';
import { mcpPath } from '../config/paths';
import type { McpOptions } from '../config/types';
import { whenKilled } from '../process/exit-hooks';
import { clearAuthServers, publishAuthServers, type RunAuthServerInfo } from './handoff';
import { authServerLogLine } from './log-line';
import { resolveAuthServer } from './resolve';
import { type StartedAuthServer, startAuthServer } from './server';

/**
 * The run's test authorization servers (`mcp.authServers`), in Jest's main process: started by
 * the global setup in declaration order before `mcp.servers`, stopped by the global teardown
 * after them, last started first. Their signing keys go to 0600 files in a private 0700
 * directory, the only way workers get them; the directory goes with the servers.
 */

interface Running {
  name: string;
  fingerprint: string;
  server: StartedAuthServer;
  info: RunAuthServerInfo;
}

interface Registry {
  servers: Running[];
  dir?: string;
  unhook?: () => void;
}

// On the process's global, not in module state: in watch mode the global setup finds the previous run's.
const KEY = RUN_AUTH_SERVERS_KEY;
function registry(): Registry {
  const holder = globalThis as Record<symbol, Registry | undefined>;
  return (holder[KEY] ??= { servers: [] });
}

function logFile(options: McpOptions, rootDir: string, name: string): string {
  return path.resolve(rootDir, options.logDir ?? DEFAULT_LOG_DIR, `auth-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.log`);
}

function privateDir(reg: Registry): string {
  if (reg.dir && fs.existsSync(reg.dir)) return reg.dir;
  // mkdtemp makes it 0700; chmod again in case a umask or platform did otherwise.
  reg.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-mcp-auth-'));
  fs.chmodSync(reg.dir, 0o700);
  // A run that is interrupted runs no global teardown: the keys must not outlive it.
  reg.unhook ??= whenKilled(() => removeDir(reg));
  return reg.dir;
}

function removeDir(reg: Registry): void {
  if (reg.dir) fs.rmSync(reg.dir, { recursive: true, force: true });
  reg.dir = undefined;
}

export function runningAuthServers(): number {
  return registry().servers.length;
}

export async function startRunAuthServers(options: McpOptions, rootDir: string): Promise<void> {
  const reg = registry();
  const wanted = Object.entries(options.authServers ?? {});
  for (const running of [...reg.servers]) {
    const config = options.authServers?.[running.name];
    if (!config || JSON.stringify([rootDir, options.logDir, config]) !== running.fingerprint) await stopOne(reg, running);
  }
  try {
    for (const [name] of wanted) {
      if (reg.servers.some((r) => r.name === name)) continue;
      const where = mcpPath('authServers', name);
      const log = logFile(options, rootDir, name);
      fs.mkdirSync(path.dirname(log), { recursive: true });
      fs.writeFileSync(log, '');
      const server = await startAuthServer(resolveAuthServer(options, name, rootDir), {
        where,
        onTokenRequest: (request) => fs.appendFileSync(log, authServerLogLine(request)),
      });
      fs.appendFileSync(log, `${new Date().toISOString()} listening: issuer ${server.issuer}\n`);
      const keyFile = path.join(privateDir(reg), `${reg.servers.length}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.jwk`);
      fs.writeFileSync(keyFile, JSON.stringify(server.signingKey), { mode: 0o600 });
      const info: RunAuthServerInfo = {
        issuer: server.issuer,
        jwksUri: server.jwksUri,
        keyFile,
        log,
        users: server.users,
        scopes: server.scopes,
        ...(server.clientId === undefined ? {} : { clientId: server.clientId }),
      };
      reg.servers.push({ name, fingerprint: JSON.stringify([rootDir, options.logDir, options.authServers?.[name]]), server, info });
    }
  } catch (error) {
    await stopRunAuthServers();
    throw error;
  }
  if (reg.dir) publishAuthServers(reg.dir, Object.fromEntries(reg.servers.map((r) => [r.name, r.info])));
}

async function stopOne(reg: Registry, running: Running): Promise<void> {
  await running.server.close().catch(() => {});
  fs.rmSync(running.info.keyFile, { force: true });
  reg.servers.splice(reg.servers.indexOf(running), 1);
}

/** Stops every authorization server of the run, last started first, and removes their keys. */
export async function stopRunAuthServers(): Promise<void> {
  const reg = registry();
  clearAuthServers();
  for (const running of [...reg.servers].reverse()) await stopOne(reg, running);
  removeDir(reg);
  reg.unhook?.();
  reg.unhook = undefined;
}
