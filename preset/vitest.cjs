'use strict';
// jest-mcp/vitest required from CommonJS: Vitest itself cannot be (its `require` entry throws),
// and neither can this entry, which is Vitest's `test` extended. Said plainly, naming the fix.
throw new Error(
  "jest-mcp/vitest is an ES module, as Vitest is: import it (`import { test, expect } from 'jest-mcp/vitest'`) from a test file Vitest runs. " +
    'Vitest runs test files as ES modules also in a CommonJS package; this error means something loaded it with require().',
);
