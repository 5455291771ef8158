import type { HttpClientSpec } from '../config/specs';
import type { HttpTransport, McpSdk } from '../sdk';
import { describeUrl } from '../util/redact';
import { createAuthProvider } from './auth';
import { PendingRequests } from './closed-mid-request';
import { withRedirectPolicy } from './redirects';
import { settledFetch } from './settled-fetch';
import type { TransportHandle } from './types';

/** Streamable HTTP (a client with `url`) and the legacy HTTP+SSE transport (`transport: 'sse'`). */

export interface HttpTarget {
  kind: 'streamable-http' | 'sse';
  url: string;
  headers: Record<string, string>;
  authProvider?: unknown;
}

/**
 * The SDK transport for a target; readiness probes use it too, with their own headers. Every
 * request of it (OAuth's included: the SDK sends those through the same fetch) follows
 * redirects by jest-mcp's policy, whatever the SDK version.
 */
export function openHttpTransport(sdk: McpSdk, target: HttpTarget, fetch = withRedirectPolicy(settledFetch)): Promise<HttpTransport> {
  const options = { headers: target.headers, authProvider: target.authProvider, fetch };
  const url = new URL(target.url);
  return target.kind === 'sse' ? sdk.sseTransport(url, options) : sdk.streamableHttpTransport(url, options);
}

/** For a client of a server jest-mcp started: where to look when it does not answer. */
function serverDiagnostics(spec: HttpClientSpec): () => string | undefined {
  const { server } = spec;
  if (!server) return () => undefined;
  const log = server.log ? `; its output is in ${server.log}` : '';
  return () => `The server "${server.name}" was started by jest-mcp for this run (${server.where})${log}.`;
}

export async function createHttpTransport(sdk: McpSdk, spec: HttpClientSpec): Promise<TransportHandle> {
  let authProvider = await createAuthProvider(sdk, spec);
  const endpoint = `${spec.kind} ${describeUrl(spec.url)}`;
  const label = `mcpClients.${spec.name} (${endpoint})`;
  let lastError: number | undefined;
  const recorded: typeof settledFetch = async (url, init) => {
    const response = await settledFetch(url, init);
    if (response.status >= 400) lastError = response.status;
    return response;
  };
  const pending = new PendingRequests(label, spec.kind);
  let fetch = withRedirectPolicy(recorded, label, spec.url);
  if (spec.auth && 'authorizationCode' in spec.auth) {
    const { bearerFetch, brokerLink, signInSpec } = await import('../signin');
    fetch = bearerFetch(fetch, brokerLink(), signInSpec(spec, spec.auth.authorizationCode, sdk.generation), sdk);
  } else if (authProvider !== undefined) {
    const { bearerFetch, providerLink, providerSignInSpec, redirectsToAuthorization } = await import('../signin');
    // A provider of the authorization code flow would stop at the SDK's redirect: jest-mcp completes it.
    if (redirectsToAuthorization(authProvider)) {
      const signIn = providerSignInSpec(spec, authProvider, sdk.generation);
      fetch = bearerFetch(fetch, providerLink(sdk, signIn, authProvider), signIn, sdk);
      authProvider = undefined;
    }
  }
  const transport = await openHttpTransport(sdk, { ...spec, authProvider }, pending.watch(fetch));
  const handle: TransportHandle = {
    lastHttpError: () => lastError,
    transport: pending.track(transport),
    endpoint,
    diagnostics: serverDiagnostics(spec),
    async dispose() {},
    kill() {
      void transport.close();
    },
  };
  const terminate = transport.terminateSession?.bind(transport);
  if (spec.kind === 'streamable-http' && terminate) {
    handle.endSession = async () => {
      try {
        await terminate();
      } catch (error) {
        // 405 is tolerated by the SDK; 404 means the session is already gone, which is the goal
        // (1.x puts the status in `code`, 2.x in `status`).
        const { code, status } = error as { code?: unknown; status?: unknown };
        if (code !== 404 && status !== 404) throw error;
      }
    };
  }
  return handle;
}
