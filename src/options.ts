/**
 * The public shape of `testEnvironmentOptions.mcp`. Kept apart from the validator so that
 * `jest.config.ts` files can import these types without pulling in any runtime code.
 */

/** Timeouts in seconds. */
export interface McpTimeoutOptions {
  /** Connect + MCP initialize, per client. Default 10 s. */
  connect?: number;
  /** Ending the session and closing the transport, per client. Default 5 s. */
  close?: number;
}

interface McpClientCommon {
  /** Overrides `mcp.timeouts` for this client. */
  timeouts?: McpTimeoutOptions;
}

/** A client that talks to a server over HTTP: Streamable HTTP by default, or legacy HTTP+SSE. */
export interface McpHttpClientOptions extends McpClientCommon {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. May use `${VAR}`. */
  url: string;
  /** `streamable-http` (default) or `sse` (the legacy HTTP+SSE transport). */
  transport?: 'streamable-http' | 'sse';
  /** Sent with every request. Values may use `${VAR}` and are never printed. */
  headers?: Record<string, string>;
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

export type McpClientOptions = McpHttpClientOptions | McpStdioClientOptions;

export interface McpOptions {
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
}
