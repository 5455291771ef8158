import { randomUUID } from 'node:crypto';
import type { MintOptions } from './types';

/**
 * What a minted token says, from the server's defaults and the test's options. Pure, apart from
 * the clock and `jti`: signing is `mint.ts`'s job.
 */

/** What a server contributes to the tokens it mints. */
export interface MintDefaults {
  issuer: string;
  /** Configured users, in order: the first is the default `sub`. */
  users: string[];
  /** The scopes it offers (without `openid` and `offline_access`). */
  scopes: string[];
  /** The first pre-registered client, if any. */
  clientId?: string;
}

export const DEFAULT_MINT_LIFETIME = 300;
const HOUR = 3600;
export const WRONG_AUDIENCE = 'https://wrong-audience.invalid/mcp';
export const WRONG_ISSUER = 'https://wrong-issuer.invalid';

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : value.split(' ')).filter(Boolean);
}

export function mintClaims(
  defaults: MintDefaults,
  claims: Record<string, unknown> = {},
  options: MintOptions = {},
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, unknown> {
  const audience = options.wrongAudience ? WRONG_AUDIENCE : (options.audience ?? options.resource);
  if (audience === undefined && claims.aud === undefined) {
    throw new TypeError(
      'jest-mcp: mintToken() needs the resource the token is for (its audience): mintToken(claims, { resource: "http://127.0.0.1:<port>/mcp" }).',
    );
  }
  const without = new Set(list(options.withoutScope) ?? []);
  const scope = (list(options.scope) ?? defaults.scopes).filter((s) => !without.has(s));
  let iat = nowSeconds;
  let exp = nowSeconds + (options.expiresIn ?? DEFAULT_MINT_LIFETIME);
  let nbf: number | undefined;
  if (options.expired) {
    iat = nowSeconds - 2 * HOUR;
    exp = nowSeconds - HOUR;
  }
  if (options.notYetValid) {
    iat = nowSeconds + HOUR;
    nbf = iat;
    exp = iat + (options.expiresIn ?? DEFAULT_MINT_LIFETIME);
  }
  return {
    iss: options.wrongIssuer ? WRONG_ISSUER : defaults.issuer,
    sub: options.user ?? defaults.users[0] ?? 'test-user',
    aud: audience,
    client_id: options.clientId ?? defaults.clientId ?? 'jest-mcp-minted',
    scope: scope.join(' '),
    iat,
    ...(nbf === undefined ? {} : { nbf }),
    exp,
    jti: randomUUID(),
    ...claims,
  };
}
