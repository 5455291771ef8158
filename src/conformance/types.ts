/**
 * The public options of `describeConformance` and the shapes its rules work on. Rules are pure
 * functions over what a server sent; everything that talks to the server lives elsewhere, so each
 * rule can be unit-tested with a hand-written listing.
 */

import type { RuleId } from './catalog';

/** A rule id (all its items) or one check of it: `tools/name-valid` or `tools/name-valid: my tool`. */
export type ConformanceCheckId = RuleId | `${RuleId}: ${string}`;

export interface ConformanceOptions {
  /** Rule ids (`tools/name-valid`) or single checks (`tools/name-valid: my tool`) to skip. */
  skip?: ConformanceCheckId[];
  /** Checks known to fail (`rule-id: item`): they run as `test.failing`. */
  expectedFailures?: ConformanceCheckId[];
  /**
   * A JSON file of known failures, relative to Jest's rootDir (default none). Write it with
   * `JEST_MCP_CONFORMANCE_BASELINE=write npx jest …`.
   */
  baseline?: string;
  /** Only listings: no tool call, no resource read, no prompt get, no completion, no setLevel. */
  readOnly?: boolean;
  /** Arguments for tools the suite may call: `{ get_weather: { city: 'Paris' } }`. */
  calls?: Record<string, Record<string, unknown>>;
  /** At most this many items per rule that makes a request per item (default 20). */
  maxItems?: number;
  /** At most this many pages followed per list (default 50). */
  maxPages?: number;
  /** Per request, in ms (default 10000); each test gets three times this. */
  timeout?: number;
}

/** An item as a server lists it (a tool, resource, template or prompt): jest-mcp's own structural type. */
export type Listed = Record<string, unknown>;

/** What a check found wrong: empty when the server conforms. */
export type Problems = string[];

/** The answer to a raw request: a result, or the JSON-RPC error the server sent, or a failure to get one. */
export type Answer =
  | { kind: 'result'; result: Record<string, unknown> }
  | { kind: 'error'; code: number | undefined; message: string }
  | { kind: 'failed'; message: string };

/** One generated test. */
export interface Check {
  rule: string;
  /** The tool name, uri, list method… the check is about; undefined for whole-server checks. */
  item?: string;
  /** Why the check does not apply (the test is skipped with this in its name). */
  skipped?: string;
  run?: () => Promise<Problems> | Problems;
}

export function checkId(check: Pick<Check, 'rule' | 'item'>): string {
  return check.item === undefined ? check.rule : `${check.rule}: ${check.item}`;
}
