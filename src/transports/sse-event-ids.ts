/**
 * Whether an event stream has carried an `id:` field (which makes the SDK resume it with
 * Last-Event-ID), read chunk by chunk with work linear in the bytes: a large result arrives as
 * one `data:` line split over hundreds of chunks, and keeping that unfinished line to re-read it
 * with each chunk made a 10 MB result take seconds. The bytes are searched as they are, not
 * decoded (the SDK decodes them already): in UTF-8 the bytes of `id:` and of line ends never
 * occur inside another character.
 */

const CR = 0x0d;
const LF = 0x0a;
const FIELD = 'id:';

export class EventIdWatch {
  /** The start of the current line while it is shorter than `id:`; undefined once it is longer. */
  private lineStart: string | undefined = '';
  seen = false;

  read(chunk: Uint8Array): void {
    if (this.seen || chunk.length === 0) return;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // A field name cut by the chunk boundary: the line's start so far, and this chunk's first bytes.
    if (this.lineStart !== undefined && `${this.lineStart}${bytes.toString('latin1', 0, FIELD.length)}`.startsWith(FIELD)) {
      this.seen = true;
      return;
    }
    for (let at = bytes.indexOf(FIELD, 1); at >= 0; at = bytes.indexOf(FIELD, at + 1)) {
      if (bytes[at - 1] === LF || bytes[at - 1] === CR) {
        this.seen = true;
        return;
      }
    }
    const lastEnd = Math.max(bytes.lastIndexOf(LF), bytes.lastIndexOf(CR));
    if (lastEnd >= 0) this.lineStart = short(bytes.toString('latin1', lastEnd + 1, lastEnd + 1 + FIELD.length));
    else if (this.lineStart !== undefined) this.lineStart = short(this.lineStart + bytes.toString('latin1', 0, FIELD.length));
  }
}

const short = (start: string) => (start.length < FIELD.length ? start : undefined);
