/**
 * A command line for messages, pasteable into a POSIX shell: an argument the shell would split,
 * expand or unquote goes in single quotes (where nothing is special but the quote itself).
 */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (a === '' || /[^\w@%+=:,./-]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}
