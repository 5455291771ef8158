import { createAuthProvider } from '../auth';
import type { HttpClientSpec } from '../config';
import { describeUrl } from '../redact';
import { settledFetch } from './settled-fetch';
import type { TransportHandle } from './types';

/** Streamable HTTP, the transport for a client with `url`. */
/** For a client of a server jest-mcp started: where to look when it does not answer. */
function serverDiagnostics(spec: HttpClientSpec): () => string | undefined {
  const { server } = spec;
  if (!server) return () => undefined;
  const log = server.log ? `; its output is in ${server.log}` : '';
  return () => `The server "${server.name}" was started by jest-mcp for this run (testEnvironmentOptions.mcp.servers.${server.name})${log}.`;
}

export async function createStreamableHttpTransport(spec: HttpClientSpec): Promise<TransportHandle> {
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  const authProvider = await createAuthProvider(spec);
  const transport = new StreamableHTTPClientTransport(new URL(spec.url), {
    requestInit: { headers: spec.headers },
    authProvider,
    fetch: settledFetch,
  });
  return {
    transport,
    endpoint: `streamable-http ${describeUrl(spec.url)}`,
    diagnostics: serverDiagnostics(spec),
    async endSession() {
      try {
        await transport.terminateSession();
      } catch (error) {
        // 405 is tolerated by the SDK; 404 means the session is already gone, which is the goal.
        if ((error as { code?: number }).code !== 404) throw error;
      }
    },
    async dispose() {},
    kill() {
      void transport.close();
    },
  };
}

/** The legacy HTTP+SSE transport, for `transport: 'sse'`. */
export async function createSseTransport(spec: HttpClientSpec): Promise<TransportHandle> {
  const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
  const authProvider = await createAuthProvider(spec);
  const transport = new SSEClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers }, authProvider, fetch: settledFetch });
  return {
    transport,
    endpoint: `sse ${describeUrl(spec.url)}`,
    diagnostics: serverDiagnostics(spec),
    async dispose() {},
    kill() {
      void transport.close();
    },
  };
}
