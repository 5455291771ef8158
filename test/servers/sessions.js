'use strict';
// Streamable HTTP sessions for the express fixtures (SDK 1.x): a transport per session id, made
// on the first POST, each with a fresh McpServer from `createServer`; a request for an unknown
// session that is not an initialize POST is a 404, as the spec says.
const crypto = require('node:crypto');
const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

function serveSessions(createServer) {
  const transports = new Map();
  return async (req, res) => {
    const sessionId = req.headers['mcp-session-id'];
    let transport = sessionId && transports.get(sessionId);
    if (!transport) {
      if (req.method !== 'POST') return res.status(404).end();
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
      await createServer().connect(transport);
    }
    await transport.handleRequest(req, res, req.body);
  };
}

module.exports = { serveSessions };
