import type { Config } from 'jest';

// The project's own tests, as two projects: `unit` (pure modules, fast, run first by `npm test`)
// and `e2e` (Jest itself on generated projects against real MCP servers: slow by nature, hence
// the generous timeout and only two workers, as CI has 2 cores). Types are checked by
// `npm run typecheck`, so ts-jest only transpiles here.
const transform: Config['transform'] = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const shared = {
  transform,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/examples/'],
};

const config: Config = {
  testTimeout: 120_000,
  maxWorkers: 2,
  watchPathIgnorePatterns: ['<rootDir>/.tmp/'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};

export default config;
