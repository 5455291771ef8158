'use strict';
// jest-mcp/vitest/conformance required from CommonJS: like jest-mcp/vitest, it is built on Vitest,
// which cannot be required. Said plainly, naming the fix.
throw new Error(
  "jest-mcp/vitest/conformance is an ES module, as Vitest is: import it (`import { describeConformance } from 'jest-mcp/vitest/conformance'`) from a test file Vitest runs. " +
    'Under Jest, use jest-mcp/conformance.',
);
