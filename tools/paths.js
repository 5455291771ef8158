'use strict';
// Where the tools installed by tools/ensure.js live, for tests and scripts.
const path = require('node:path');

const modules = path.join(__dirname, 'node_modules');
module.exports = {
  node22: path.join(modules, 'node22', 'bin', 'node'),
  node24: path.join(modules, 'node24', 'bin', 'node'),
  conformance: path.join(modules, '@modelcontextprotocol', 'conformance', 'dist', 'index.js'),
};
