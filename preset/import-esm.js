'use strict';
// Loaded by jest-mcp's bridge inside the test realm. Plain JavaScript, not compiled: TypeScript
// would turn this `import()` into `require()`. Jest runs it with the test's own module registry
// (in ESM mode), so the module it returns is the very one an ESM test file imports.
module.exports = (specifier) => import(specifier);
