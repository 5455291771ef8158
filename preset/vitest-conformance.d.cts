// Types for a CommonJS-typed project that imports jest-mcp/vitest/conformance in test files Vitest
// runs as ES modules: the ES module entry's types.
export * from './vitest-conformance.mjs';
