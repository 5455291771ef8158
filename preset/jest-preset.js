'use strict';
// Absolute paths, so Jest finds jest-mcp's files from any project layout (hoisted, nested, pnpm).
const testEnvironment = require.resolve('../dist/environment.js');
const setupFilesAfterEnv = [require.resolve('../dist/setup-after-env.js')];
// Start `mcp.servers` once per run, before any test file, and stop them after the last one.
const globalSetup = require.resolve('../dist/global-setup.js');
const globalTeardown = require.resolve('../dist/global-teardown.js');
// Under `jest --coverage`, adds the coverage of the Node servers jest-mcp starts to Jest's (does
// nothing otherwise). 'default' first: what Jest uses when a config lists no reporters.
const reporters = ['default', require.resolve('../dist/server-coverage-reporter.js')];
// Shorthand properties, so that ESM importers see the same named exports the types declare.
module.exports = { testEnvironment, setupFilesAfterEnv, globalSetup, globalTeardown, reporters };
