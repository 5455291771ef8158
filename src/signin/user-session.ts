import type { BearerChallenge, McpSdk } from '../sdk';
import { McpAuthError } from '../util/errors';
import { type LoginSpec, followAuthorization, readAuthorizationResponse } from './driver';
import type { SignInProvider } from './capture';
import { MemoryOAuthProvider, type StoredTokens } from './provider';

/**
 * One user's sign-in for the run, kept by the token broker: the first request signs in through
 * the SDK's `auth()` and the headless driver, later ones get the cached token; an expired or
 * rejected token is refreshed (or the user signs in again), a 403 `insufficient_scope` asks for
 * the wider scope. Operations of one user run one at a time, so concurrent requests share a
 * sign-in and a refresh token is never used twice (rotation).
 */

/** What the broker needs to sign a user in: a client's `auth.authorizationCode`, resolved. */
export interface SignInSpec {
  /** The client's name: the user. */
  user: string;
  /** `testEnvironmentOptions.mcp.clients.<name>.auth.authorizationCode`, for messages. */
  where: string;
  serverUrl: string;
  sdk: 'v1' | 'v2';
  redirectUrl: string;
  clientId?: string;
  clientSecret?: string;
  clientMetadataUrl?: string;
  scope?: string;
  login?: LoginSpec;
  /** Milliseconds per HTTP step of the sign-in. */
  stepTimeoutMs: number;
}

export interface Grant {
  token: string;
  /** Counts the tokens of this user: a worker reports the one that was refused by it. */
  serial: number;
  /** Ms since epoch after which the worker asks again; undefined: no known expiry. */
  refreshAfter?: number;
}

/** Re-authorizations for a wider scope per user and run, beyond which a 403 stands. */
const MAX_STEP_UPS = 3;

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

function scopeUnion(...scopes: Array<string | undefined>): string | undefined {
  const all = new Set(scopes.flatMap((scope) => scope?.split(/\s+/).filter(Boolean) ?? []));
  return all.size ? [...all].join(' ') : undefined;
}

export class UserSignIn {
  private readonly provider: SignInProvider;
  private grant?: Grant;
  private serial = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private scope?: string;
  private resourceMetadataUrl?: string;
  private stepUps = 0;
  /** The last URL the SDK's part of the sign-in asked, to name a server that did not answer. */
  private lastUrl?: string;
  private readonly fetch: Fetch;
  /** Authorization code grants and refreshes so far, for tests and the bench. */
  readonly counts = { signIns: 0, refreshes: 0 };

  constructor(
    private readonly sdk: McpSdk,
    private readonly spec: SignInSpec,
    fetch: Fetch,
    /** A project's own provider (`auth: { module }`); default: jest-mcp's, in memory. */
    provider?: SignInProvider,
  ) {
    this.provider =
      provider ??
      new MemoryOAuthProvider({
        redirectUrl: spec.redirectUrl,
        clientName: `jest-mcp (${spec.user})`,
        clientId: spec.clientId,
        clientSecret: spec.clientSecret,
        clientMetadataUrl: spec.clientMetadataUrl,
        scope: spec.scope,
      });
    this.scope = spec.scope;
    this.fetch = (url, init) => {
      this.lastUrl = String(url);
      return fetch(url, init);
    };
  }

  /**
   * The current token if there is a fresh one, without signing in. A project's own provider
   * (`auth: { module }`) may hold a token from the start: it is used as the SDK's transport would
   * use it, and `auth()` runs only once the server refuses it.
   */
  async peek(): Promise<Grant | undefined> {
    if (this.fresh()) return this.grant;
    if (this.grant !== undefined) return undefined;
    const held = (await this.provider.tokens()) as StoredTokens | undefined;
    if (!held?.access_token) return undefined;
    // A token the provider came with was saved at a time nobody knows: it is used until refused.
    const refreshAfter = this.provider.savedAt ? this.refreshAfter(held.expires_in) : undefined;
    this.grant = { token: held.access_token, serial: ++this.serial, refreshAfter };
    return this.grant;
  }

  token(challenge?: BearerChallenge): Promise<Grant> {
    return this.serialized(async () => (this.fresh() ? this.grant! : this.obtain(challenge)));
  }

  /** The resource server refused token `serial`: refresh, or sign in again, unless that happened meanwhile. */
  rejected(serial: number | undefined, challenge?: BearerChallenge): Promise<Grant> {
    return this.serialized(async () => {
      // A worker that had no token yet, or an older one, gets the one another request obtained meanwhile.
      if (this.fresh() && this.grant!.serial !== serial) return this.grant!;
      this.provider.dropAccessToken();
      // The server may have moved to another authorization server (SEP-2352): discover again.
      this.provider.invalidateCredentials('discovery');
      this.grant = undefined;
      return this.obtain(challenge);
    });
  }

  /** 403 `insufficient_scope`: authorize again for the union of the scopes asked so far. */
  stepUp(serial: number | undefined, challenge: BearerChallenge): Promise<Grant> {
    return this.serialized(async () => {
      if (this.fresh() && this.grant!.serial !== serial) return this.grant!;
      const wider = scopeUnion(this.scope, challenge.scope);
      const grows = wider !== undefined && wider !== scopeUnion(this.scope);
      if (!grows || this.stepUps >= MAX_STEP_UPS) {
        throw this.failure(
          `the server answered 403 insufficient_scope${challenge.scope ? ` (scope "${challenge.scope}")` : ''} to a token that was ` +
            (grows ? `authorized ${MAX_STEP_UPS} times for wider scopes already` : 'already authorized for that scope') +
            `. Check the scopes the server asks for and the ones the authorization server grants.`,
        );
      }
      this.stepUps += 1;
      this.scope = wider;
      // A refresh cannot widen a grant (RFC 6749 §6): a new authorization it is. A client
      // registered dynamically registers again, as its registration may be bound to the narrower scope.
      this.provider.invalidateCredentials('tokens');
      this.provider.invalidateCredentials('client');
      this.grant = undefined;
      return this.obtain(challenge, wider);
    });
  }

  private fresh(): boolean {
    return this.grant !== undefined && (this.grant.refreshAfter === undefined || Date.now() < this.grant.refreshAfter);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private failure(what: string): McpAuthError {
    return new McpAuthError(`jest-mcp: could not sign in "${this.spec.user}" for ${this.spec.serverUrl}: ${what}`);
  }

  /** Refresh when a refresh token is held, else the authorization code flow, headless. */
  private async obtain(challenge?: BearerChallenge, scope?: string): Promise<Grant> {
    if (challenge?.resourceMetadataUrl) this.resourceMetadataUrl = challenge.resourceMetadataUrl;
    if (challenge?.scope && scope === undefined) this.scope = scopeUnion(this.scope, challenge.scope);
    const run = { serverUrl: this.spec.serverUrl, resourceMetadataUrl: this.resourceMetadataUrl, scope: this.scope, fetchFn: this.fetch };
    const hadRefresh = ((await this.provider.tokens()) as StoredTokens | undefined)?.refresh_token !== undefined;
    try {
      if ((await this.sdk.runOAuth(this.provider, run)) === 'REDIRECT') {
        const authorizationUrl = this.provider.takeAuthorizationUrl();
        if (!authorizationUrl) throw this.failure('the SDK asked for a redirect but gave no authorization URL.');
        this.requirePkce();
        const target = {
          user: this.spec.user,
          where: this.spec.where,
          redirectUrl: this.spec.redirectUrl,
          login: this.spec.login,
          stepTimeoutMs: this.spec.stepTimeoutMs,
          fetch: this.fetch,
        };
        const reached = await followAuthorization(authorizationUrl, target);
        const response = readAuthorizationResponse(reached, this.provider.lastState, target, authorizationUrl.origin);
        await this.sdk.runOAuth(this.provider, { ...run, authorizationCode: response.code, iss: response.iss });
        this.counts.signIns += 1;
      } else if (hadRefresh) {
        this.counts.refreshes += 1;
      }
    } catch (error) {
      if (error instanceof McpAuthError) throw error;
      throw this.failure(this.describe(error));
    }
    const tokens = (await this.provider.tokens()) as StoredTokens | undefined;
    if (!tokens?.access_token) throw this.failure('the authorization server issued no access token.');
    this.grant = { token: tokens.access_token, serial: ++this.serial, refreshAfter: this.refreshAfter(tokens.expires_in) };
    return this.grant;
  }

  /** An error of the SDK's part: a server that did not answer is named (origin and path only). */
  private describe(error: unknown): string {
    const e = error as { name?: string; message?: string; cause?: { code?: string; name?: string } };
    const code = e.cause?.code ?? (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' ? 'timed out' : undefined);
    if (code && this.lastUrl) {
      const url = new URL(this.lastUrl);
      return `${url.origin}${url.pathname} did not answer (${code}). Is the authorization server this server names running?`;
    }
    return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(error)}`;
  }

  /** MCP clients must refuse an authorization server that does not say it supports PKCE S256. */
  private requirePkce(): void {
    const metadata = this.provider.discoveryState()?.authorizationServerMetadata;
    const methods = metadata?.code_challenge_methods_supported;
    if (metadata && !(Array.isArray(methods) && methods.includes('S256'))) {
      throw this.failure(
        `the authorization server ${String(metadata.issuer)} does not list S256 in code_challenge_methods_supported; MCP clients must not proceed without PKCE.`,
      );
    }
  }

  /** A little before the token expires: a tenth of its lifetime, at most 30 s. */
  private refreshAfter(expiresIn: number | undefined): number | undefined {
    if (typeof expiresIn !== 'number' || expiresIn <= 0) return undefined;
    const lifetime = expiresIn * 1000;
    return this.provider.savedAt + lifetime - Math.min(30_000, lifetime / 10);
  }
}
