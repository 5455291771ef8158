import { describeConformance } from 'jest-mcp/vitest/conformance';

// One test per spec rule and item, from what the notes server declares, as in the Jest examples'
// conformance.test.ts. It calls only read-only tools that need no arguments and those given here.
describeConformance('admin', {
  calls: { notes_list: { category: 'work' } },
});
