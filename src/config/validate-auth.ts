import { type Problems, isPlainObject, keysOf, kindOf, oneKindOf } from './problems';
import type { McpAuthOptions, McpAuthorizationCodeOptions } from './types';

/**
 * Checks a client's `auth` against the public types: one kind, its keys, their types. Secret
 * values are never echoed (a misplaced secret must not end up in a config error); only their type.
 */

type ClientCredentials = Extract<McpAuthOptions, { clientCredentials: unknown }>['clientCredentials'];
type Login = Exclude<NonNullable<McpAuthorizationCodeOptions['login']>, string>;

const AUTH_KINDS = keysOf<McpAuthOptions>()({ authorizationCode: true, clientCredentials: true, module: true });
const CREDENTIAL_KEYS = keysOf<ClientCredentials>()({
  clientId: true,
  clientSecret: true,
  privateKey: true,
  algorithm: true,
  scope: true,
  issuer: true,
});
const CODE_KEYS = keysOf<McpAuthorizationCodeOptions>()({
  clientId: true,
  clientSecret: true,
  clientMetadataUrl: true,
  scope: true,
  login: true,
  redirectUrl: true,
});
const LOGIN_KEYS = keysOf<Login>()({ username: true, password: true });

const EXPECTED =
  'expected { authorizationCode: { clientId?, clientSecret?, clientMetadataUrl?, scope?, login?, redirectUrl? } }, ' +
  '{ clientCredentials: { clientId, clientSecret | privateKey, algorithm?, scope?, issuer? } } or { module: "path" }';

/** A string that may be a secret: its type is reported, never its value. */
function secretString(p: Problems, where: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || value === '') p.add(where, 'expected a non-empty string');
}

export function validateAuth(p: Problems, where: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return p.add(where, `${EXPECTED}, got ${kindOf(value, true)}`);
  const kind = oneKindOf(p, where, value, AUTH_KINDS, EXPECTED);
  if (kind === undefined) return;
  if (kind === 'module') return p.string(`${where}.module`, value.module);
  if (kind === 'authorizationCode') return authorizationCode(p, `${where}.authorizationCode`, value.authorizationCode);
  clientCredentials(p, `${where}.clientCredentials`, value.clientCredentials);
}

function clientCredentials(p: Problems, where: string, cc: unknown): void {
  if (!isPlainObject(cc)) return p.add(where, `expected { clientId, clientSecret | privateKey, scope? }, got ${kindOf(cc, true)}`);
  p.unknownKeys(where, cc, CREDENTIAL_KEYS);
  secretString(p, `${where}.clientId`, cc.clientId, false);
  secretString(p, `${where}.clientSecret`, cc.clientSecret, true);
  secretString(p, `${where}.privateKey`, cc.privateKey, true);
  if ((cc.clientSecret === undefined) === (cc.privateKey === undefined)) {
    p.add(where, 'expected exactly one of clientSecret (client_secret_basic/_post) and privateKey (private_key_jwt)');
  }
  if (cc.algorithm !== undefined && cc.privateKey === undefined) p.add(`${where}.algorithm`, 'only used with privateKey');
  for (const key of ['algorithm', 'scope', 'issuer'] as const) {
    if (cc[key] !== undefined && typeof cc[key] !== 'string') p.add(`${where}.${key}`, 'expected a string');
  }
}

function authorizationCode(p: Problems, where: string, ac: unknown): void {
  if (!isPlainObject(ac))
    return p.add(where, `expected an object (every key optional: {} signs in with dynamic registration), got ${kindOf(ac, true)}`);
  p.unknownKeys(where, ac, CODE_KEYS);
  secretString(p, `${where}.clientId`, ac.clientId, true);
  secretString(p, `${where}.clientSecret`, ac.clientSecret, true);
  if (ac.clientSecret !== undefined && ac.clientId === undefined)
    p.add(`${where}.clientSecret`, 'only used with clientId (a pre-registered client)');
  for (const key of ['clientMetadataUrl', 'redirectUrl'] as const) url(p, `${where}.${key}`, ac[key], key === 'clientMetadataUrl');
  if (ac.scope !== undefined && typeof ac.scope !== 'string') p.add(`${where}.scope`, `expected a string, got ${kindOf(ac.scope)}`);
  login(p, `${where}.login`, ac.login);
}

function url(p: Problems, where: string, value: unknown, https: boolean): void {
  if (value === undefined) return;
  if (typeof value !== 'string') return p.add(where, `expected a URL string, got ${kindOf(value)}`);
  // `${VAR}` is checked once interpolated.
  if (value.includes('${')) return;
  try {
    const parsed = new URL(value);
    if (https && (parsed.protocol !== 'https:' || parsed.pathname === '/'))
      p.add(where, 'expected an https URL with a path (a Client ID Metadata Document URL)');
  } catch {
    p.add(where, `expected a URL, got ${kindOf(value)}`);
  }
}

function login(p: Problems, where: string, value: unknown): void {
  if (value === undefined || (typeof value === 'string' && value !== '')) return;
  if (!isPlainObject(value)) return p.add(where, `expected a module path or { username, password }, got ${kindOf(value, true)}`);
  p.unknownKeys(where, value, LOGIN_KEYS);
  secretString(p, `${where}.username`, value.username, false);
  secretString(p, `${where}.password`, value.password, false);
}
