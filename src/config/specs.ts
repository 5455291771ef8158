import type { McpAuthOptions, McpElicitationOptions, McpOptions, McpResponder, McpSamplingOptions } from './types';
import type { Redactor } from '../util/redact';

/**
 * What the config resolves to: one spec per client and per run-wide server, interpolated and
 * complete, each with the config path its messages name.
 */

export const DEFAULT_TIMEOUTS = { connect: 10, close: 5 } as const;

export interface ResolvedTimeouts {
  /** Milliseconds. */
  connect: number;
  /** Milliseconds. */
  close: number;
}

/** A static answer, or a module (path from rootDir) exporting a function that makes one. */
export type Responder = McpResponder;

/** `auth` as configured, with `${VAR}` interpolated and a module path made absolute. */
export type AuthSpec = McpAuthOptions;

export interface ClientSpecBase {
  name: string;
  /** What the transport must hide before it keeps or cuts a line (a server's stderr). */
  redactor?: Redactor;
  /** `testEnvironmentOptions.mcp.clients.<name>`, for messages. */
  where: string;
  /** The protocol era to negotiate (2.x); undefined: the SDK's default. */
  protocol?: string;
  /** Who set `protocol`, for messages: the client's key, the config's, or withProtocolMatrix. */
  protocolFrom?: { where: string; matrix: boolean };
  timeouts: ResolvedTimeouts;
  /** Answer to the server's roots/list. */
  roots?: Array<{ uri: string; name?: string }>;
  /** Answers the server's sampling/createMessage (`tools`: declares sampling.tools). */
  sampling?: McpSamplingOptions;
  /** Answers the server's elicitation/create: one responder (form mode), or one per mode. */
  elicitation?: McpElicitationOptions;
  /** `file` (default): one session for the test file; `test`: a fresh session for every test. */
  session: 'file' | 'test';
}

export interface HttpClientSpec extends ClientSpecBase {
  kind: 'streamable-http' | 'sse';
  url: string;
  headers: Record<string, string>;
  /** Set for a client of a server jest-mcp started (`server: name`); `where` is the server's config path. */
  server?: { name: string; where: string; log?: string };
  /** OAuth: client credentials, or a module (absolute path) exporting a provider. */
  auth?: AuthSpec;
}

export interface StdioClientSpec extends ClientSpecBase {
  kind: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  stderr: 'capture' | 'inherit';
}

/** A server module served in the test file's realm (`module`), with the export that makes the server. */
export interface ModuleClientSpec extends ClientSpecBase {
  kind: 'in-process';
  /** Absolute (resolved from rootDir); the extension may be left out, as in an import. */
  module: string;
  /** As written in the config, for messages. */
  moduleAsWritten: string;
  /** Undefined: the default export. */
  export?: string;
}

export type ClientSpec = HttpClientSpec | StdioClientSpec | ModuleClientSpec;

/** `mcp.snapshot` as configured (`{}` when not): the serializer fills in its own defaults. */
export type SnapshotSpec = Exclude<McpOptions['snapshot'], undefined>;

/** Everything the test environment needs from the config for one test file. */
export interface McpPlan {
  /** Clients to open for this file, in declaration order. */
  clients: ClientSpec[];
  /** Everything that must never be printed. */
  redactor: Redactor;
  /** Whether a failing test's report gets its MCP exchange. */
  traces: boolean;
  snapshot: SnapshotSpec;
}

export interface ServerSpec {
  name: string;
  /** `testEnvironmentOptions.mcp.servers.<name>`, for messages. */
  where: string;
  command: string;
  args: string[];
  /** Added to the environment of Jest's main process. */
  env: Record<string, string>;
  cwd: string;
  host: string;
  port: number;
  /** True when the config set the port; otherwise jest-mcp picked it. */
  fixedPort: boolean;
  path: string;
  transport: 'streamable-http' | 'sse';
  url: string;
  /** Sent with the readiness handshake (a server that wants credentials on every request). */
  readyHeaders: Record<string, string>;
  /** Milliseconds. */
  readyTimeout: number;
  /** Milliseconds, per step of stopping. */
  stopTimeout: number;
  output: 'file' | 'inherit';
  /** With `output: 'file'`. */
  logFile?: string;
  redactor: Redactor;
}
