'use strict';
// Another project's MCP server that holds the port jest-mcp's server wants. 127.0.0.1 only.
// Prints "listening <port>" once it listens; ends on SIGTERM or when its stdin closes.
//
//   --port N            listen on N at once
//   --port-from FILE    print "waiting", wait until FILE names a port (its first line;
//                       slow-binder.js --announce writes it), then take that port at once
// Any other argument is ignored (a test puts secrets there that must never be printed).
const fs = require('node:fs');
const { readArgs } = require('./args');
const { whoamiServer } = require('./whoami-http');

const { option } = readArgs(process.argv.slice(2));
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0)).resume();

function listen(port) {
  whoamiServer('impostor').listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
}

const from = option('--port-from');
if (from) {
  console.log('waiting');
  const poll = setInterval(() => {
    const first = fs.existsSync(from) && fs.readFileSync(from, 'utf8').split('\n')[0];
    if (!first) return;
    clearInterval(poll);
    listen(Number(first));
  }, 5);
} else {
  listen(Number(option('--port')));
}
