'use strict';
// A token issuer for the conformance suite's minted-token checks: a JWKS and RS256 access tokens
// on 127.0.0.1, minted with the options of jest-mcp/oauth's mintToken (expired, notYetValid,
// wrongAudience, wrongIssuer, badSignature, withoutScope). It stands in for the run's test
// authorization server where a test calls the suite's checks itself. Prints "listening <port>".
//   GET  /jwks   the public key
//   POST /mint   body {claims, options} → the token as text
//   node token-issuer.js [marker]
const http = require('node:http');
const { exportJWK, generateKeyPair, SignJWT } = require('jose');

const KID = 'conformance-test-key';
const HOUR = 3600;

async function main() {
  const [{ privateKey, publicKey }, other] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let issuer;
  const mint = (claims = {}, options = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const without = new Set((options.withoutScope ?? '').split(' '));
    const scope = (options.scope ?? '').split(' ').filter((s) => s && !without.has(s));
    const [iat, nbf, exp] = options.expired
      ? [now - 2 * HOUR, undefined, now - HOUR]
      : options.notYetValid
        ? [now + HOUR, now + HOUR, now + 2 * HOUR]
        : [now, undefined, now + 300];
    return new SignJWT({ scope: scope.join(' '), client_id: 'conformance', ...(nbf ? { nbf } : {}), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setIssuer(options.wrongIssuer ? 'https://wrong-issuer.invalid' : issuer)
      .setAudience(options.wrongAudience ? 'https://wrong-audience.invalid/mcp' : (options.resource ?? ''))
      .setSubject('alice')
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(options.badSignature ? other.privateKey : privateKey);
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    if (req.method !== 'POST' || req.url !== '/mint') return res.writeHead(404).end();
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const { claims, options } = JSON.parse(body || '{}');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(await mint(claims, options));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    issuer = `http://127.0.0.1:${server.address().port}`;
    console.log(`listening ${server.address().port}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
}

main();
