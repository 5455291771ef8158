'use strict';
// What the fixture HTTP servers share: reading a request's JSON body, and serving on loopback.
const http = require('node:http');

// The JSON body of a request to a fixture HTTP server (undefined when empty).

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : undefined);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/**
 * Serves `handle(req, res)` on 127.0.0.1 (a free port unless `port`), prints "listening <port>"
 * for the test, answers 500 (and says why on stderr) when `handle` rejects, and exits on SIGTERM
 * or SIGINT without waiting for idle connections.
 */
function serveOnLoopback(name, handle, port = 0) {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`${name}: request failed: ${error.stack}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  const stop = () => {
    server.closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}

module.exports = { readBody, serveOnLoopback };
