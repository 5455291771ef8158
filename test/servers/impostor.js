'use strict';
// Another project's MCP server that holds the port jest-mcp's server wants. 127.0.0.1 only.
// Prints "listening <port>" once it listens; ends on SIGTERM or when its stdin closes.
//
//   --port N            listen on N at once
//   --port-from FILE    print "waiting", wait until FILE names a port (its first line;
//                       slow-binder.js --announce writes it), then take that port at once
//   --every             with --port-from: take every port FILE names, one per line
// Any other argument is ignored (a test puts secrets there that must never be printed).
const fs = require('node:fs');
const { readArgs } = require('./args');
const { whoamiServer } = require('./whoami-http');

const { option, flag } = readArgs(process.argv.slice(2));
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0)).resume();

function listen(port) {
  whoamiServer('impostor').listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
}

const from = option('--port-from');
if (from) {
  console.log('waiting');
  const taken = new Set();
  const poll = setInterval(() => {
    const ports = fs.existsSync(from) ? fs.readFileSync(from, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    for (const port of flag('--every') ? ports : ports.slice(0, 1)) {
      if (taken.has(port)) continue;
      taken.add(port);
      listen(port);
    }
    if (!flag('--every') && taken.size) clearInterval(poll);
  }, 5);
} else {
  listen(Number(option('--port')));
}
