/**
 * The public shape of `testEnvironmentOptions.mcp`. Kept apart from the validator so that
 * `jest.config.ts` files can import these types without pulling in any runtime code.
 */
import type { McpAuthOptions } from './types-auth';
import type { McpAuthServerOptions } from './types-auth-servers';

export type { McpAuthOptions, McpAuthorizationCodeOptions } from './types-auth';
export type { McpAuthServerClient, McpAuthServerOptions, McpAuthServerUser } from './types-auth-servers';

/** Timeouts in seconds. */
export interface McpTimeoutOptions {
  /** Connect + MCP initialize, per client. Default 10 s. */
  connect?: number;
  /** Ending the session and closing the transport, per client. Default 5 s. */
  close?: number;
}

/**
 * How the client answers a request the server makes of it: a static `response`, or a `module`
 * (path from rootDir) exporting `(params, { client }) => result` (config reaches Jest's workers
 * serialized, so it cannot hold functions).
 */
export type McpResponder = { response: Record<string, unknown> } | { module: string };

/**
 * How a client answers `sampling/createMessage`: a responder, and with `tools: true` the
 * `sampling.tools` capability of MCP 2025-11-25, so servers may send `tools` and `toolChoice`
 * (a module responder gets them in its params) and the answer may be `tool_use` content.
 * SDK 1.x accepts a `tool_use` answer from 1.26.0 on.
 */
export type McpSamplingOptions = McpResponder & { tools?: boolean };

/**
 * How a client answers `elicitation/create` in each mode it supports (MCP 2025-11-25): `form`
 * (a form the user fills in) and `url` (the user is sent to a URL; the answer is only the
 * action). Only the modes given are declared: `{ url: {...} }` alone supports URL mode alone.
 */
export interface McpElicitationModes {
  form?: McpFormElicitationOptions;
  url?: McpResponder;
}

/**
 * Form mode's responder; with `applyDefaults: true` the client declares
 * `elicitation.form.applyDefaults` and fills the schema's `default`s into an accepted answer for
 * the fields the responder left out (MCP 2025-11-25, SEP-1034).
 */
export type McpFormElicitationOptions = McpResponder & { applyDefaults?: boolean };

/**
 * A responder alone (`{ response }` or `{ module }`) answers form mode and declares
 * `elicitation: {}` (which means form mode only); `{ form, url }` declares each mode given.
 */
export type McpElicitationOptions = McpResponder | McpElicitationModes;

/**
 * The MCP protocol a client speaks (SDK 2.x): `legacy` (the 2025 `initialize` handshake), `auto`
 * (asks with `server/discover`, falls back to legacy), or a revision pinned exactly, such as
 * `'2026-07-28'`. With SDK 1.x only `legacy` is possible.
 */
export type McpProtocol = 'legacy' | 'auto' | '2026-07-28' | (string & {});

interface McpClientCommon {
  /** Overrides `mcp.protocol` for this client. Default: the SDK's own (`legacy` in 2.x). */
  protocol?: McpProtocol;
  /** Overrides `mcp.timeouts` for this client. */
  timeouts?: McpTimeoutOptions;
  /**
   * `file` (default): one session serves every test of the file. `test`: a fresh session for
   * every test (opened before its beforeEach hooks, closed after its afterEach hooks).
   */
  session?: 'file' | 'test';
  /** Declares the `roots` capability and answers `roots/list` with these. */
  roots?: Array<{ uri: string; name?: string }>;
  /** Declares the `sampling` capability (with `tools: true`, `sampling.tools`) and answers `sampling/createMessage`. */
  sampling?: McpSamplingOptions;
  /** Declares the `elicitation` capability (per mode: `{ form, url }`) and answers `elicitation/create`. */
  elicitation?: McpElicitationOptions;
}

/** A client that talks to a server over HTTP: Streamable HTTP by default, or legacy HTTP+SSE. */
export interface McpHttpClientOptions extends McpClientCommon {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. May use `${VAR}`. */
  url: string;
  /** `streamable-http` (default) or `sse` (the legacy HTTP+SSE transport). */
  transport?: 'streamable-http' | 'sse';
  /** Sent with every request. Values may use `${VAR}` and are never printed. */
  headers?: Record<string, string>;
  /** OAuth, run by the SDK on a 401. */
  auth?: McpAuthOptions;
}

/** A client that spawns its server and talks to it over stdin/stdout. */
export interface McpStdioClientOptions extends McpClientCommon {
  command: string;
  args?: string[];
  /**
   * Added to a small safe default environment (HOME, PATH, …), like the MCP SDK does; the
   * parent's full environment is not passed on. Values are never printed.
   */
  env?: Record<string, string>;
  /** Working directory, relative to Jest's `rootDir`. Default: `rootDir`. */
  cwd?: string;
  /** `capture` (default) keeps the server's stderr for error messages; `inherit` passes it through. */
  stderr?: 'capture' | 'inherit';
  transport?: 'stdio';
}

/**
 * A client of a server that jest-mcp starts for the run (`mcp.servers`): the URL and transport
 * come from the server.
 */
export interface McpServerClientOptions extends McpClientCommon {
  /** The name of a server in `mcp.servers`. */
  server: string;
  /** Sent with every request. Values may use `${VAR}` and are never printed. */
  headers?: Record<string, string>;
  /** OAuth, run by the SDK on a 401. */
  auth?: McpAuthOptions;
}

/**
 * A client of a server module loaded in the test file's own module registry: no process, no
 * socket. `jest.mock()` reaches the server's imports and Jest's `--coverage` counts its code.
 * Opened once the test file is collected (after its `jest.mock` calls).
 */
export interface McpModuleClientOptions extends McpClientCommon {
  /** The server module, relative to Jest's `rootDir` (TypeScript goes through the project's transform). */
  module: string;
  /**
   * The export to call: a function returning the SDK's `McpServer` or `Server` (either SDK
   * generation; it may be async). Default: the module's default export.
   */
  export?: string;
}

export type McpClientOptions = McpHttpClientOptions | McpStdioClientOptions | McpServerClientOptions | McpModuleClientOptions;

/**
 * An MCP server that jest-mcp starts once per run, before any test file, in Jest's main process,
 * and stops after the last one. Every worker's clients share it.
 */
export interface McpServerOptions {
  /** The program to start (looked up on PATH); no shell, unless you start one (`sh -c`). */
  command: string;
  /** May use `${PORT}`, `${HOST}` (this server's) and `${VAR}` (the environment). */
  args?: string[];
  /**
   * Added to Jest's own environment (a server started for the run inherits it, unlike a stdio
   * client). May use `${PORT}`, `${HOST}` and `${VAR}`. Values are never printed.
   */
  env?: Record<string, string>;
  /** Working directory, relative to Jest's `rootDir`. Default: `rootDir`. */
  cwd?: string;
  /** The port the server must listen on, on 127.0.0.1. Default: a free port jest-mcp picks. */
  port?: number;
  /** The MCP endpoint's path. Default `/mcp` (`/sse` with `transport: 'sse'`). */
  path?: string;
  /** `streamable-http` (default) or `sse` (legacy HTTP+SSE). Clients of the server use the same. */
  transport?: 'streamable-http' | 'sse';
  /**
   * Headers sent with the readiness handshake, for a server that wants credentials on every
   * request (e.g. `{ Authorization: 'Bearer ${TOKEN}' }`). May use `${VAR}`; never printed.
   */
  readyHeaders?: Record<string, string>;
  /** Seconds to wait for a successful MCP handshake after starting. Default 30. */
  readyTimeout?: number;
  /** Seconds to wait for each step of stopping (stdin closed, SIGTERM, SIGKILL). Default 5. */
  stopTimeout?: number;
  /**
   * `file` (default): stdout and stderr go to `<logDir>/<name>.log`, named (with its last lines)
   * in failures. `inherit`: they go to Jest's own output.
   */
  output?: 'file' | 'inherit';
}

/**
 * Which environment variables hold secrets, said outright; both lists take names, `*` matching any
 * run of characters (`STRIPE_*`). A name is that of a `${NAME}` the config uses, or of a variable
 * set in a client's or server's `env`. Without them, a value is judged by where it is used and
 * what it is called (see docs/secrets.md).
 */
export interface McpSecretsOptions {
  /**
   * Always hidden, in every output, wherever they appear: also when the config never uses them
   * (a server that prints its own environment). Values shorter than 4 characters cannot be hidden.
   */
  add?: string[];
  /**
   * Never hidden for their name or where they are used (`NODE_ENV`, `MODEL`, `TENANT`). A URL's
   * password, its query values and an OAuth client secret stay hidden whatever this says.
   */
  ignore?: string[];
}

/** The path of a module exporting `async (globalConfig, projectConfig) => void`, from `rootDir`. */
export type McpHookModule = string;

export interface McpOptions {
  /**
   * The MCP SDK generation the clients come from: `v1` (`@modelcontextprotocol/sdk`) or `v2`
   * (`@modelcontextprotocol/client`). Default: the one your package.json declares, else 2.x if
   * installed, else 1.x.
   */
  sdk?: 'v1' | 'v2';
  /** The protocol every client speaks unless it sets its own (`protocol`). */
  protocol?: McpProtocol;
  /** Named clients, opened in declaration order and closed in reverse. */
  clients?: Record<string, McpClientOptions>;
  timeouts?: McpTimeoutOptions;
  /**
   * A dotenv file read before `${VAR}` interpolation, relative to `rootDir`. Default `.env`
   * (optional). Set a path to require it, or `false` to read none. Variables already set win.
   */
  envFile?: string | false;
  /** Add each failing test's MCP exchange (and nothing for passing tests) to its report. Default true. */
  traces?: boolean;
  /** Variables whose values are secrets, or are not, whatever the rules would say. */
  secrets?: McpSecretsOptions;
  /**
   * The snapshot serializer for MCP results: `false` turns it off; `keys` adds keys whose values
   * are always scrubbed, `patterns` adds RegExp sources scrubbed inside strings, `tokens: false`
   * keeps long random-looking strings.
   */
  snapshot?: false | { keys?: string[]; patterns?: string[]; tokens?: boolean };
  /**
   * Servers started once per run by jest-mcp's global setup, in declaration order (stopped in
   * reverse) and shared by every worker. Clients use them with `{ server: name }`.
   */
  servers?: Record<string, McpServerOptions>;
  /**
   * Test authorization servers started once per run in Jest's main process, before `servers`
   * and stopped after them. Servers reach them through `${authServers.<name>.issuer}` and
   * `${authServers.<name>.jwksUri}` in their `args` and `env`.
   */
  authServers?: Record<string, McpAuthServerOptions>;
  /** Where servers' output goes, relative to `rootDir`. Default `.jest-mcp/logs`. */
  logDir?: string;
  /**
   * Your own global setup, run by jest-mcp's after its servers are ready (they are in
   * `process.env.JEST_MCP_SERVERS`). `withMcp()` puts a config's own `globalSetup` here.
   */
  globalSetup?: McpHookModule;
  /** Your own global teardown, run by jest-mcp's before it stops its servers. */
  globalTeardown?: McpHookModule;
}
