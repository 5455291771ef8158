import * as fs from 'node:fs';

/** A test file's source, or '' if it cannot be read (Jest will say why when it loads it). */
export function readSource(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
