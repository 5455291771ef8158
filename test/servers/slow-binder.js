'use strict';
// An MCP server for `mcp.servers` that takes its time to bind, as a server that loads a lot
// first does: the window in which another process can take its port. 127.0.0.1 only.
//
//   --port N            the port to listen on
//   --bind-after-ms N   wait this long before listening (default 1500)
//   --announce FILE     append the port to FILE at start, before waiting (a test's impostor reads it)
//   --retry-bind        on EADDRINUSE, try again every 200 ms (as servers that wait for their port
//                       do); without it, say so and exit with code 1, as a Node server does
// Logs its SIGTERM.
// Any other argument is ignored (tests put a marker there to find leftover processes).
const fs = require('node:fs');
const { readArgs } = require('./args');
const { whoamiServer } = require('./whoami-http');

const { option, flag } = readArgs(process.argv.slice(2));
const port = Number(option('--port'));
const announce = option('--announce');
process.on('SIGTERM', () => {
  console.log('got SIGTERM, exiting');
  process.exit(0);
});
if (announce) fs.appendFileSync(announce, `${port}\n`);
console.log(`starting; binding port ${port} in ${option('--bind-after-ms') ?? 1500} ms`);

const server = whoamiServer('slow-binder');
server.on('listening', () => console.log(`listening on http://127.0.0.1:${port}/mcp`));
const listen = () => server.listen(port, '127.0.0.1');
let said = false;
server.on('error', (error) => {
  if (!said) console.error(`slow-binder: cannot listen on 127.0.0.1:${port}: ${error.code}`);
  said = true;
  if (error.code === 'EADDRINUSE' && flag('--retry-bind')) setTimeout(listen, 200);
  else process.exit(1);
});
setTimeout(listen, Number(option('--bind-after-ms') ?? 1500));
