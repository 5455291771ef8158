// jest-mcp/vitest/conformance: describeConformance for Vitest files. An entry of its own, as
// jest-mcp/conformance is for Jest, so a file that does not use it loads none of the suite; an
// ES module because Vitest refuses `require`, handing Vitest's parts to the compiled CommonJS.
import { afterAll, describe, expect, inject, test } from 'vitest';
import conformance from '../dist/vitest/conformance.js';
import rules from '../dist/conformance/catalog.js';

export const describeConformance = conformance.conformanceFor({ describe, test, afterAll, inject, expect });
export const conformanceRules = rules.RULES;
