'use strict';
// The test authorization server (jest-mcp/oauth, from the built dist/) in a process of its own,
// for tests that run outside a jest-mcp environment: `node auth-server.js '<options as JSON>'`.
// Prints "listening <port>" once ready; closes when its stdin ends or on SIGTERM.
const { startAuthServer } = require('../../dist/oauth.js');

startAuthServer(JSON.parse(process.argv[2] || '{}')).then((server) => {
  console.log(`listening ${new URL(server.issuer).port}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
});
