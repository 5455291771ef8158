import { stripVTControlCharacters } from 'node:util';

/** The words of the message an assertion fails with (matcher messages may be coloured, depending on the terminal). */
export function failureOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion passed; it should have failed');
}
