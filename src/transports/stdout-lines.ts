import type { Redactor } from '../util/redact';
import type { StdioFraming, WireMessage } from '../sdk';

/**
 * A stdio server's stdout, line by line: each complete line goes through the SDK's own framing,
 * and this keeps what the SDK's reader would not say. A line that is a JSON-RPC message gone
 * wrong (JSON cut short or broken over lines, or with `jsonrpc` but not the shape of a message)
 * has lost a message a call may wait for: the connection fails at once, naming the line. A plain
 * log line (text, or JSON without `jsonrpc`) breaks the MCP spec but loses nothing, and both SDK
 * generations' own clients read on past it: it is read past here too, and named wherever a call
 * times out. The start of a line not yet ended is kept too, for when the process exits or a call
 * times out.
 */

/** How much of a line a message shows. */
const SHOWN_CHARS = 120;
/** As the SDK's own reader: a line longer than this will not end well. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** Redacted before it is cut: a cut through a secret would leave its first characters. */
function shown(bytes: Buffer, redactor?: Redactor): string {
  const head = bytes.subarray(0, SHOWN_CHARS * 4 + (redactor ? redactor.longestSpelling() * 4 : 0)).toString('utf8');
  const text = redactor ? redactor.redact(head) : head;
  const cut = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  return JSON.stringify(cut.replace(/\r?\n$/, ''));
}

export class StdoutLines {
  private unfinished: Buffer[] = [];
  private unfinishedBytes = 0;
  /** Why stdout can no longer be read, once it cannot. */
  problem?: string;
  /** Lines that were not MCP messages (logs), read past. */
  private logLines = 0;
  private firstLogLine?: string;

  constructor(
    private readonly framing: StdioFraming,
    private readonly onMessage: (message: WireMessage) => void,
    /** Called once, when the stream turns unreadable. */
    private readonly onProblem: (problem: string) => void,
    private readonly redactor?: Redactor,
  ) {}

  push(chunk: Buffer): void {
    if (this.problem) return;
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end + 1);
      start = end + 1;
      const line = this.unfinished.length ? Buffer.concat([...this.unfinished, piece]) : piece;
      this.unfinished = [];
      this.unfinishedBytes = 0;
      this.readLine(line);
      if (this.problem) return;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.unfinished.push(rest);
      this.unfinishedBytes += rest.length;
      if (this.unfinishedBytes > MAX_LINE_BYTES) {
        this.fail(
          `the server wrote more than ${MAX_LINE_BYTES / 1024 / 1024} MB to stdout without a newline, starting ${shown(Buffer.concat(this.unfinished), this.redactor)}`,
        );
      }
    }
  }

  private readLine(line: Buffer): void {
    let message: WireMessage | null = null;
    let error: unknown;
    try {
      const reader = this.framing.createReader();
      reader.append(line);
      message = reader.readMessage();
    } catch (e) {
      error = e;
    }
    if (message) return this.onMessage(message);
    // Only a line that failed is looked at again (2.x's reader skips what is not JSON, silently).
    const text = line.toString('utf8').replace(/\r?\n$/, '');
    if (text.trim() === '') return; // a blank line carries no message and hides none
    const broken = this.brokenMessage(text, error);
    if (broken) {
      return this.fail(
        `the server wrote a line to stdout that ${broken}: ${shown(line, this.redactor)}. ` +
          `A stdio MCP server writes each message as one line of JSON, and only MCP messages to stdout`,
      );
    }
    this.logLines++;
    this.firstLogLine ??= shown(line, this.redactor);
  }

  /** Why the line is a message gone wrong, or undefined for a log line. */
  private brokenMessage(text: string, error: unknown): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return /^\s*[[{]/.test(text) ? 'is not complete JSON (a message cut short, or broken over lines)' : undefined;
    }
    if (Array.isArray(parsed) || (typeof parsed === 'object' && parsed !== null && 'jsonrpc' in parsed)) {
      const why = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 200) : 'not a JSON-RPC message';
      return `is not a valid JSON-RPC message (${why})`;
    }
    return undefined;
  }

  private fail(problem: string): void {
    this.problem = problem;
    this.unfinished = [];
    this.unfinishedBytes = 0;
    this.onProblem(problem);
  }

  /** What is wrong with stdout, or the line it has begun and not ended; undefined when all is well. */
  note(exited: boolean): string | undefined {
    if (this.problem) return `It could not be read further: ${this.problem}.`;
    const parts: string[] = [];
    if (this.unfinishedBytes) {
      const what = `${this.unfinishedBytes} byte${this.unfinishedBytes === 1 ? '' : 's'} of a line on stdout with no newline`;
      const start = shown(Buffer.concat(this.unfinished), this.redactor);
      parts.push(
        exited
          ? `It exited leaving ${what}: ${start} (an unfinished message).`
          : `It has written ${what} yet: ${start}; a message is only read once its line ends.`,
      );
    }
    if (this.logLines) {
      parts.push(
        `It wrote ${this.logLines} line${this.logLines === 1 ? '' : 's'} to stdout that ${this.logLines === 1 ? 'is not an MCP message' : 'are not MCP messages'} ` +
          `(read past; logs belong on stderr), the first: ${this.firstLogLine!}.`,
      );
    }
    return parts.length ? parts.join(' ') : undefined;
  }
}
