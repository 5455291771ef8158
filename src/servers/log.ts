import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Redactor } from '../util/redact';
import { whenKilled } from '../process/exit-hooks';

/** A line no newline ends is written (redacted) once it is this long, so that memory stays bounded. */
const MAX_PENDING = 65_536;

/**
 * A server's log file (opened truncated). The server's stdout and stderr come through pipes and
 * are written line by line, each whole line redacted first: a careless server that logs the
 * token it was given, or the headers it received, leaves no secret jest-mcp knows in the file.
 * Writes are synchronous, so what was read is on disk even if Jest's process exits right after.
 */
export class ScrubbedLog {
  readonly file: string;
  private readonly fd: number;
  private readonly inputs: Array<{ stream: Readable; feed(chunk: Buffer): void; end(): void; ended(): boolean }> = [];
  private closed = false;
  private readonly done: Promise<void>;
  private finish!: () => void;
  private readonly unhook: () => void;

  constructor(
    file: string,
    private readonly redactor: Redactor,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.file = file;
    this.fd = fs.openSync(file, 'w');
    this.done = new Promise((resolve) => (this.finish = resolve));
    // Jest's process exiting or interrupted: the exit hook has killed the server and waited for it;
    // its last words (`got SIGTERM`) are still in the pipes, and no event loop turn will read them.
    this.unhook = whenKilled(() => this.drainSync());
  }

  /** Writes what `stream` carries until it ends; the file closes when every attached stream has ended. */
  attach(stream: Readable | null | undefined): void {
    if (!stream) return;
    // Never what keeps Jest's process alive: the server is stopped by global teardown or the exit hook.
    (stream as Readable & { unref?: () => void }).unref?.();
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let ended = false;
    const input = {
      stream,
      feed: (chunk: Buffer) => {
        const text = pending + decoder.write(chunk);
        const end = text.lastIndexOf('\n');
        if (end === -1 && text.length < MAX_PENDING) {
          pending = text;
          return;
        }
        const whole = end === -1 ? text.length : end + 1;
        pending = text.slice(whole);
        this.write(text.slice(0, whole));
      },
      end: () => {
        if (ended) return;
        ended = true;
        this.write(pending + decoder.end());
        if (this.inputs.every((i) => i === input || i.ended())) this.close();
      },
      ended: () => ended,
    };
    this.inputs.push(input);
    stream.on('data', input.feed);
    stream.on('end', input.end);
    stream.on('close', input.end);
    stream.on('error', input.end);
  }

  /** Resolves once every stream ended and the file is closed, or after `ms`. */
  async flushed(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Closes the file now (a server that never started). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unhook();
    fs.closeSync(this.fd);
    this.finish();
  }

  /** Reads what the pipes still hold, synchronously (the process is exiting), then closes the file. */
  private drainSync(): void {
    if (this.closed) return;
    const buffer = Buffer.alloc(65_536);
    for (const input of this.inputs) {
      const fd = (input.stream as Readable & { _handle?: { fd?: number } })._handle?.fd;
      for (let n = 1; fd !== undefined && fd >= 0 && n > 0;) {
        try {
          n = fs.readSync(fd, buffer, 0, buffer.length, null);
        } catch {
          n = 0; // EAGAIN: a writer is still alive and has nothing more; EOF or closed: done.
        }
        if (n > 0) input.feed(buffer.subarray(0, n));
      }
      input.end();
    }
    this.close();
  }

  private write(text: string): void {
    if (!text || this.closed) return;
    try {
      fs.writeSync(this.fd, this.redactor.redact(text));
    } catch {
      // A full disk or a removed directory must not take the run down; the file is only for reading.
    }
  }
}

/** The last lines of a log file (at most `maxBytes` of its end), or '' if there is none. */
export function tailOfFile(file: string, maxLines = 30, maxBytes = 16_384, redactor?: Redactor): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    let lines = buffer.toString('utf8').split(/\r?\n/);
    if (length < size) lines = lines.slice(1); // the first line is cut
    return lines
      .filter((l) => l.trim() !== '')
      .slice(-maxLines)
      .map((l) => (redactor ? redactor.redact(l) : l))
      .map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l))
      .join('\n');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
