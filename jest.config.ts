import type { Config } from 'jest';

// The project's own tests. e2e tests run Jest itself on generated projects against real MCP
// servers, so they are slow by nature: generous timeout, and only two workers (CI has 2 cores).
const config: Config = {
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  testTimeout: 120_000,
  maxWorkers: 2,
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/examples/'],
  watchPathIgnorePatterns: ['<rootDir>/.tmp/'],
};

export default config;
