'use strict';
// For resolvers that look for <package>/jest-preset.js and ignore the `exports` map.
module.exports = require('./preset/jest-preset.js');
