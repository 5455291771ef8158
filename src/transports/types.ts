import type { WireTransport } from '../sdk';

/**
 * What a transport factory hands the session owner: the SDK transport plus the few things the
 * owner needs to open and close it well, and to explain a failure.
 */
export interface TransportHandle {
  transport: WireTransport;
  /** `streamable-http http://…/mcp` or `stdio: node server.js`, secrets hidden, for messages. */
  endpoint: string;
  /** Facts that explain a failure (exit code, stderr tail), or undefined. */
  diagnostics(): string | undefined;
  /** What the server wrote to stderr after a trace mark (stdio), for failure traces. */
  stderrSince?(mark: number): string;
  /** What is wrong with a stdio server's stdout (an unreadable or unfinished line), or undefined. */
  stdoutNote?(): string | undefined;
  /** Ends the server-side session before the transport closes (HTTP DELETE). */
  endSession?(): Promise<void>;
  /**
   * After `client.close()`: make sure nothing of the connection is left (e.g. the process).
   * `background`: start the stop and return; the process's exit is awaited (and reported, if it
   * had to be signalled) while the worker goes on (process/pending-stops.ts).
   */
  dispose(budgetMs: number, options?: { background?: boolean }): Promise<void>;
  /**
   * The last HTTP error status the server answered with, if any: 2.x drops it from a failed
   * version probe (`ERA_NEGOTIATION_FAILED`), and a 404 is worth more than "did not offer".
   */
  lastHttpError?(): number | undefined;
  /** Last resort when a step overran its budget: drop everything now. */
  kill(): void;
}
