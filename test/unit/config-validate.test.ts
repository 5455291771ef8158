import { assertMcpOptions } from '../../src/config/validate';
import { McpConfigError } from '../../src/util/errors';

/** Validation: every kind of mistake, with the exact message a user sees. */

const M = 'testEnvironmentOptions.mcp';

function problemsOf(raw: unknown): string[] {
  try {
    assertMcpOptions(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(McpConfigError);
    const [head, ...lines] = (error as Error).message.split('\n');
    expect(head).toBe('jest-mcp: invalid configuration:');
    return lines.map((l) => l.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the options to be rejected');
}

test('a valid config passes, and reads typed afterwards', () => {
  const raw: unknown = {
    clients: {
      http: { url: 'http://127.0.0.1:1/mcp', timeouts: { connect: 2 }, auth: { clientCredentials: { clientId: 'id', clientSecret: 's' } } },
      stdio: { command: 'node', args: ['server.js'], stderr: 'inherit', session: 'test', roots: [{ uri: 'file:///tmp' }] },
      run: { server: 'one', sampling: { response: { role: 'assistant' } } },
    },
    servers: { one: { command: 'node', port: 4100, transport: 'sse' } },
    snapshot: { keys: ['id'], tokens: false },
    traces: false,
    envFile: false,
  };
  assertMcpOptions(raw);
  expect(raw.clients?.http.timeouts?.connect).toBe(2);
  expect(raw.servers?.one.port).toBe(4100);
});

test('not an object', () => {
  expect(problemsOf([])).toEqual([`${M}: expected an object, got an array`]);
});

test('an unknown key lists the keys of that kind of client', () => {
  expect(problemsOf({ clients: { notes: { url: 'http://h/mcp', colour: 'red' } } })).toEqual([
    `${M}.clients.notes.colour: unknown key; expected one of url, headers, auth, transport, protocol, timeouts, session, roots, sampling, elicitation`,
  ]);
  expect(problemsOf({ clients: { fs: { command: 'node', url2: 1 } } })).toEqual([
    `${M}.clients.fs.url2: unknown key; expected one of command, args, env, cwd, stderr, transport, protocol, timeouts, session, roots, sampling, elicitation`,
  ]);
  expect(problemsOf({ client: {} })).toEqual([
    `${M}.client: unknown key; expected one of sdk, protocol, clients, timeouts, envFile, traces, secrets, snapshot, servers, logDir, globalSetup, globalTeardown, authServers`,
  ]);
});

test('a wrong type names what was expected and what was given', () => {
  expect(problemsOf({ clients: { fs: { command: 'node', args: '--stdio' } } })).toEqual([
    `${M}.clients.fs.args: expected an array of strings, got string "--stdio"`,
  ]);
  expect(problemsOf({ clients: { fs: { command: '' } } })).toEqual([`${M}.clients.fs.command: expected a non-empty string, got string ""`]);
  expect(problemsOf({ traces: 'yes' })).toEqual([`${M}.traces: expected true or false, got string "yes"`]);
  expect(problemsOf({ clients: { a: { command: 'n', session: 'suite' } } })).toEqual([
    `${M}.clients.a.session: expected "file" (one session per test file) or "test" (one per test), got string "suite"`,
  ]);
});

test('both url and command, and neither', () => {
  expect(problemsOf({ clients: { x: { url: 'http://h/mcp', command: 'node' } } })).toEqual([
    `${M}.clients.x: has both \`url\` and \`command\`; use \`url\` for HTTP or \`command\` for stdio`,
  ]);
  expect(problemsOf({ clients: { empty: { timeouts: { connect: 1 } } } })).toEqual([
    `${M}.clients.empty: has neither \`url\` (Streamable HTTP or SSE) nor \`command\` (stdio) nor \`module\` (a server module, in process); set one of them`,
  ]);
});

test('a bad transport, and one that does not fit url or command', () => {
  expect(problemsOf({ clients: { notes: { url: 'http://h/mcp', transport: 'htpp' } } })).toEqual([
    `${M}.clients.notes.transport: unknown transport string "htpp"; expected one of streamable-http, sse, stdio`,
  ]);
  expect(problemsOf({ clients: { a: { url: 'http://h/mcp', transport: 'stdio' } } })).toEqual([
    `${M}.clients.a.transport: \`stdio\` needs \`command\`, not \`url\``,
  ]);
  expect(problemsOf({ clients: { a: { command: 'n', transport: 'sse' } } })).toEqual([
    `${M}.clients.a.transport: \`sse\` needs \`url\`, not \`command\``,
  ]);
});

test('a bad transport does not hide the other problems of the client', () => {
  expect(problemsOf({ clients: { notes: { url: 'http://h/mcp', transport: 'htpp', header: {}, timeouts: { connect: 0 } } } })).toEqual([
    `${M}.clients.notes.transport: unknown transport string "htpp"; expected one of streamable-http, sse, stdio`,
    expect.stringMatching(/^testEnvironmentOptions\.mcp\.clients\.notes\.header: unknown key.*headers/),
    expect.stringMatching(/^testEnvironmentOptions\.mcp\.clients\.notes\.timeouts\.connect: /),
  ]);
  expect(problemsOf({ clients: { s: { command: 'node', transport: 'websocket', arg: [] } } })).toEqual([
    `${M}.clients.s.transport: unknown transport string "websocket"; expected one of streamable-http, sse, stdio`,
    expect.stringMatching(/^testEnvironmentOptions\.mcp\.clients\.s\.arg: unknown key.*args/),
  ]);
});

test('bad timeouts: unknown keys, zero, strings, a non-object', () => {
  expect(problemsOf({ timeouts: { connect: 0, close: '5', open: 1 } })).toEqual([
    `${M}.timeouts.open: unknown key; expected one of connect, close`,
    `${M}.timeouts.connect: expected a positive number of seconds, got number 0`,
    `${M}.timeouts.close: expected a positive number of seconds, got string "5"`,
  ]);
  expect(problemsOf({ clients: { a: { command: 'n', timeouts: 10 } } })).toEqual([
    `${M}.clients.a.timeouts: expected an object { connect?, close? } in seconds, got number 10`,
  ]);
});

test('every problem is reported at once, in order', () => {
  expect(problemsOf({ clients: { a: { command: 'n', args: 1 }, b: {} }, traces: 1 })).toEqual([
    `${M}.clients.a.args: expected an array of strings, got number 1`,
    `${M}.clients.b: has neither \`url\` (Streamable HTTP or SSE) nor \`command\` (stdio) nor \`module\` (a server module, in process); set one of them`,
    `${M}.traces: expected true or false, got number 1`,
  ]);
});

test('secrets given in the wrong place are not echoed', () => {
  const lines = problemsOf({
    clients: {
      a: { url: 'http://h/mcp', headers: 'Bearer sk-live-123456', auth: { clientCredentials: { clientId: 7, clientSecret: 42 } } },
    },
  });
  expect(lines).toEqual([
    `${M}.clients.a.headers: expected an object of strings, got a string (not shown)`,
    `${M}.clients.a.auth.clientCredentials.clientId: expected a non-empty string`,
    `${M}.clients.a.auth.clientCredentials.clientSecret: expected a non-empty string`,
  ]);
  expect(lines.join('\n')).not.toContain('sk-live');
});

test('auth and responders take exactly one kind', () => {
  expect(problemsOf({ clients: { a: { url: 'http://h/mcp', auth: { module: 'a.js', clientCredentials: {} } } } })).toEqual([
    `${M}.clients.a.auth: expected { authorizationCode: { clientId?, clientSecret?, clientMetadataUrl?, scope?, login?, redirectUrl? } }, ` +
      `{ clientCredentials: { clientId, clientSecret | privateKey, algorithm?, scope?, issuer? } } or { module: "path" }, got keys module, clientCredentials`,
  ]);
  expect(problemsOf({ clients: { a: { command: 'n', sampling: { response: 'hi' } } } })).toEqual([
    `${M}.clients.a.sampling.response: expected an object, got string "hi"`,
  ]);
});

test('snapshot options, including a pattern that is not a RegExp', () => {
  const lines = problemsOf({ snapshot: { patterns: ['ok', '('], tokens: 'no' } });
  // The rest of the first line is V8's own wording.
  expect(lines[0]).toMatch(
    /^testEnvironmentOptions\.mcp\.snapshot\.patterns\[1\]: not a valid regular expression: Invalid regular expression: \/\(\//,
  );
  expect(lines.slice(1)).toEqual([`${M}.snapshot.tokens: expected true or false, got string "no"`]);
});

test('servers: duplicate fixed ports, bad values, unknown keys', () => {
  expect(
    problemsOf({
      servers: {
        a: { command: 'n', port: 4000 },
        b: { command: 'n', port: 4000, path: 'mcp', colour: 1 },
        c: { command: 'n', port: 70000, transport: 'stdio', readyTimeout: -1, output: 'pipe' },
      },
    }),
  ).toEqual([
    `${M}.servers.b.colour: unknown key; expected one of command, args, env, cwd, port, path, transport, readyHeaders, readyTimeout, stopTimeout, output`,
    `${M}.servers.b.path: expected a path starting with "/", got string "mcp"`,
    `${M}.servers.b.port: 4000 is also the port of server "a"`,
    `${M}.servers.c.port: expected a port number (1-65535), got number 70000; leave it out to let jest-mcp pick a free one`,
    `${M}.servers.c.transport: unknown transport string "stdio"; expected one of streamable-http, sse`,
    `${M}.servers.c.readyTimeout: expected a positive number of seconds, got number -1`,
    `${M}.servers.c.output: expected "file" or "inherit", got string "pipe"`,
  ]);
});

test('a client naming an unknown server, and one with a url of its own', () => {
  expect(
    problemsOf({
      servers: { ok: { command: 'n' } },
      clients: { typo: { server: 'nope' }, typo2: { server: 'okk' }, both: { server: 'ok', url: 'http://h/mcp', transport: 'sse' } },
    }),
  ).toEqual([
    `${M}.clients.both.url: a client with \`server\` gets its URL from the server; remove \`url\``,
    `${M}.clients.both.transport: a client with \`server\` uses the server's transport (${M}.servers.<name>.transport); remove it`,
    `${M}.clients.typo.server: names server "nope", which is not configured; configured servers: ok (${M}.servers).`,
    `${M}.clients.typo2.server: names server "okk", which is not configured; configured servers: ok (${M}.servers). Did you mean "ok"?`,
  ]);
});

test('sdk and protocol: what each accepts', () => {
  expect(() =>
    assertMcpOptions({
      sdk: 'v2',
      protocol: 'auto',
      clients: { a: { url: 'http://h/mcp', protocol: '2026-07-28' }, b: { command: 'node', protocol: 'legacy' } },
    }),
  ).not.toThrow();
  expect(problemsOf({ sdk: 'v3', protocol: 'modern', clients: { a: { url: 'http://h/mcp', protocol: 2026 } } })).toEqual([
    `${M}.clients.a.protocol: expected "legacy", "auto" or a protocol revision such as "2026-07-28", got number 2026`,
    `${M}.protocol: expected "legacy", "auto" or a protocol revision such as "2026-07-28", got string "modern"`,
    `${M}.sdk: expected "v1" (@modelcontextprotocol/sdk) or "v2" (@modelcontextprotocol/client), got string "v3"`,
  ]);
});

test('timeouts longer than Node’s timers can hold (2^31-1 ms) are refused, naming the key, the limit and the value', () => {
  const tooLong = (where: string, value: number) =>
    `${M}.${where}: ${value} s is longer than the longest wait Node's timers can hold (2147483.647 s, about 24.8 days)`;
  expect(
    problemsOf({
      timeouts: { connect: 3_000_000, close: 1e10 },
      clients: { a: { command: 'n', timeouts: { connect: 2147484 } }, b: { server: 's', timeouts: { close: 1e300 } } },
      servers: { s: { command: 'n', readyTimeout: 1e7, stopTimeout: 2147483.648 } },
    }),
  ).toEqual([
    tooLong('clients.a.timeouts.connect', 2147484),
    tooLong('clients.b.timeouts.close', 1e300),
    tooLong('timeouts.connect', 3_000_000),
    tooLong('timeouts.close', 1e10),
    tooLong('servers.s.readyTimeout', 1e7),
    tooLong('servers.s.stopTimeout', 2147483.648),
  ]);
  // The longest that can be held is fine.
  expect(() =>
    assertMcpOptions({ timeouts: { connect: 2147483.647 }, servers: { s: { command: 'n', readyTimeout: 2147483.647 } } }),
  ).not.toThrow();
});

test('thousands of problems: the first 50, then how many more', () => {
  const clients = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`c${i}`, { command: 'n', colour: 1 }]));
  const lines = problemsOf({ clients });
  expect(lines).toHaveLength(51);
  expect(lines[0]).toBe(
    `${M}.clients.c0.colour: unknown key; expected one of command, args, env, cwd, stderr, transport, protocol, timeouts, session, roots, sampling, elicitation`,
  );
  expect(lines[50]).toBe('  … and 4950 more problems');
});

test('30,000 clients naming an unknown server of 30,000: a bounded message', () => {
  const servers = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`server-${i}`, { command: 'n' }]));
  const clients = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`c${i}`, { server: 'server-1x' }]));
  let message = '';
  try {
    assertMcpOptions({ servers, clients });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.length).toBeLessThan(20_000);
  expect(message).toContain(
    `${M}.clients.c0.server: names server "server-1x", which is not configured; configured servers: server-0, server-1, `,
  );
  expect(message).toContain(`server-19, … and 29980 more (${M}.servers).\n`);
  expect(message).toContain(`${M}.clients.c5.server: names server "server-1x", which is not configured (${M}.servers)`);
});

test('auth.authorizationCode: every key optional, each problem named by its path, no secret echoed', () => {
  expect(() => assertMcpOptions({ clients: { a: { url: 'http://h/mcp', auth: { authorizationCode: {} } } } })).not.toThrow();
  expect(
    problemsOf({
      clients: {
        a: {
          url: 'http://h/mcp',
          auth: {
            authorizationCode: {
              clientSecret: 'hunter2-secret',
              clientMetadataUrl: 'http://example.com/meta.json',
              redirectUrl: 'not a url',
              scope: 3,
              login: { username: 'alice', password: 42, extra: true },
              typo: 1,
            },
          },
        },
        b: { server: 's', auth: { authorizationCode: { clientId: 'x', login: '${LOGIN_MODULE}' } } },
      },
      servers: { s: { command: 'node' } },
    }),
  ).toEqual([
    `${M}.clients.a.auth.authorizationCode.typo: unknown key; expected one of clientId, clientSecret, clientMetadataUrl, scope, login, redirectUrl`,
    `${M}.clients.a.auth.authorizationCode.clientSecret: only used with clientId (a pre-registered client)`,
    `${M}.clients.a.auth.authorizationCode.clientMetadataUrl: expected an https URL with a path (a Client ID Metadata Document URL)`,
    `${M}.clients.a.auth.authorizationCode.redirectUrl: expected a URL, got string "not a url"`,
    `${M}.clients.a.auth.authorizationCode.scope: expected a string, got number 3`,
    `${M}.clients.a.auth.authorizationCode.login.extra: unknown key; expected one of username, password`,
    `${M}.clients.a.auth.authorizationCode.login.password: expected a non-empty string`,
  ]);
});

test('auth.clientCredentials: a secret or a private key, exactly one', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----';
  const jwt = { clientCredentials: { clientId: 'c', privateKey: pem, algorithm: 'ES256' } };
  expect(() => assertMcpOptions({ clients: { a: { url: 'http://h/mcp', auth: jwt } } })).not.toThrow();
  const both = problemsOf({
    clients: { a: { url: 'http://h/mcp', auth: { clientCredentials: { clientId: 'c', clientSecret: 's3cr3t', privateKey: pem } } } },
  });
  expect(both).toEqual([
    `${M}.clients.a.auth.clientCredentials: expected exactly one of clientSecret (client_secret_basic/_post) and privateKey (private_key_jwt)`,
  ]);
  expect(
    problemsOf({
      clients: { a: { url: 'http://h/mcp', auth: { clientCredentials: { clientId: 'c', clientSecret: 's', algorithm: 'RS256' } } } },
    }),
  ).toEqual([`${M}.clients.a.auth.clientCredentials.algorithm: only used with privateKey`]);
});
