'use strict';
// Absolute paths, so Jest finds jest-mcp's files from any project layout (hoisted, nested, pnpm).
const testEnvironment = require.resolve('../dist/environment.js');
const setupFilesAfterEnv = [require.resolve('../dist/setup-after-env.js')];
// Start `mcp.servers` once per run, before any test file, and stop them after the last one.
const globalSetup = require.resolve('../dist/global-setup.js');
const globalTeardown = require.resolve('../dist/global-teardown.js');
// Shorthand properties, so that ESM importers see the same named exports the types declare.
module.exports = { testEnvironment, setupFilesAfterEnv, globalSetup, globalTeardown };
