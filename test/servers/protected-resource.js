'use strict';
// An MCP server that is an OAuth protected resource of a separate authorization server (the test
// one, jest-mcp/oauth): it publishes protected resource metadata (RFC 9728) at the path-inserted
// well-known, answers 401 with `WWW-Authenticate: Bearer resource_metadata=...`, verifies JWT
// access tokens (RFC 9068) with jose against the authorization server's JWKS (issuer, audience =
// its own URL, expiry, signature), and answers 403 insufficient_scope with the scope it needs.
// Usage: node protected-resource.js <port|0> <issuer> <jwksUri> [scope required for every request]
// Tools: `whoami` (the token's sub, client_id and scope), `admin` (needs scope `mcp:admin` too).
// Prints "listening <port>" once ready.
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { serveSessions } = require('./sessions');

const [portArg, issuer, jwksUri, baseScope = 'mcp'] = process.argv.slice(2);
const ADMIN_SCOPE = 'mcp:admin';

async function main() {
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const jwks = createRemoteJWKSet(new URL(jwksUri));
  const app = express();
  const server = app.listen(Number(portArg), '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    const resource = `${base}/mcp`;
    const metadataUrl = `${base}/.well-known/oauth-protected-resource/mcp`;
    const challenge = (params) =>
      [
        'Bearer ' +
          Object.entries({ ...params, resource_metadata: metadataUrl })
            .map(([k, v]) => `${k}="${v}"`)
            .join(', '),
      ][0];

    app.get('/.well-known/oauth-protected-resource/mcp', (_req, res) =>
      res.json({
        resource,
        authorization_servers: [issuer],
        scopes_supported: [baseScope, ADMIN_SCOPE],
        bearer_methods_supported: ['header'],
      }),
    );

    async function authorize(req, res) {
      if ('access_token' in req.query) {
        res
          .status(400)
          .set('WWW-Authenticate', challenge({ error: 'invalid_request', error_description: 'no tokens in the query string' }));
        res.json({ error: 'invalid_request' });
        return undefined;
      }
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
      if (!match) {
        res
          .status(401)
          .set('WWW-Authenticate', challenge({ scope: baseScope }))
          .json({ error: 'unauthorized' });
        return undefined;
      }
      try {
        const { payload } = await jwtVerify(match[1], jwks, { issuer, audience: resource, typ: 'at+jwt' });
        return payload;
      } catch (error) {
        res.status(401).set('WWW-Authenticate', challenge({ error: 'invalid_token', error_description: error.code || 'invalid' }));
        res.json({ error: 'invalid_token' });
        return undefined;
      }
    }

    function needsScope(res, payload, scope) {
      const granted = String(payload.scope || '').split(' ');
      if (granted.includes(scope)) return false;
      res
        .status(403)
        .set(
          'WWW-Authenticate',
          challenge({ error: 'insufficient_scope', scope: [...new Set([...granted.filter(Boolean), scope])].join(' ') }),
        );
      res.json({ error: 'insufficient_scope' });
      return true;
    }

    const serve = serveSessions(() => {
      const mcp = new McpServer({ name: 'protected-resource', version: '1.0.0' });
      mcp.tool('whoami', async (extra) => ({ content: [{ type: 'text', text: JSON.stringify(extra.authInfo.extra) }] }));
      mcp.tool('admin', async () => ({ content: [{ type: 'text', text: 'admin ok' }] }));
      return mcp;
    });
    app.all('/mcp', express.json(), async (req, res) => {
      const payload = await authorize(req, res);
      if (!payload || needsScope(res, payload, baseScope)) return;
      const body = req.body || {};
      if (body.method === 'tools/call' && body.params && body.params.name === 'admin' && needsScope(res, payload, ADMIN_SCOPE)) return;
      // The SDK hands authInfo to tools; only what a test may print.
      req.auth = {
        token: '',
        clientId: String(payload.client_id),
        scopes: String(payload.scope || '').split(' '),
        extra: { sub: payload.sub, client_id: payload.client_id, scope: payload.scope },
      };
      await serve(req, res);
    });
    console.log(`listening ${server.address().port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
