import type { JestRun } from './jest-process';
import { processesIn, processesWith } from './processes';

/** What every e2e test checks after Jest ran, one way each. */

/** Jest's own warnings that mean something was left open. */
const HANG_WARNINGS = [/did not exit one second after/i, /failed to exit gracefully/i, /open handle/i];

/** Jest exited by itself: not by a signal, and without a warning that something kept it (or a worker) alive. */
export function expectCleanExit(run: JestRun): void {
  expect(run.signal).toBeNull();
  for (const warning of HANG_WARNINGS) expect(run.output).not.toMatch(warning);
}

/**
 * Nothing of the project is still running: no process with its marker on the command line, none
 * working in its directory. `except`: servers the test itself started and stops later.
 */
export function expectNoLeftovers(project: { marker: string; dir?: string }, options: { except?: Array<{ pid?: number }> } = {}): void {
  const own = new Set((options.except ?? []).map((p) => p.pid));
  const left = (found: Array<{ pid: number }>) => found.filter((p) => !own.has(p.pid));
  expect(left(processesWith(project.marker))).toEqual([]);
  if (project.dir) expect(left(processesIn(project.dir))).toEqual([]);
}

/** The part of a run's output about one test file: from its PASS/FAIL line to the next one. */
export function outputOfFile(run: JestRun, file: string): string {
  const start = run.output.search(new RegExp(`(PASS|FAIL) \\S*${file.replace(/\./g, '\\.')}`));
  if (start < 0) throw new Error(`no result for ${file} in:\n${run.output}`);
  const rest = run.output.slice(start + 1);
  const end = rest.search(/\n\s*(PASS|FAIL) |\nTest Suites:/);
  return run.output.slice(start, end < 0 ? undefined : start + 1 + end);
}

/**
 * The one setup error of a test file whose client `client` (also the file's name) could not be
 * opened: its section of the output, and how long opening took by jest-mcp's own account.
 */
export function setupErrorOf(run: JestRun, client: string): { text: string; seconds: number } {
  const text = outputOfFile(run, `${client}.test.js`);
  expect(text).toMatch(/^FAIL/);
  expect(text.match(/could not open MCP client/g)).toHaveLength(1);
  const found = new RegExp(`could not open MCP client "${client}" \\((.*?)\\) after (\\d+(?:\\.\\d+)?) s: (.*)`).exec(text);
  if (!found) throw new Error(`no setup error for ${client} in:\n${text}`);
  return { text, seconds: Number(found[2]) };
}
