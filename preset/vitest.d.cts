// Types for a CommonJS-typed project that imports jest-mcp/vitest in test files Vitest runs as ES
// modules, as Vitest's own index.d.cts does: the ES module entry's types.
export * from './vitest.mjs';
