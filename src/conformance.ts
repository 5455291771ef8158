/**
 * `jest-mcp/conformance`: a whole-server conformance suite as ordinary Jest tests.
 *
 * ```js
 * const { describeConformance } = require('jest-mcp/conformance');
 * describeConformance('notes', { calls: { get_weather: { city: 'Paris' } } });
 * ```
 *
 * An entry of its own, so a test file that does not use it loads none of it.
 *
 * @module jest-mcp/conformance
 */
export { describeConformance } from './conformance/describe';
export type { ConformanceCheckId, ConformanceOptions } from './conformance/types';
export { RULES as conformanceRules, type RuleId as ConformanceRuleId } from './conformance/catalog';
