'use strict';
/**
 * The SDK generations and protocol eras the bench scripts compare, picked with `BENCH_SDK`, and
 * how a hand-written client of each is written. Shared by run.js, connect-close.js and
 * profile-calls.js so that every script names and selects them the same way.
 *
 *   BENCH_SDK=v1,v2         1.x, and 2.x in both eras (the default)
 *   BENCH_SDK=v2:legacy     one era of 2.x; `v2:2026-07-28` is the other
 */
const path = require('node:path');
const { REPO } = require('./lib');

const MODERN = '2026-07-28';

/**
 * `protocol` undefined for 1.x: it knows one era, and jest-mcp's 1.x module refuses any other.
 * `names`: what BENCH_SDK may call each one.
 */
const ALL = [
  { id: 'v1', sdk: 'v1', protocol: undefined, label: '1.x', names: ['v1'] },
  { id: 'v2-legacy', sdk: 'v2', protocol: 'legacy', label: '2.x legacy', names: ['v2', 'v2:legacy'] },
  { id: 'v2-modern', sdk: 'v2', protocol: MODERN, label: `2.x ${MODERN}`, names: ['v2', `v2:${MODERN}`, 'v2:modern'] },
];

function selectedSdks(text = process.env.BENCH_SDK || 'v1,v2') {
  const wanted = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => s.toLowerCase());
  const unknown = wanted.filter((w) => !ALL.some((s) => s.names.includes(w)));
  const picked = ALL.filter((s) => s.names.some((n) => wanted.includes(n)));
  if (unknown.length || !picked.length)
    throw new Error(`BENCH_SDK=${text}: use v1, v2, v2:legacy or v2:${MODERN}, comma-separated (not ${unknown.join(', ') || 'nothing'})`);
  return picked;
}

/** The fixture servers of each generation: the bench's own 1.x echo servers, and the 2.x e2e server that serves both eras. */
const SERVERS = {
  v1: { http: path.join(__dirname, 'servers', 'echo-http.js'), stdio: [path.join(__dirname, 'servers', 'echo-stdio.js')] },
  v2: { http: path.join(REPO, 'test', 'servers', 'v2-server.js'), stdio: [path.join(REPO, 'test', 'servers', 'v2-server.js'), 'stdio'] },
};

/** Arguments that start a generation's HTTP fixture server on `port` (the 1.x echo server needs a real one). */
function httpServerArgs(sdk, port, marker) {
  return sdk === 'v1' ? ['--port', String(port), marker] : ['http', '--port', String(port), marker];
}

/**
 * Source text of a hand-written client in a test file: what to require, how to make the client
 * and each transport. 2.x takes the era as the SDK's own `versionNegotiation`, as a user would.
 */
function rawSource(s) {
  if (s.sdk === 'v1') {
    return {
      require: `const { Client } = require('@modelcontextprotocol/sdk/client/index.js');`,
      http: `const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');`,
      stdio: `const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');`,
      newClient: `new Client({ name: 'bench', version: '1.0.0' })`,
    };
  }
  const mode = s.protocol === 'legacy' ? `'legacy'` : `{ pin: ${JSON.stringify(s.protocol)} }`;
  return {
    require: `const { Client } = require('@modelcontextprotocol/client');`,
    http: `const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/client');`,
    stdio: `const { StdioClientTransport } = require('@modelcontextprotocol/client/stdio');`,
    newClient: `new Client({ name: 'bench', version: '1.0.0' }, { versionNegotiation: { mode: ${mode} } })`,
  };
}

/** The same, as live classes in this process, for the scripts that run outside Jest. */
function rawClasses(s) {
  if (s.sdk === 'v1') {
    const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
    return {
      newClient: () => new Client({ name: 'bench', version: '1.0.0' }),
      Http: require('@modelcontextprotocol/sdk/client/streamableHttp.js').StreamableHTTPClientTransport,
      Sse: require('@modelcontextprotocol/sdk/client/sse.js').SSEClientTransport,
      Stdio: require('@modelcontextprotocol/sdk/client/stdio.js').StdioClientTransport,
    };
  }
  const pkg = require('@modelcontextprotocol/client');
  const mode = s.protocol === 'legacy' ? 'legacy' : { pin: s.protocol };
  return {
    newClient: () => new pkg.Client({ name: 'bench', version: '1.0.0' }, { versionNegotiation: { mode } }),
    Http: pkg.StreamableHTTPClientTransport,
    Sse: pkg.SSEClientTransport,
    Stdio: require('@modelcontextprotocol/client/stdio').StdioClientTransport,
  };
}

/** jest-mcp's client options for `s`: the era only where one is chosen. */
const withProtocol = (s, client) => (s.protocol ? { ...client, protocol: s.protocol } : client);

module.exports = { ALL, MODERN, SERVERS, httpServerArgs, rawClasses, rawSource, selectedSdks, withProtocol };
