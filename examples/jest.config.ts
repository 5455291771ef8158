/**
 * Jest reads this file through ts-node. It is type-checked by `npm run typecheck`, so loading it
 * need not check it again:
 * @jest-config-loader-options {"transpileOnly": true}
 */
import type { Config } from 'jest';
import { type McpOptions, withProtocolMatrix } from 'jest-mcp';

const everythingStdio = 'node_modules/@modelcontextprotocol/server-everything/dist/index.js';

const mcp: McpOptions = {
  // A test OAuth authorization server for the run (jest-mcp/oauth), started before the servers:
  // the notes server trusts it (OAUTH_ISSUER, OAUTH_JWKS below) and verifies its JWTs with jose.
  // The passwords come from .env (fake dev passwords) or the environment.
  authServers: {
    main: {
      users: {
        alice: { password: '${ALICE_PASSWORD}' },
        bob: { password: '${BOB_PASSWORD}' },
        charlie: { password: '${CHARLIE_PASSWORD}' },
        diana: { password: '${DIANA_PASSWORD}' },
      },
      scopes: ['notes'],
    },
  },
  // Started once for the whole run (jest-mcp's global setup), on a free port it picks: ${PORT}.
  // jest-mcp waits until it completes an MCP handshake at http://127.0.0.1:${PORT}/mcp.
  servers: {
    notes: {
      command: 'node',
      args: ['server/dist/http.js'],
      env: {
        PORT: '${PORT}',
        // The tokens come from .env (fake dev tokens) or the environment.
        NOTES_TOKENS: 'alice:${ALICE_TOKEN},bob:${BOB_TOKEN},admin:${ADMIN_TOKEN}',
        NOTES_ADMIN: 'admin',
        // The authorization server's issuer and keys: a JWT access token from it acts for its `sub`.
        OAUTH_ISSUER: '${authServers.main.issuer}',
        OAUTH_JWKS: '${authServers.main.jwksUri}',
      },
      // The server wants a token on every request, initialize included: the readiness
      // handshake signs in as admin.
      readyHeaders: { Authorization: 'Bearer ${ADMIN_TOKEN}' },
    },
  },
  // Opened for each test file (or only those its `@mcp-clients` docblock names), closed after it.
  clients: {
    // Users who sign in through OAuth (authorization code + PKCE) at mcp.authServers.main, headless,
    // once per run: jest-mcp registers a client, fills in the login form, and keeps their tokens.
    alice: { server: 'notes', auth: { authorizationCode: { login: { username: 'alice', password: '${ALICE_PASSWORD}' } } } },
    bob: { server: 'notes', auth: { authorizationCode: { login: { username: 'bob', password: '${BOB_PASSWORD}' } } } },
    charlie: { server: 'notes', auth: { authorizationCode: { login: { username: 'charlie', password: '${CHARLIE_PASSWORD}' } } } },
    diana: { server: 'notes', auth: { authorizationCode: { login: { username: 'diana', password: '${DIANA_PASSWORD}' } } } },
    // The administrator has a static bearer token (NOTES_TOKENS), as services often do.
    admin: { server: 'notes', headers: { Authorization: 'Bearer ${ADMIN_TOKEN}' } },
    // A stdio server per test file: jest-mcp spawns it and stops it when the file is done.
    notesStdio: { command: 'node', args: ['server/dist/stdio.js'], env: { NOTES_USER: 'carol' } },
    // The notes server's module, served in the test file's own process (tests/in-process.test.ts):
    // jest.mock() reaches its imports and Jest's --coverage counts its lines.
    inProcess: { module: './server/src/in-process.ts', export: 'createServer' },
    // server-everything is built on SDK 1.x and speaks only the 2025 protocol, in every run.
    everything: { command: 'node', args: [everythingStdio, 'stdio'], protocol: 'legacy' },
  },
};

const config: Config = {
  preset: 'jest-mcp',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironmentOptions: { mcp },
  // Jest's own coverage of the notes server's code: the HTTP server (server/dist/http.js) and the
  // stdio server (server/dist/stdio.js) run in their own processes; jest-mcp's reporter (below)
  // adds their V8 coverage, mapped back to server/src/*.ts through tsc's source maps.
  collectCoverage: true,
  collectCoverageFrom: ['server/src/**/*.ts'],
  coverageReporters: ['text', 'lcov'],
  // MCP coverage: which tools, resources and prompts of each server the suites exercise. The notes
  // server (all its clients together) must have every tool, resource and prompt exercised, or the
  // run fails naming what no test calls; server-everything, not ours, is only reported.
  reporters: [
    'default',
    [
      'jest-mcp/reporter',
      {
        outputFile: 'coverage/mcp.json',
        html: 'coverage/mcp.html',
        threshold: { clients: { 'servers.notes': { tools: 100, resources: 100, prompts: 100 } } },
      },
    ],
  ],
};

// Every suite twice: once in the 2025 protocol (`legacy`), once in 2026-07-28. Jest names each
// run in its output (PASS  mcp 2026-07-28  tests/notes-crud.test.ts).
export default withProtocolMatrix(config, ['legacy', '2026-07-28']);
