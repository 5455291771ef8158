import { randomBytes } from 'node:crypto';

/**
 * The `OAuthClientProvider` jest-mcp hands to the SDK's `auth()` for one user: everything in
 * memory, for the run only. Its "redirect" only records the authorization URL; the headless
 * driver follows it. Both SDK generations accept this shape (2.x passes a context argument to
 * some methods, which a single user's store does not need).
 */

export interface ProviderOptions {
  redirectUrl: string;
  clientName: string;
  /** A pre-registered client. */
  clientId?: string;
  clientSecret?: string;
  /** A Client ID Metadata Document URL, used where the authorization server supports them. */
  clientMetadataUrl?: string;
  scope?: string;
}

export interface StoredTokens {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  [key: string]: unknown;
}

type Discovery = { authorizationServerUrl?: string; authorizationServerMetadata?: Record<string, unknown>; [key: string]: unknown };

export class MemoryOAuthProvider {
  readonly clientMetadataUrl?: string;
  private client?: Record<string, unknown>;
  private stored?: StoredTokens;
  /** When the stored tokens were saved (ms since epoch), for their expiry. */
  savedAt = 0;
  private verifier?: string;
  private discovery?: Discovery;
  private pendingUrl?: URL;
  private expectedState?: string;

  constructor(private readonly options: ProviderOptions) {
    this.clientMetadataUrl = options.clientMetadataUrl;
    if (options.clientId !== undefined) {
      this.client = { client_id: options.clientId, ...(options.clientSecret !== undefined && { client_secret: options.clientSecret }) };
    }
  }

  get redirectUrl(): string {
    return this.options.redirectUrl;
  }

  get clientMetadata(): Record<string, unknown> {
    const { clientName, redirectUrl, clientSecret, scope } = this.options;
    // SEP-837: a redirect to a loopback address is a native application's (SDK 2.x derives this, 1.x does not).
    const loopback = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\//.test(redirectUrl);
    return {
      client_name: clientName,
      application_type: loopback ? 'native' : 'web',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: clientSecret === undefined ? 'none' : 'client_secret_basic',
      ...(scope !== undefined && { scope }),
    };
  }

  state(): string {
    this.expectedState = randomBytes(16).toString('base64url');
    return this.expectedState;
  }

  /** The `state` the last authorization request carried: the response must return it. */
  get lastState(): string | undefined {
    return this.expectedState;
  }

  clientInformation(): Record<string, unknown> | undefined {
    return this.client;
  }

  saveClientInformation(info: Record<string, unknown>): void {
    this.client = info;
  }

  tokens(): StoredTokens | undefined {
    return this.stored;
  }

  saveTokens(tokens: StoredTokens): void {
    this.stored = tokens;
    this.savedAt = Date.now();
  }

  redirectToAuthorization(url: URL): void {
    this.pendingUrl = url;
  }

  /** The authorization URL the SDK asked to redirect to, once. */
  takeAuthorizationUrl(): URL | undefined {
    const url = this.pendingUrl;
    this.pendingUrl = undefined;
    return url;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new Error('no PKCE code verifier was saved for this authorization');
    return this.verifier;
  }

  saveDiscoveryState(state: Discovery): void {
    this.discovery = state;
  }

  discoveryState(): Discovery | undefined {
    return this.discovery;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'tokens') this.stored = undefined;
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
    // A pre-registered client stays: it cannot be registered again.
    if ((scope === 'all' || scope === 'client') && this.options.clientId === undefined) this.client = undefined;
  }

  /** Drops the access token, keeping the refresh token: the next `auth()` refreshes. */
  dropAccessToken(): void {
    if (this.stored?.refresh_token === undefined) this.stored = undefined;
    else this.stored = { ...this.stored, access_token: '', expires_in: 0 };
  }
}
