import type { TokenRequest } from './types';

/** One line of an authorization server's log per token request: what and for whom, never a code, token or secret. */
export function authServerLogLine(request: TokenRequest, at: Date = new Date()): string {
  const parts = [`token grant_type=${request.grantType}`, `client_id=${request.clientId ?? '(none)'}`];
  if (request.user) parts.push(`user=${request.user}`);
  parts.push(request.error ? `refused=${request.error}` : 'issued');
  return `${at.toISOString()} ${parts.join(' ')}\n`;
}
