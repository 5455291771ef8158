import type { ClientSpec } from '../config/specs';
import { type HttpAnswer, rawHttp } from '../util/raw-http';

/**
 * What the conformance suite needs to check an HTTP server's own behaviour (its auth, Host and
 * Origin validation, the version it answers) with raw requests: where it is, the client's
 * configured headers, whether the client signs in with `auth`, and, for such a client, what the
 * server says to a request without a token and its protected resource metadata, fetched at setup
 * (the suite decides which checks apply while Jest collects the file, which cannot wait).
 */

export interface HttpTarget {
  url: string;
  transport: 'streamable-http' | 'sse';
  /** The client's `headers` (they may hold credentials: sent with the checks' requests, never shown). */
  headers: Record<string, string>;
  /** The kind of `auth` the client has (`clientCredentials`, `module`…); undefined without. */
  auth?: string;
  /** Set at setup for a client with `auth`. */
  probe?: AuthProbe;
}

export interface AuthProbe {
  /** A request without a token. */
  challenge: HttpAnswer;
  /** The path-inserted well-known URL (RFC 9728 §3.1) and what it answered. */
  metadataUrl: string;
  metadata: HttpAnswer;
  /** The document at the challenge's resource_metadata, when that is another URL. */
  challengeMetadata?: HttpAnswer;
}

export function targetOf(spec: ClientSpec): HttpTarget | undefined {
  // An in-process server has no address: the conformance suite's raw HTTP checks do not apply.
  if (spec.kind === 'stdio' || spec.kind === 'in-process') return undefined;
  return { url: spec.url, transport: spec.kind, headers: spec.headers, auth: spec.auth ? Object.keys(spec.auth)[0] : undefined };
}

/** `https://h/mcp` → `https://h/.well-known/oauth-protected-resource/mcp`; a root URL gets the root well-known. */
export function protectedResourceMetadataUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/** The request every check sends: the opening of a session in the era the client speaks. */
export function openingRequest(version: string): { body: string; headers: Record<string, string> } {
  const clientInfo = { name: 'jest-mcp-conformance', version: '1.0.0' };
  const modern = version >= '2026-07-28';
  const message = modern
    ? {
        jsonrpc: '2.0',
        id: 1,
        method: 'server/discover',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': version,
            'io.modelcontextprotocol/clientInfo': clientInfo,
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }
    : { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo } };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (modern) Object.assign(headers, { 'mcp-protocol-version': version, 'mcp-method': 'server/discover' });
  return { body: JSON.stringify(message), headers };
}

/** The latest 2025 revision: what SDK 1.x asks for, and it does not say what it negotiated. */
const LATEST_2025 = '2025-11-25';

/** The version the client's session speaks (2.x says; 1.x asks for the latest 2025 one). */
export function sessionVersion(client: unknown): string {
  const negotiated = (client as { getNegotiatedProtocolVersion?: () => unknown }).getNegotiatedProtocolVersion?.();
  return typeof negotiated === 'string' ? negotiated : LATEST_2025;
}

/** The client's headers without credentials of its own: what a request "without a token" carries. */
export function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

/** For each open client with `auth`: the unauthenticated answer and the metadata, side by side. */
export async function attachAuthProbes(
  entries: Array<{ name: string; client: unknown; http?: HttpTarget }>,
  timeoutMs: (name: string) => number,
): Promise<void> {
  await Promise.all(
    entries.map(async (entry) => {
      const target = entry.http;
      if (!target?.auth || target.transport !== 'streamable-http') return;
      const opening = openingRequest(sessionVersion(entry.client));
      const timeout = timeoutMs(entry.name);
      const metadataUrl = protectedResourceMetadataUrl(target.url);
      const get = (url: string) => rawHttp({ method: 'GET', url, headers: { accept: 'application/json' }, timeout });
      const [challenge, metadata] = await Promise.all([
        rawHttp({
          method: 'POST',
          url: target.url,
          headers: { ...withoutAuthorization(target.headers), ...opening.headers },
          body: opening.body,
          timeout,
        }),
        get(metadataUrl),
      ]);
      const pointed =
        challenge.kind === 'answered' ? /resource_metadata="([^"]+)"/.exec(challenge.headers['www-authenticate'] ?? '')?.[1] : undefined;
      const challengeMetadata = pointed && pointed !== metadataUrl && URL.canParse(pointed) ? await get(pointed) : undefined;
      target.probe = { challenge, metadataUrl, metadata, challengeMetadata };
    }),
  );
}
