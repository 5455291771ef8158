'use strict';
// An authorization server and an MCP resource server in one process, on 127.0.0.1, built with
// the SDK's server-side auth pieces: protected-resource and authorization-server metadata
// (mcpAuthMetadataRouter), bearer checks (requireBearerAuth), and a client_credentials token
// endpoint (the SDK's own token handler does not offer that grant, so it is written here).
// Usage: node oauth-server.js <port|0> <clientId> <clientSecret> [marker]
// Prints "listening <port>" once ready. Tool `whoami` answers with the token's client id and the
// token's serial number: a per-token number, not a server-wide count, so files that fetch tokens in
// parallel on other workers cannot change what one client sees.
const crypto = require('node:crypto');
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { serveSessions } = require('./sessions');
const { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } = require('@modelcontextprotocol/sdk/server/auth/router.js');
const { requireBearerAuth } = require('@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js');
const { InvalidTokenError } = require('@modelcontextprotocol/sdk/server/auth/errors.js');

const [portArg, clientId, clientSecret] = process.argv.slice(2);
const tokens = new Map(); // access token -> { clientId, expiresAt, serial }
let issued = 0;

const app = express();
app.use(express.urlencoded({ extended: false }));

const server = app.listen(Number(portArg), '127.0.0.1', () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const mcpUrl = new URL('/mcp', base);
  const oauthMetadata = {
    issuer: `${base}/`,
    token_endpoint: `${base}/token`,
    authorization_endpoint: `${base}/authorize`,
    response_types_supported: ['code'],
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };
  app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: mcpUrl }));

  app.post('/token', (req, res) => {
    let id = req.body.client_id;
    let secret = req.body.client_secret;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization || '');
    if (basic) [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent);
    if (req.body.grant_type !== 'client_credentials') return res.status(400).json({ error: 'unsupported_grant_type' });
    if (id !== clientId || secret !== clientSecret) return res.status(401).json({ error: 'invalid_client' });
    const accessToken = crypto.randomBytes(24).toString('hex');
    issued += 1;
    tokens.set(accessToken, { clientId: id, expiresAt: Math.floor(Date.now() / 1000) + 3600, serial: issued });
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
  });

  const verifier = {
    async verifyAccessToken(token) {
      const found = tokens.get(token);
      if (!found) throw new InvalidTokenError('unknown token');
      return { token, clientId: found.clientId, scopes: [], expiresAt: found.expiresAt, extra: { serial: found.serial } };
    },
  };
  const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  const serve = serveSessions(() => {
    const mcp = new McpServer({ name: 'oauth-fixture', version: '1.0.0' });
    mcp.tool('whoami', async (extra) => ({
      content: [
        {
          type: 'text',
          text: `client ${extra.authInfo && extra.authInfo.clientId}; token ${extra.authInfo && extra.authInfo.extra && extra.authInfo.extra.serial}`,
        },
      ],
    }));
    return mcp;
  });
  app.all('/mcp', express.json(), bearer, serve);
  console.log(`listening ${server.address().port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
