import { randomUUID } from 'node:crypto';
import { loadJose } from './mint';

/** The signing key of one test authorization server: new for every server, never written anywhere but a run's private key file. */
export const SIGNING_ALG = 'RS256';

export async function newSigningKey(): Promise<Record<string, unknown> & { kid: string; alg: string }> {
  const { generateKeyPair, exportJWK } = await loadJose();
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' };
}
