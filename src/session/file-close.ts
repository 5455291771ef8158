import { McpTeardownError } from '../util/errors';

/** One thing a test file must close at its end; it throws what went wrong. */
export type CloseStep = () => Promise<void> | void;

/**
 * Runs every step, in order, whatever the earlier ones did, and returns what failed as one error
 * (naming every client that did not close), or undefined. Never throws: the caller decides where
 * the failure is reported (beside the file's results, or from teardown).
 */
export async function closeEach(steps: CloseStep[]): Promise<Error | undefined> {
  const problems: Error[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      problems.push(error as Error);
    }
  }
  return mergeCloseErrors(problems);
}

/** Several close failures as one: every message, every client named. */
export function mergeCloseErrors(problems: Error[]): Error | undefined {
  if (problems.length <= 1) return problems[0];
  const clients = problems.flatMap((p) => (p instanceof McpTeardownError ? p.clients : []));
  return new McpTeardownError(problems.map((p) => p.message).join('\n'), clients);
}

/**
 * A close failure as the file's result shows it (beside its tests, not instead of them). Jest 29
 * prints such an error's stack alone and Jest 30 its message, then what its stack adds: with the
 * first line as the message and the whole text as the stack, both print every line once.
 */
export function forFileResult(error: Error): Error {
  error.stack = `${error.name}: ${error.message}`;
  error.message = error.message.split('\n')[0];
  return error;
}
