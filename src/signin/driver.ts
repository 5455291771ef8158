import { McpAuthError } from '../util/errors';
import { loadUserModule } from '../util/load-module';
import { findLoginForm } from './login-form';

/**
 * The browser part of the authorization code flow, headless: follow the authorization URL
 * (`redirect: 'manual'`, cookies kept per origin) until the authorization server redirects to
 * the redirect URI; post a plain login form with the configured username and password on the
 * way; or hand the whole thing to the project's `login` module. Every step is bounded.
 */

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export type LoginSpec = { username: string; password: string } | { module: string };

export interface SignInTarget {
  /** The user being signed in (the client's name), for messages and the `login` module. */
  user: string;
  /** The config path of the client's `auth.authorizationCode`, for messages. */
  where: string;
  redirectUrl: string;
  login?: LoginSpec;
  /** Per HTTP step; a login module gets 6 times as long. */
  stepTimeoutMs: number;
  fetch: Fetch;
}

const MAX_STEPS = 20;

/** `redirectUrl` reached: same origin and path (the query carries the response). */
function isRedirectTarget(url: URL, redirectUrl: string): boolean {
  const target = new URL(redirectUrl);
  return url.origin === target.origin && url.pathname === target.pathname;
}

class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: URL, response: Response): void {
    const cookies = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.byOrigin.set(url.origin, cookies);
  }

  header(url: URL): Record<string, string> {
    const cookies = this.byOrigin.get(url.origin);
    if (!cookies?.size) return {};
    return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

function failure(target: SignInTarget, server: string, what: string): McpAuthError {
  return new McpAuthError(`jest-mcp: could not sign in "${target.user}" at the authorization server ${server}: ${what}`);
}

async function step(target: SignInTarget, url: URL, init: RequestInit, server: string): Promise<Response> {
  try {
    return await target.fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(target.stepTimeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    if (cause === 'TimeoutError')
      throw failure(target, server, `${url.origin}${url.pathname} did not answer within ${target.stepTimeoutMs / 1000} s.`);
    throw failure(
      target,
      server,
      `${url.origin}${url.pathname} is not reachable (${cause ?? 'fetch failed'}). Is the authorization server running?`,
    );
  }
}

/** Follows the authorization request headlessly; returns the redirect URI the server sent the user agent to. */
export async function followAuthorization(authorizationUrl: URL, target: SignInTarget): Promise<URL> {
  const server = authorizationUrl.origin;
  if (target.login && 'module' in target.login) return runLoginModule(authorizationUrl, target, target.login.module, server);
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = { method: 'GET' };
  let postedLogin = false;
  for (let i = 0; i < MAX_STEPS; i++) {
    if (isRedirectTarget(url, target.redirectUrl)) return url;
    const response = await step(
      target,
      url,
      { ...init, headers: { ...(init.headers as Record<string, string>), ...jar.header(url) } },
      server,
    );
    jar.store(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      init = { method: 'GET' };
      continue;
    }
    const body = await response.text().catch(() => '');
    const form = response.headers.get('content-type')?.includes('html') ? findLoginForm(body, url) : undefined;
    if (form) {
      if (!target.login) {
        throw failure(
          target,
          server,
          `it showed a login page (${url.origin}${url.pathname}) and ${target.where} has no "login". ` +
            `Set login: { username, password } for a plain login form, or login: "./sign-in.js", a module exporting ` +
            `async ({ authorizationUrl, redirectUrl, user }) => the URL the server redirected to (e.g. driving a browser with Playwright).`,
        );
      }
      if (postedLogin) {
        throw failure(
          target,
          server,
          `the login page came back after posting the username and password of ${target.where}.login: they were not accepted.`,
        );
      }
      postedLogin = true;
      const fields = { ...form.fields, [form.passwordField]: target.login.password };
      if (form.usernameField) fields[form.usernameField] = target.login.username;
      const encoded = new URLSearchParams(fields);
      if (form.method === 'GET') {
        url = new URL(`${form.action.origin}${form.action.pathname}?${encoded.toString()}`);
        init = { method: 'GET' };
      } else {
        url = form.action;
        init = { method: 'POST', body: encoded.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      }
      continue;
    }
    const refused = postedLogin && (response.status === 401 || response.status === 403 || response.status === 400);
    if (refused) throw failure(target, server, `it refused the username and password of ${target.where}.login (HTTP ${response.status}).`);
    throw failure(
      target,
      server,
      `${url.origin}${url.pathname} answered HTTP ${response.status} instead of redirecting to ${target.redirectUrl}` +
        (response.ok ? ' (a page jest-mcp cannot complete by itself: configure a login module)' : '') +
        '.',
    );
  }
  throw failure(target, server, `more than ${MAX_STEPS} redirects without reaching ${target.redirectUrl}.`);
}

async function runLoginModule(authorizationUrl: URL, target: SignInTarget, file: string, server: string): Promise<URL> {
  const mod = (await loadUserModule(file)) as { default?: unknown; login?: unknown };
  const login = [mod, mod.default, mod.login].find((candidate) => typeof candidate === 'function') as
    ((input: { authorizationUrl: string; redirectUrl: string; user: string }) => Promise<unknown>) | undefined;
  if (!login)
    throw failure(target, server, `${target.where}.login (${file}) must export async ({ authorizationUrl, redirectUrl, user }) => url.`);
  const timeout = target.stepTimeoutMs * 6;
  let timer: NodeJS.Timeout | undefined;
  const reached = await Promise.race([
    login({ authorizationUrl: authorizationUrl.href, redirectUrl: target.redirectUrl, user: target.user }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(failure(target, server, `${target.where}.login (${file}) did not finish within ${timeout / 1000} s.`)),
        timeout,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  let url: URL;
  try {
    url = new URL(String(reached));
  } catch {
    throw failure(target, server, `${target.where}.login (${file}) returned ${typeof reached}, not the URL the server redirected to.`);
  }
  if (!isRedirectTarget(url, target.redirectUrl))
    throw failure(target, server, `${target.where}.login (${file}) returned a URL that is not the redirect URI ${target.redirectUrl}.`);
  return url;
}

/** The authorization response the redirect URI carries: the code and `iss`, or the server's refusal. */
export function readAuthorizationResponse(
  reached: URL,
  state: string | undefined,
  target: SignInTarget,
  server: string,
): { code: string; iss?: string } {
  const params = reached.searchParams;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const hint = error === 'access_denied' ? ' (the user or the authorization server declined the authorization)' : '';
    throw failure(target, server, `the authorization was refused: ${error}${description ? ` (${description})` : ''}${hint}.`);
  }
  if (state !== undefined && params.get('state') !== state)
    throw failure(target, server, 'the authorization response did not return the state jest-mcp sent.');
  const code = params.get('code');
  if (!code) throw failure(target, server, `the redirect to ${target.redirectUrl} carried no authorization code.`);
  return { code, iss: params.get('iss') ?? undefined };
}
