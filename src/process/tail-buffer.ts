import { StringDecoder } from 'node:string_decoder';
import type { Redactor } from '../util/redact';

/**
 * A line no newline ends is kept whole up to this many characters before it is cut into a line of
 * its own: far beyond the length shown, so that a secret near the shown cut is still whole when
 * it is redacted.
 */
const MAX_RAW_LINE = 16_384;

/**
 * Keeps the last lines of a stream, bounded in lines and bytes, for error messages and traces.
 * Each line is redacted whole before it is cut to `maxLineLength`.
 */
export class TailBuffer {
  private lines: Array<{ stamp: number; text: string }> = [];
  private partial = '';
  /** A pipe splits anywhere, also inside a UTF-8 character: the decoder keeps its first bytes for the next chunk. */
  private readonly decoder = new StringDecoder('utf8');

  /** `stamp` labels each line (e.g. a trace sequence number) so `since()` can cut by it. */
  constructor(
    private readonly maxLines = 30,
    private readonly maxLineLength = 500,
    private readonly stamp: () => number = () => 0,
    private readonly redactor?: Redactor,
  ) {}

  push(chunk: Buffer | string): void {
    const parts = (this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk))).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    if (this.partial.length > MAX_RAW_LINE) {
      parts.push(this.partial);
      this.partial = '';
    }
    const stamp = this.stamp();
    for (const line of parts) this.lines.push({ stamp, text: this.shown(line) });
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  text(): string {
    return [...this.lines.map((l) => l.text), this.shown(this.partial)].filter((l) => l.trim() !== '').join('\n');
  }

  /** Lines stamped after `mark`. */
  since(mark: number): string {
    return this.lines
      .filter((l) => l.stamp > mark && l.text.trim() !== '')
      .map((l) => l.text)
      .join('\n');
  }

  private shown(raw: string): string {
    const line = this.redactor ? this.redactor.redact(raw) : raw;
    return line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)}…` : line;
  }
}
