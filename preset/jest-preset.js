'use strict';
// Absolute paths, so Jest finds jest-mcp's files from any project layout (hoisted, nested, pnpm).
module.exports = {
  testEnvironment: require.resolve('../dist/environment.js'),
  setupFilesAfterEnv: [require.resolve('../dist/setup-after-env.js')],
};
