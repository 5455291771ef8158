import * as fs from 'node:fs';
import * as path from 'node:path';

/** Set-up for the conformance e2e suite: the fixture servers, test files, and each test's outcome from Jest's JSON report. */

export const CONFORMANCE_GOOD = require.resolve('../servers/conformance-good.js');
export const CONFORMANCE_BAD = require.resolve('../servers/conformance-bad.js');
export const CONFORMANCE_HTTP = require.resolve('../servers/conformance-http.js');
export const EVERYTHING_HTTP = require.resolve('../servers/everything-http.js');
export const V2_SERVER = require.resolve('../servers/v2-server.js');
export const MEMORY = require.resolve('@modelcontextprotocol/server-memory/dist/index.js');
export const FILESYSTEM = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');

/** A test file that runs the suite against one client (CommonJS, as most users write them). */
export function conformanceFile(client: string, options: object = {}): string {
  return `/** @mcp-clients ${client} */
const { describeConformance } = require('jest-mcp/conformance');
describeConformance('${client}', ${JSON.stringify(options)});
`;
}

export interface Outcome {
  status: string;
  /** The failure messages, joined (empty for a passing test). */
  message: string;
}

/** Every test of the run by title (without the describe), from `--json --outputFile=<file>`. */
export function outcomes(reportFile: string, testFile?: string): Map<string, Outcome> {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
  };
  const map = new Map<string, Outcome>();
  for (const file of report.testResults) {
    if (testFile && path.basename(file.name) !== testFile) continue;
    for (const t of file.assertionResults) map.set(t.title, { status: t.status, message: t.failureMessages.join('\n') });
  }
  return map;
}

/** Titles by status, e.g. `{ passed: [...], failed: [...], pending: [...] }`. */
export function byStatus(results: Map<string, Outcome>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [title, { status }] of results) (out[status] ??= []).push(title);
  return out;
}
