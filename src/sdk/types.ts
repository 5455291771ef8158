/**
 * The small interface every SDK generation's module implements. The rest of jest-mcp talks to
 * the MCP SDK only through it, so a new SDK generation (or a breaking minor) touches one file.
 *
 * The types below are jest-mcp's own, written as structures rather than imported from one SDK:
 * the 1.x and 2.x packages declare the same wire shapes in different modules.
 */

/** One JSON-RPC message as it crosses a transport. */
export type WireMessage = { jsonrpc: '2.0'; id?: string | number; method?: string; params?: Record<string, unknown> } & Record<
  string,
  unknown
>;

/** The transport contract both SDK generations' `Client.connect()` accept. */
export interface WireTransport {
  start(): Promise<void>;
  send(message: WireMessage, options?: unknown): Promise<void>;
  close(): Promise<void>;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: WireMessage, extra?: unknown) => void;
  sessionId?: string;
  setProtocolVersion?: (version: string) => void;
}

/** An HTTP transport: Streamable HTTP can end its server-side session, SSE cannot. */
export interface HttpTransport extends WireTransport {
  terminateSession?(): Promise<void>;
}

/** What jest-mcp itself calls on a client; tests get the SDK's full `Client`. */
export interface SdkClient {
  connect(transport: WireTransport, options?: { timeout?: number }): Promise<void>;
  close(): Promise<void>;
  onclose?: () => void;
}

/** The capabilities and answers a client gives for requests a server makes of it. */
export interface ServerRequestAnswers {
  roots?: () => unknown;
  sampling?: (params: unknown) => Promise<unknown>;
  /** Declare `sampling: { tools: {} }` (MCP 2025-11-25): requests may carry tools, answers may be tool_use. */
  samplingTools?: boolean;
  elicitation?: (params: unknown) => Promise<unknown>;
  /** The elicitation modes to declare (`{ form: {}, url: {} }`); undefined: `elicitation: {}`, form mode only. */
  elicitationModes?: Array<'form' | 'url'>;
  /** Declare `elicitation.form.applyDefaults` (with form among `elicitationModes`). */
  elicitationApplyDefaults?: boolean;
}

/**
 * Which protocol era a client speaks: `legacy` (the 2025 `initialize` handshake), `auto` (probe
 * with `server/discover`, fall back to legacy), or a pinned revision such as `2026-07-28`.
 */
export type ProtocolChoice = 'legacy' | 'auto' | (string & {});

export interface ClientOptions {
  name: string;
  version: string;
  answers: ServerRequestAnswers;
  /** Undefined: the SDK's own default. */
  protocol?: ProtocolChoice;
}

export interface HttpTransportOptions {
  headers: Record<string, string>;
  /** An OAuth client provider of this SDK, or undefined. */
  authProvider?: unknown;
  fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>;
}

export interface ClientCredentials {
  clientId: string;
  /** A shared secret (client_secret_basic or _post, as the server's metadata allows), or: */
  clientSecret?: string;
  /** A PEM private key signing a client assertion (private_key_jwt), with its `algorithm`. */
  privateKey?: string;
  algorithm?: string;
  scope?: string;
  issuer?: string;
  clientName: string;
}

/** One call of the SDK's `auth()` orchestrator: discovery, registration, then a token or a redirect. */
export interface OAuthRun {
  serverUrl: string;
  /** Redeem this code (from the authorization response) instead of starting a new authorization. */
  authorizationCode?: string;
  /** The authorization response's `iss` (RFC 9207), checked before the code is redeemed. */
  iss?: string;
  scope?: string;
  resourceMetadataUrl?: string;
  fetchFn: (url: string | URL, init?: RequestInit) => Promise<Response>;
}

/** What a 401 or 403's `WWW-Authenticate: Bearer` says. */
export interface BearerChallenge {
  resourceMetadataUrl?: string;
  scope?: string;
  error?: string;
}

/** Reads newline-delimited JSON-RPC from a byte stream (a stdio server's stdout). */
export interface StdioFraming {
  createReader(): { append(chunk: Buffer): void; readMessage(): WireMessage | null };
  serialize(message: WireMessage): string;
}

export type SchemaCheck = { valid: true } | { valid: false; errorMessage: string };

/** The error classes a test compares against, loaded in the test's own module registry. */
export interface RealmErrorClasses {
  /** The `name`s of the errors `protocolError` re-creates. */
  readonly names: readonly string[];
  /** Re-creates an SDK error (`name`, `code`, `message`, `data`) as the test's own class, or undefined if it is not one. */
  protocolError(source: { name?: string; code?: unknown; message?: string; data?: unknown }): Error | undefined;
}

export type SdkGeneration = 'v1' | 'v2';

export interface McpSdk {
  readonly generation: SdkGeneration;
  /** The npm package, for messages. */
  readonly packageName: string;
  createClient(options: ClientOptions): Promise<SdkClient>;
  /** `legacy` or `modern` once connected (1.x speaks only the legacy era). */
  protocolEra(client: SdkClient): 'legacy' | 'modern' | undefined;
  streamableHttpTransport(url: URL, options: HttpTransportOptions): Promise<HttpTransport>;
  sseTransport(url: URL, options: HttpTransportOptions): Promise<HttpTransport>;
  stdioFraming(): Promise<StdioFraming>;
  /** The small safe environment the SDK gives a stdio server (HOME, PATH, …). */
  defaultStdioEnvironment(): Promise<Record<string, string>>;
  clientCredentialsProvider(options: ClientCredentials): Promise<unknown>;
  /** The SDK's `auth()`: `REDIRECT` once the provider was handed the authorization URL. */
  runOAuth(provider: unknown, run: OAuthRun): Promise<'AUTHORIZED' | 'REDIRECT'>;
  /** Parses a `WWW-Authenticate` header the way the SDK's own 401 handling does. */
  bearerChallenge(header: string): BearerChallenge;
  /** Whether `error` is the SDK's "the provider was asked to redirect a browser" (a plain provider's dead end). */
  isRedirectError(error: unknown): boolean;
  /** Whether `value` is an OAuth client provider this SDK can use. */
  isAuthProvider(value: unknown): boolean;
  checkJsonSchema(schema: unknown, value: unknown): SchemaCheck;
  /** The protocol revisions this SDK's client can speak (the conformance suite checks the negotiated one). */
  supportedProtocolVersions(): readonly string[];
  /** For the test realm: `require` of this module there loads the SDK through the test's registry. */
  realmErrors(): RealmErrorClasses | undefined;
  /** The module an ES module test imports the SDK's errors from, and how to read them from it. */
  readonly errorsModule: { specifier: string; classes(mod: unknown): RealmErrorClasses };
  /** The `name`s of this SDK's errors that tests compare by class. */
  readonly errorNames: readonly string[];
}

/**
 * Loads modules in a test file's own realm (its module registry, its transform, its mocks): set
 * up by the preset's setup file, used by the worker to serve an in-process client's server module.
 */
export interface RealmLoader {
  /** A user's module by absolute path (extension optional): `require` first, `import()` for an ES module. */
  load(file: string): Promise<{ exports: unknown; esm: boolean; resolved: string }>;
  /** A package as the module at `from` sees it, loaded the same way (`esm`); undefined when it is not installed there. */
  loadFrom(from: string, specifier: string, esm: boolean): Promise<unknown>;
}

/** A server module's server, served in process: each HTTP request is a call of `fetch`, no socket. */
export interface InProcessServer {
  /** The SDK generation the server was written with (whatever the clients use). */
  readonly generation: SdkGeneration;
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
  /** The last error the server's factory threw while serving, for messages. */
  lastError(): Error | undefined;
}

/** The context a server factory gets, as 2.x's `createMcpHandler` gives it (1.x factories ignore it). */
export interface ServerFactoryContext {
  era: 'legacy' | 'modern';
}
