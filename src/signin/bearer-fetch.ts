import type { McpSdk } from '../sdk';
import type { BrokerLink } from './broker-client';
import type { Grant, SignInSpec } from './user-session';

/**
 * The worker's side of `auth.authorizationCode`: a fetch under the SDK transport that sends
 * `Authorization: Bearer` with the user's token from the broker, and on a 401 (token refused,
 * or none yet) or a 403 `insufficient_scope` asks the broker for a new one and retries once.
 * It works the same for both SDK generations and both protocol eras: the transport never sees
 * OAuth at all.
 */

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

function withBearer(init: RequestInit | undefined, grant: Grant | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (grant) headers.set('authorization', `Bearer ${grant.token}`);
  return { ...init, headers };
}

export function bearerFetch(base: Fetch, broker: BrokerLink, spec: SignInSpec, sdk: McpSdk): Fetch {
  let grant: Grant | undefined;
  let asked = false;
  const current = async () => {
    if (!asked || (grant?.refreshAfter !== undefined && Date.now() >= grant.refreshAfter)) {
      // First: whatever another file or worker obtained already; later: a refreshed one.
      grant = await broker.ask({ op: asked && grant ? 'token' : 'peek', spec });
      asked = true;
    }
    return grant;
  };
  return async (url, init) => {
    const used = await current();
    const response = await base(url, withBearer(init, used));
    if (response.status !== 401 && response.status !== 403) return response;
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (response.status === 401) {
      await response.body?.cancel();
      grant = await broker.ask({ op: 'rejected', spec, serial: used?.serial, challenge });
    } else {
      if (sdk.bearerChallenge(challenge).error !== 'insufficient_scope') return response;
      await response.body?.cancel();
      grant = await broker.ask({ op: 'stepUp', spec, serial: used?.serial, challenge });
    }
    return base(url, withBearer(init, grant));
  };
}
