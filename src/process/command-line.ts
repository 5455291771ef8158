/** A command line for messages: arguments that would not survive copy and paste into a shell are quoted. */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (a === '' || /[\s"'$\\`]/.test(a) ? JSON.stringify(a) : a)).join(' ');
}
