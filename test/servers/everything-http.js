'use strict';
// server-everything over Streamable HTTP (/mcp), bound to 127.0.0.1 on a free port: it listens
// on every interface on $PORT by default. Prints "listening <port>" once bound.
//   node everything-http.js [marker]
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  const ready = rest.find((a) => typeof a === 'function');
  return listen.call(this, Number(port), '127.0.0.1', () => {
    console.log(`listening ${this.address().port}`);
    if (ready) ready();
  });
};
process.env.PORT = '0';
process.argv = [process.argv[0], 'server-everything', 'streamableHttp'];
import(require.resolve('@modelcontextprotocol/server-everything/dist/index.js'));
