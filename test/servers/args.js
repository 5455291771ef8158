'use strict';
// Command-line reading shared by the fixture servers: `--name value` options, bare flags, and
// `--user NAME=TOKEN` pairs (repeatable) for servers that want a bearer token per user.

function readArgs(argv) {
  const option = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const flag = (name) => argv.includes(name);
  /** token -> user name */
  const users = new Map();
  argv.forEach((arg, i) => {
    if (arg !== '--user') return;
    const [name, ...token] = argv[i + 1].split('=');
    users.set(token.join('='), name);
  });
  return { option, flag, users };
}

module.exports = { readArgs };
