/**
 * A project's own `OAuthClientProvider` (from `auth: { module }`), driven like jest-mcp's: its
 * `redirectToAuthorization` is still called, and the URL is also kept for the headless driver,
 * which hands the code back through the SDK's `auth()` (what a transport's `finishAuth` does).
 * Without this a plain provider stops at the SDK's redirect error.
 */

type AnyProvider = Record<string | symbol, unknown> & {
  tokens(): unknown;
  redirectToAuthorization?(url: URL): unknown;
  state?(): string | Promise<string>;
  saveDiscoveryState?(state: unknown): unknown;
  discoveryState?(): unknown;
  invalidateCredentials?(scope: string): unknown;
  saveTokens?(tokens: unknown): unknown;
};

/** What `UserSignIn` needs of a provider beyond the SDK's interface. */
export interface SignInProvider {
  tokens(): unknown;
  takeAuthorizationUrl(): URL | undefined;
  readonly lastState: string | undefined;
  /** When the tokens were saved (ms since epoch), for their expiry. */
  readonly savedAt: number;
  discoveryState(): { authorizationServerMetadata?: Record<string, unknown> } | undefined;
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void;
  dropAccessToken(): void;
}

/** Whether a provider runs the authorization code flow (it has somewhere to redirect to). */
export function redirectsToAuthorization(provider: unknown): boolean {
  const p = provider as { redirectUrl?: unknown; redirectToAuthorization?: unknown; tokens?: unknown };
  return typeof p.tokens === 'function' && typeof p.redirectToAuthorization === 'function' && p.redirectUrl !== undefined;
}

export function capturing(provider: unknown): SignInProvider & object {
  const own = provider as AnyProvider;
  let pendingUrl: URL | undefined;
  let state: string | undefined;
  let discovery: unknown;
  let savedAt = 0;
  const extra: Record<string, unknown> = {
    async redirectToAuthorization(url: URL) {
      pendingUrl = url;
      try {
        await own.redirectToAuthorization?.(url);
      } catch {
        // Many test providers throw "not supported" here: the URL is all jest-mcp needs.
      }
    },
    async state() {
      state = own.state ? await own.state() : undefined;
      return state;
    },
    saveDiscoveryState(value: unknown) {
      discovery = value;
      return own.saveDiscoveryState?.(value);
    },
    saveTokens(tokens: unknown) {
      savedAt = Date.now();
      return own.saveTokens?.(tokens);
    },
    takeAuthorizationUrl() {
      const url = pendingUrl;
      pendingUrl = undefined;
      return url;
    },
    discoveryState: () => (own.discoveryState ? own.discoveryState() : discovery),
    dropAccessToken: () => own.invalidateCredentials?.('tokens'),
    invalidateCredentials: (scope: string) => own.invalidateCredentials?.(scope),
  };
  if (!own.state) delete extra.state;
  return new Proxy(own, {
    get(target, key, receiver) {
      if (key === 'lastState') return state;
      if (key === 'savedAt') return savedAt;
      if (typeof key === 'string' && key in extra) return extra[key];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as SignInProvider & object;
}
