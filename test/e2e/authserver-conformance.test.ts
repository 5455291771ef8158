import { spawn } from 'node:child_process';
import { freePort, startListening, type ListeningServer } from '../helpers/fixtures';

/**
 * The official conformance suite's authorization-server scenarios (`conformance authorization`)
 * against the test authorization server: its metadata, and the authorization code grant with
 * PKCE, `iss` and the token response, with and without a `resource`. The suite prints the
 * authorization URL and waits for a browser: this test is the browser (the server auto-approves).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript shared with scripts
const { node22, conformance } = require('../../tools/paths.js') as { node22: string; conformance: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a fixture, plain JavaScript
const { browse } = require('../servers/oauth-browser.js') as { browse(url: string, redirect: string): Promise<unknown> };

const AUTH_SERVER = require.resolve('../servers/auth-server.js');

interface Verdicts {
  output: string;
  code: number | null;
}

/** Runs the suite; follows the authorization URL it prints to its callback. */
function runSuite(args: string[], callbackPort: number): Promise<Verdicts> {
  const child = spawn(node22, [conformance, 'authorization', ...args, '--port', String(callbackPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let browsed = false;
  const collect = (chunk: Buffer) => {
    output += String(chunk);
    const url = /^(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m.exec(output)?.[1];
    if (url && !browsed) {
      browsed = true;
      void browse(url, `http://127.0.0.1:${callbackPort}/callback`).then(
        (reached) => fetch((reached as { url: URL }).url).catch(() => {}),
        (error: Error) => (output += `\n(browser: ${error.message})`),
      );
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    }),
  );
}

let server: ListeningServer;
let issuer: string;
let callbackPort: number;

beforeAll(async () => {
  callbackPort = await freePort();
  const options = {
    autoApprove: 'alice',
    clients: [{ client_id: 'conformance', redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`] }],
  };
  server = await startListening(AUTH_SERVER, [JSON.stringify(options)], 'pipe');
  issuer = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server?.stop());

test.each([
  ['without a resource', [] as string[]],
  ['with a resource (RFC 8707: a JWT access token for it)', ['--resource', 'http://127.0.0.1:1/mcp']],
])('every authorization-server scenario passes, %s', async (_, extra) => {
  const run = await runSuite(['--url', issuer, '--client-id', 'conformance', ...extra], callbackPort);
  expect(run.output).toMatch(/✓ authorization-server-metadata-endpoint: 2 passed, 0 failed/);
  expect(run.output).toMatch(/✓ authorization-code-grant: 1 passed, 0 failed/);
  expect(run.output).toMatch(/Total: 3 passed, 0 failed/);
  expect(run.code).toBe(0);
});
