'use strict';
// A person at a browser, for tests of the test authorization server: follows an authorization
// request's redirects (cookies kept, as a browser keeps them), fills in the login form's
// `username` and `password` when one is shown, and stops at the redirect URI. Then the client's
// part: PKCE, and redeeming the code at the token endpoint.
const crypto = require('node:crypto');

function pkce() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

/** Follows `url` to `redirectUri`; returns `{ url, pages }` (the redirect reached and the HTML pages shown on the way). */
async function browse(url, redirectUri, login) {
  const cookies = new Map();
  const pages = [];
  let method = 'GET';
  let body;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(redirectUri)) return { url: new URL(url), pages };
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    pages.push(html);
    if (!login || !/<form method="post">/.test(html) || pages.length > 2) return { url: undefined, pages, status: response.status };
    method = 'POST';
    body = new URLSearchParams(login).toString();
  }
  throw new Error('too many redirects');
}

/** The whole authorization code flow for a public client; returns the token response and the pages seen. */
async function signIn(as, { clientId, redirectUri, login, resource, scope }) {
  const metadata = await (await fetch(as.metadataUrl)).json();
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  if (resource) params.set('resource', resource);
  if (scope) params.set('scope', scope);
  const reached = await browse(`${metadata.authorization_endpoint}?${params}`, redirectUri, login);
  if (!reached.url) return { pages: reached.pages };
  const query = Object.fromEntries(reached.url.searchParams);
  if (!query.code) return { query, pages: reached.pages };
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: query.code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    client_id: clientId,
  });
  if (resource) form.set('resource', resource);
  const token = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return { query, pages: reached.pages, status: token.status, token: await token.json(), metadata };
}

async function tokenRequest(as, form, headers = {}) {
  const metadata = await (await fetch(as.metadataUrl)).json();
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() };
}

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

module.exports = { browse, signIn, tokenRequest, claimsOf };
