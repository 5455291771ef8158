'use strict';
// An authorization server with a login page and an MCP resource server in one process, on
// 127.0.0.1, for the sign-in e2e tests until the bundled test authorization server lands:
// authorization code + PKCE S256 (required), dynamic registration, a login form behind a session
// cookie, `iss` in the authorization response, refresh token rotation, short-lived tokens.
// Users: alice, bob, charlie, diana (password "<user>-<salt>"), and mallory, who refuses consent.
// Usage: node oauth-login-server.js <port|0> <salt> <secretsFile> [--ttl seconds] [--issuer url] [--login-delay ms] [--auto-approve user] [marker]
// Prints "listening <port>". GET /stats: grants per user and kind. Every code and token issued is
// appended to <secretsFile>, for the test to check none is ever printed. Tool `whoami`: "user <name>; token <serial>".
const crypto = require('node:crypto');
const fs = require('node:fs');
const express = require('express');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { serveSessions } = require('./sessions');
const { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } = require('@modelcontextprotocol/sdk/server/auth/router.js');
const { requireBearerAuth } = require('@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js');
const { InvalidTokenError } = require('@modelcontextprotocol/sdk/server/auth/errors.js');

const [portArg, salt, secretsFile] = process.argv.slice(2);
const option = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ttl = Number(option('ttl') ?? 3600);
// What checking a password costs a real identity provider (a slow hash), for the bench.
const loginDelay = Number(option('login-delay') ?? 0);
// A user signed in without a login page, as a test authorization server that auto-approves.
const autoApprove = option('auto-approve');
const USERS = ['alice', 'bob', 'charlie', 'diana', 'mallory'];
const random = () => crypto.randomBytes(24).toString('hex');
const keep = (secret) => (fs.appendFileSync(secretsFile, `${secret}\n`), secret);

const clients = new Map(); // client_id -> metadata
const sessions = new Map(); // sid -> pending authorization request
const codes = new Map(); // code -> { user, challenge, redirectUri, resource }
const access = new Map(); // token -> { user, expiresAt, serial }
const refresh = new Map(); // refresh token -> user
const stats = {};
let serial = 0;
const count = (user, kind) => ((stats[user] ??= {})[kind] = ((stats[user] ?? {})[kind] ?? 0) + 1);

const app = express();
app.use(express.urlencoded({ extended: false }));
const loginPage = (sid, note = '') =>
  `<!doctype html><html><body>${note}<form method="post" action="/login"><input type="hidden" name="sid" value="${sid}">` +
  `<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>`;

const server = app.listen(Number(portArg), '127.0.0.1', () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const issuer = option('issuer') ?? base;
  const mcpUrl = new URL('/mcp', base);
  const oauthMetadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
  };
  app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: mcpUrl }));

  app.post('/register', express.json(), (req, res) => {
    const client_id = random();
    clients.set(client_id, req.body);
    res.status(201).json({ ...req.body, client_id, token_endpoint_auth_method: 'none' });
  });

  /** The redirect back to the client: a code for `user`, or mallory's refusal. */
  const approve = (pending, user) => {
    const back = new URL(pending.redirect_uri);
    back.searchParams.set('iss', issuer);
    if (pending.state) back.searchParams.set('state', pending.state);
    if (user === 'mallory') back.searchParams.set('error', 'access_denied');
    else {
      const code = keep(random());
      codes.set(code, { user, challenge: pending.code_challenge, redirectUri: pending.redirect_uri, resource: pending.resource });
      back.searchParams.set('code', code);
    }
    return back.href;
  };

  app.get('/authorize', (req, res) => {
    const q = req.query;
    const client = clients.get(q.client_id);
    if (!client || !client.redirect_uris.includes(q.redirect_uri)) return res.status(400).send('unknown client or redirect_uri');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return res.status(400).send('PKCE S256 required');
    if (autoApprove) return res.redirect(302, approve(q, autoApprove));
    const sid = random();
    sessions.set(sid, { ...q });
    res.setHeader('set-cookie', `sid=${sid}; HttpOnly; Path=/`);
    res.type('html').send(loginPage(sid));
  });

  app.post('/login', async (req, res) => {
    if (loginDelay) await new Promise((resolve) => setTimeout(resolve, loginDelay));
    const sid = /(?:^|; )sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const pending = sid === req.body.sid && sessions.get(sid);
    if (!pending) return res.status(400).send('no session: cookies not kept');
    const { username, password } = req.body;
    if (!USERS.includes(username) || password !== `${username}-${salt}`)
      return res.type('html').send(loginPage(sid, '<p>Wrong username or password</p>'));
    sessions.delete(sid);
    res.redirect(302, approve(pending, username));
  });

  const issue = (res, user) => {
    const token = keep(random());
    const again = keep(random());
    access.set(token, { user, expiresAt: Date.now() + ttl * 1000, serial: ++serial });
    refresh.set(again, user);
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl, refresh_token: again });
  };
  app.post('/token', (req, res) => {
    const b = req.body;
    if (b.grant_type === 'authorization_code') {
      const found = codes.get(b.code);
      codes.delete(b.code);
      const verified =
        found &&
        crypto
          .createHash('sha256')
          .update(b.code_verifier ?? '')
          .digest('base64url') === found.challenge;
      if (!verified || b.redirect_uri !== found.redirectUri || b.resource !== found.resource)
        return res.status(400).json({ error: 'invalid_grant' });
      count(found.user, 'authorization_code');
      return issue(res, found.user);
    }
    if (b.grant_type === 'refresh_token') {
      const user = refresh.get(b.refresh_token);
      // Rotation: a refresh token works once.
      refresh.delete(b.refresh_token);
      if (!user) return res.status(400).json({ error: 'invalid_grant' });
      count(user, 'refresh_token');
      return issue(res, user);
    }
    res.status(400).json({ error: 'unsupported_grant_type' });
  });

  app.get('/stats', (req, res) => res.json(stats));

  const verifier = {
    async verifyAccessToken(token) {
      const found = access.get(token);
      if (!found || found.expiresAt < Date.now()) throw new InvalidTokenError('unknown or expired token');
      return { token, clientId: found.user, scopes: [], expiresAt: Math.floor(found.expiresAt / 1000), extra: found };
    },
  };
  const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  const serve = serveSessions(() => {
    const mcp = new McpServer({ name: 'oauth-login-fixture', version: '1.0.0' });
    mcp.tool('whoami', async (extra) => ({
      content: [{ type: 'text', text: `user ${extra.authInfo.extra.user}; token ${extra.authInfo.extra.serial}` }],
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
