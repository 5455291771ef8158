import type { IncomingMessage, ServerResponse } from 'node:http';
import { loginPage } from './login-page';
import type { McpAuthServerUser } from '../config/types';
import type { OidcProvider } from './provider-config';

/**
 * The login and consent steps of the authorization code flow (oidc-provider's "interactions"):
 * a login form (or, with `autoApprove`, no form at all), then consent given at once, or refused
 * for a user configured to refuse.
 */

export interface InteractionOptions {
  users: Record<string, McpAuthServerUser>;
  autoApprove?: string;
}

const MAX_FORM_BYTES = 16_384;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) break;
  }
  return new URLSearchParams(body);
}

interface Details {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}

/** Passwords compared in constant time would be theatre here; equal is enough for a test server. */
function signIn(options: InteractionOptions, username: string, password: string): boolean {
  const user = options.users[username];
  return user !== undefined && user.password === password;
}

async function grantAll(provider: OidcProvider, details: Details, accountId: string): Promise<string> {
  const { Grant } = provider;
  const grant =
    (details.grantId ? await Grant.find(details.grantId) : undefined) ??
    new Grant({ accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export async function handleInteraction(
  provider: OidcProvider,
  options: InteractionOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = (await provider.interactionDetails(req, res)) as Details;
  const finish = (result: Record<string, unknown>) => provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  const client = String(details.params.client_id);
  if (details.prompt.name === 'login') {
    if (options.autoApprove !== undefined) return finish({ login: { accountId: options.autoApprove } });
    if (req.method !== 'POST') return send(res, 200, loginPage({ client }));
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    if (!signIn(options, username, form.get('password') ?? '')) {
      return send(res, 200, loginPage({ client, username, error: 'Wrong username or password.' }));
    }
    return finish({ login: { accountId: username } });
  }
  const accountId = details.session?.accountId ?? '';
  if (options.users[accountId]?.consent === 'deny') {
    return finish({ error: 'access_denied', error_description: `${accountId} refused consent` });
  }
  return finish({ consent: { grantId: await grantAll(provider, details, accountId) } });
}
