import { mcpPath } from './paths';
import { Problems, type Raw, isOneOf, isPlainObject, keysOf, kindOf, membersOf } from './problems';
import type { McpAuthServerClient, McpAuthServerOptions, McpAuthServerUser } from './types';
import { didYouMean, listNames } from '../util/list-names';

/**
 * `mcp.authServers` and `startAuthServer(options)`: the test authorization servers' options, and
 * that every `${authServers.<name>.<value>}` a server's args or env use names one of them.
 */

const OPTION_KEYS = keysOf<McpAuthServerOptions>()({
  port: true,
  users: true,
  clients: true,
  scopes: true,
  accessTokenTtl: true,
  refreshTokenTtl: true,
  dynamicRegistration: true,
  clientIdMetadataDocuments: true,
  autoApprove: true,
});
const USER_KEYS = keysOf<McpAuthServerUser>()({ password: true, claims: true, consent: true });
const CLIENT_KEYS = keysOf<McpAuthServerClient>()({
  client_id: true,
  client_secret: true,
  redirect_uris: true,
  token_endpoint_auth_method: true,
  grant_types: true,
  jwks: true,
  scope: true,
});
const CONSENTS = membersOf<NonNullable<McpAuthServerUser['consent']>>()({ grant: true, deny: true });
const AUTH_METHODS = membersOf<NonNullable<McpAuthServerClient['token_endpoint_auth_method']>>()({
  none: true,
  client_secret_basic: true,
  client_secret_post: true,
  private_key_jwt: true,
});
const GRANT_TYPES = membersOf<NonNullable<McpAuthServerClient['grant_types']>[number]>()({
  authorization_code: true,
  refresh_token: true,
  client_credentials: true,
});
/** What `${authServers.<name>.<value>}` may name. */
export const AUTH_SERVER_VALUES = ['issuer', 'jwksUri'] as const;
const REFERENCE = /\$\{authServers\.([^.}]*)\.([^}:]*)\}/g;

function user(p: Problems, where: string, value: unknown): void {
  if (!isPlainObject(value)) return p.add(where, `expected { password, claims?, consent? }, got ${kindOf(value, true)}`);
  p.unknownKeys(where, value, USER_KEYS);
  // Never echo it: a password is a secret even when it is misplaced.
  if (typeof value.password !== 'string' || value.password === '') p.add(`${where}.password`, 'expected a non-empty string');
  if (value.claims !== undefined && !isPlainObject(value.claims))
    p.add(`${where}.claims`, `expected an object, got ${kindOf(value.claims)}`);
  if (value.consent !== undefined && !isOneOf(CONSENTS, value.consent)) {
    p.add(`${where}.consent`, `expected "grant" or "deny", got ${kindOf(value.consent)}`);
  }
}

function client(p: Problems, where: string, value: unknown): void {
  if (!isPlainObject(value)) return p.add(where, `expected { client_id, client_secret?, redirect_uris?, … }, got ${kindOf(value)}`);
  p.unknownKeys(where, value, CLIENT_KEYS);
  p.string(`${where}.client_id`, value.client_id);
  if (value.client_secret !== undefined && (typeof value.client_secret !== 'string' || value.client_secret === '')) {
    p.add(`${where}.client_secret`, 'expected a non-empty string');
  }
  p.stringArray(`${where}.redirect_uris`, value.redirect_uris);
  const method = value.token_endpoint_auth_method;
  if (method !== undefined && !isOneOf(AUTH_METHODS, method)) {
    p.add(`${where}.token_endpoint_auth_method`, `expected one of ${AUTH_METHODS.join(', ')}, got ${kindOf(method)}`);
  }
  if (method === 'private_key_jwt' && !(isPlainObject(value.jwks) && Array.isArray(value.jwks.keys))) {
    p.add(`${where}.jwks`, "private_key_jwt needs the client's public keys: { keys: [jwk, …] }");
  }
  if ((method === 'client_secret_basic' || method === 'client_secret_post') && value.client_secret === undefined) {
    p.add(`${where}.client_secret`, `${method} needs a client_secret`);
  }
  const grants = value.grant_types;
  if (grants !== undefined && !(Array.isArray(grants) && grants.every((g) => isOneOf(GRANT_TYPES, g)))) {
    p.add(`${where}.grant_types`, `expected a list of ${GRANT_TYPES.join(', ')}, got ${kindOf(grants)}`);
  }
  p.string(`${where}.scope`, value.scope, true);
}

function seconds(p: Problems, where: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
    p.add(where, `expected a whole positive number of seconds, got ${kindOf(value)}`);
  }
}

export function validateAuthServer(p: Problems, where: string, raw: unknown): void {
  if (!isPlainObject(raw)) return p.add(where, `expected an object, got ${kindOf(raw)}`);
  p.unknownKeys(where, raw, OPTION_KEYS);
  const { port } = raw;
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port >= 0 && port < 65536)) {
    p.add(`${where}.port`, `expected a port number (0-65535), got ${kindOf(port)}; leave it out for a free one`);
  }
  let names: string[] = [];
  if (raw.users !== undefined) {
    if (!isPlainObject(raw.users)) p.add(`${where}.users`, `expected an object of users by username, got ${kindOf(raw.users)}`);
    else for (const [name, value] of Object.entries(raw.users)) user(p, `${where}.users.${name}`, value);
    names = isPlainObject(raw.users) ? Object.keys(raw.users) : [];
  }
  if (raw.clients !== undefined) {
    if (!Array.isArray(raw.clients)) p.add(`${where}.clients`, `expected a list of clients, got ${kindOf(raw.clients)}`);
    else raw.clients.forEach((c: unknown, i) => client(p, `${where}.clients[${i}]`, c));
  }
  const scopes = raw.scopes;
  if (
    scopes !== undefined &&
    !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)))
  ) {
    p.add(`${where}.scopes`, `expected a list of scope names (no spaces or quotes), got ${kindOf(scopes)}`);
  }
  seconds(p, `${where}.accessTokenTtl`, raw.accessTokenTtl);
  seconds(p, `${where}.refreshTokenTtl`, raw.refreshTokenTtl);
  for (const key of ['dynamicRegistration', 'clientIdMetadataDocuments'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean')
      p.add(`${where}.${key}`, `expected true or false, got ${kindOf(raw[key])}`);
  }
  const auto = raw.autoApprove;
  if (auto !== undefined) {
    if (typeof auto !== 'string' || auto === '') p.add(`${where}.autoApprove`, `expected a username, got ${kindOf(auto)}`);
    else if (names.length && !names.includes(auto)) {
      p.add(`${where}.autoApprove`, `names user ${listNames([auto], { quote: true })}, who is not in ${where}.users (${listNames(names)})`);
    }
  }
}

/** Throws one `McpConfigError` listing every problem of `startAuthServer`'s options. */
export function assertAuthServerOptions(raw: unknown, where: string): asserts raw is McpAuthServerOptions {
  const p = new Problems();
  validateAuthServer(p, where, raw);
  p.throwIfAny();
}

/** Every string of a server's args and env, with its path. */
function serverStrings(server: Raw, where: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  if (Array.isArray(server.args)) server.args.forEach((a, i) => typeof a === 'string' && found.push([`${where}.args[${i}]`, a]));
  if (isPlainObject(server.env))
    for (const [k, v] of Object.entries(server.env)) if (typeof v === 'string') found.push([`${where}.env.${k}`, v]);
  return found;
}

/** `mcp.authServers`, and the `${authServers.…}` references of `mcp.servers`. Part of `assertMcpOptions`. */
export function validateAuthServers(p: Problems, raw: Raw): void {
  const where = mcpPath('authServers');
  let names: string[] = [];
  if (raw.authServers !== undefined) {
    if (!isPlainObject(raw.authServers)) p.add(where, `expected an object of named authorization servers, got ${kindOf(raw.authServers)}`);
    else {
      names = Object.keys(raw.authServers);
      for (const [name, value] of Object.entries(raw.authServers)) validateAuthServer(p, mcpPath('authServers', name), value);
    }
  }
  if (!isPlainObject(raw.servers)) return;
  for (const [name, server] of Object.entries(raw.servers)) {
    if (!isPlainObject(server)) continue;
    for (const [at, text] of serverStrings(server, mcpPath('servers', name))) {
      for (const [, server, value] of text.matchAll(REFERENCE)) {
        if (!names.includes(server)) {
          p.add(
            at,
            `uses \${authServers.${server}.${value}}, but ${where} has no "${server}" (configured: ${listNames(names)}).${didYouMean([server], names)}`,
          );
        } else if (!(AUTH_SERVER_VALUES as readonly string[]).includes(value)) {
          p.add(at, `uses \${authServers.${server}.${value}}; an authorization server offers ${AUTH_SERVER_VALUES.join(' and ')}`);
        }
      }
    }
  }
}
