// Types of jest-mcp/vitest/conformance (hand-written beside preset/vitest-conformance.mjs).
import type { ConformanceOptions } from '../dist/conformance/types.js';
import type * as Catalog from '../dist/conformance/catalog.js';

/**
 * Declares the conformance suite of the server behind client `name` (one test per rule and item):
 * `describeConformance('notes', { calls: { get_weather: { city: 'Paris' } } })`.
 */
export declare function describeConformance(name: string, options?: ConformanceOptions): void;
export declare const conformanceRules: typeof Catalog.RULES;
export type { ConformanceCheckId, ConformanceOptions } from '../dist/conformance/types.js';
export type { RuleId as ConformanceRuleId } from '../dist/conformance/catalog.js';
