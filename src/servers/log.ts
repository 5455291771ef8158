import * as fs from 'node:fs';
import * as path from 'node:path';

/** A server's log file: opened (truncated) for the child to write to directly, read back for failures. */
export function openLog(file: string): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return fs.openSync(file, 'w');
}

/** The last lines of a log file (at most `maxBytes` of its end), or '' if there is none. */
export function tailOfFile(file: string, maxLines = 30, maxBytes = 16_384): string {
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
      .map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l))
      .join('\n');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
