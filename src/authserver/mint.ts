import { importPackage } from '../util/load-module';
import { type MintDefaults, mintClaims } from './mint-claims';
import type { MintOptions } from './types';

/**
 * Signs what `mintClaims` says as an RFC 9068 access token (`typ: at+jwt`), with the server's own
 * key (its JWKS verifies it) or, for `badSignature`, a throwaway key under the same `kid`.
 */

type Jose = typeof import('jose');

export interface MintKey {
  /** The private JWK (with `kid` and `alg`). */
  jwk: Record<string, unknown> & { kid?: string; alg?: string };
}

let jose: Promise<Jose> | undefined;
export function loadJose(): Promise<Jose> {
  return (jose ??= importPackage('jose') as Promise<Jose>);
}

export async function signToken(
  key: MintKey,
  defaults: MintDefaults,
  claims?: Record<string, unknown>,
  options: MintOptions = {},
): Promise<string> {
  const payload = mintClaims(defaults, claims, options);
  const { SignJWT, importJWK, generateKeyPair } = await loadJose();
  const alg = key.jwk.alg ?? 'RS256';
  const signingKey = options.badSignature ? (await generateKeyPair(alg)).privateKey : await importJWK(key.jwk, alg);
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'at+jwt', kid: key.jwk.kid }).sign(signingKey);
}
