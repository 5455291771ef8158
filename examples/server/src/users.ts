/**
 * Who may use the server. `NOTES_TOKENS` maps bearer tokens to user names
 * (`alice:tokenA,bob:tokenB`); `NOTES_ADMIN` names the administrator (default `admin`).
 */

export interface Users {
  /** Every configured user name, in the order given. */
  names: string[];
  admin: string;
  /** The user a bearer token belongs to, if any. */
  byToken(token: string): string | undefined;
  isAdmin(user: string): boolean;
}

export function usersFromEnv(env: NodeJS.ProcessEnv = process.env): Users {
  const raw = env.NOTES_TOKENS ?? '';
  const tokens = new Map<string, string>();
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const user = entry.slice(0, colon).trim();
    const token = entry.slice(colon + 1).trim();
    // Never echo the entry: it holds a token.
    if (colon <= 0 || !user || !token) throw new Error('NOTES_TOKENS: every entry must be user:token');
    tokens.set(token, user);
  }
  const admin = env.NOTES_ADMIN || 'admin';
  return {
    names: [...new Set(tokens.values())],
    admin,
    byToken: (token) => tokens.get(token),
    isAdmin: (user) => user === admin,
  };
}
