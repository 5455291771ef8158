'use strict';
// Absolute paths, so Jest finds jest-mcp's files from any project layout (hoisted, nested, pnpm).
module.exports = {
  testEnvironment: require.resolve('../dist/environment.js'),
  setupFilesAfterEnv: [require.resolve('../dist/setup-after-env.js')],
  // Start `mcp.servers` once per run, before any test file, and stop them after the last one.
  globalSetup: require.resolve('../dist/global-setup.js'),
  globalTeardown: require.resolve('../dist/global-teardown.js'),
};
