/** Longer arguments are cut in messages: a command line can hold megabytes (a JSON blob, a spawn E2BIG). */
const SHOWN_ARG_CHARS = 200;

/**
 * A command line for messages, pasteable into a POSIX shell: an argument the shell would split,
 * expand or unquote goes in single quotes (where nothing is special but the quote itself). An
 * argument over SHOWN_ARG_CHARS is cut, and says how much is missing.
 */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args]
    .map((a) =>
      a.length > SHOWN_ARG_CHARS ? `${quoted(a.slice(0, SHOWN_ARG_CHARS))}… (${a.length - SHOWN_ARG_CHARS} more characters)` : quoted(a),
    )
    .join(' ');
}

function quoted(a: string): string {
  return a === '' || /[^\w@%+=:,./-]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a;
}
