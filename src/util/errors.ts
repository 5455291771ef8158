/**
 * Every error jest-mcp throws at a user has a stable `code`, so code (and people searching the
 * README's troubleshooting table) can tell them apart without parsing the message.
 */
export type JestMcpErrorCode =
  'JEST_MCP_CONFIG' | 'JEST_MCP_SETUP' | 'JEST_MCP_TEARDOWN' | 'JEST_MCP_SERVER' | 'JEST_MCP_TIMEOUT' | 'JEST_MCP_MODULE' | 'JEST_MCP_AUTH';

export abstract class JestMcpError extends Error {
  abstract readonly code: JestMcpErrorCode;

  /**
   * `frames: false` for errors whose message says everything: their stack would only list
   * jest-mcp's internals, and Jest prints the stack under the message.
   */
  protected constructor(message: string, name: string, { frames = false }: { frames?: boolean } = {}) {
    super(message);
    this.name = name;
    if (!frames) this.stack = `${name}: ${message}`;
  }
}

/** A configuration problem: the message names the key to fix and what was expected. */
export class McpConfigError extends JestMcpError {
  readonly code = 'JEST_MCP_CONFIG';
  constructor(message: string) {
    super(message, 'McpConfigError');
  }
}

/** A user module (auth provider, responder, global hook) could not be loaded or has the wrong shape. */
export class McpModuleError extends JestMcpError {
  readonly code = 'JEST_MCP_MODULE';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message, 'McpModuleError', { frames: true });
  }
}

/** A client could not be opened (the clients opened before it were closed again). */
export class McpSetupError extends JestMcpError {
  readonly code = 'JEST_MCP_SETUP';
  constructor(
    message: string,
    readonly client: string,
    readonly transport: string,
    readonly endpoint: string,
  ) {
    super(message, 'McpSetupError');
  }
}

/** One or more clients did not close cleanly. */
export class McpTeardownError extends JestMcpError {
  readonly code = 'JEST_MCP_TEARDOWN';
  constructor(
    message: string,
    readonly clients: string[],
  ) {
    super(message, 'McpTeardownError');
  }
}

/** A server started for the run could not be started, or did not become ready; nothing of it is left. */
export class McpServerError extends JestMcpError {
  readonly code = 'JEST_MCP_SERVER';
  constructor(
    message: string,
    readonly server: string,
    readonly logFile: string | undefined,
  ) {
    super(message, 'McpServerError');
  }
}

/** Signing a user in failed: the message names the client, the authorization server and what to do. */
export class McpAuthError extends JestMcpError {
  readonly code = 'JEST_MCP_AUTH';
  constructor(message: string) {
    super(message, 'McpAuthError');
  }
}
