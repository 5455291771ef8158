import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OAUTH_LOGIN_SERVER, type ListeningServer, startListening } from './fixtures';
import type { SdkGeneration } from './per-sdk';
import type { Project } from './project';

/** The four users of the sign-in tests, and a run-unique salt for their passwords. */
export const USERS = ['alice', 'bob', 'charlie', 'diana'] as const;

export interface LoginServer extends ListeningServer {
  url: string;
  salt: string;
  /** Every code and token the server issued so far. */
  secrets(): string[];
  /** Grants per user and kind (`authorization_code`, `refresh_token`). */
  stats(): Promise<Record<string, Record<string, number>>>;
}

/** Starts `oauth-login-server.js`; `extra` args such as `--ttl 5` or `--issuer <dead url>`; a user's password is `<user>-<salt>`. */
export async function startLoginServer(
  marker: string,
  extra: string[] = [],
  salt = `pw-${Math.random().toString(36).slice(2)}`,
): Promise<LoginServer> {
  const secretsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jmcp-secrets-')), 'issued');
  fs.writeFileSync(secretsFile, '');
  const server = await startListening(OAUTH_LOGIN_SERVER, ['0', salt, secretsFile, ...extra, marker], 'pipe');
  const base = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    url: `${base}/mcp`,
    salt,
    secrets: () => fs.readFileSync(secretsFile, 'utf8').split('\n').filter(Boolean),
    stats: async () => (await fetch(`${base}/stats`)).json() as Promise<Record<string, Record<string, number>>>,
  };
}

/** A client signing `user` in through the login form, its password through `${VAR}`. */
export function userClient(url: string, user: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { url, auth: { authorizationCode: { login: { username: user, password: `\${PW_${user.toUpperCase()}}` }, ...extra } } };
}

export function passwordsEnv(server: LoginServer, users: readonly string[] = [...USERS, 'mallory']): Record<string, string> {
  return Object.fromEntries(users.map((user) => [`PW_${user.toUpperCase()}`, `${user}-${server.salt}`]));
}

/** Declares the project's SDK generation, as a user's package.json would. */
export function declareSdk(project: Project, sdk: SdkGeneration): void {
  const declared = sdk === 'v1' ? '@modelcontextprotocol/sdk' : '@modelcontextprotocol/client';
  project.write('package.json', JSON.stringify({ name: project.marker, private: true, devDependencies: { [declared]: '*' } }));
}
