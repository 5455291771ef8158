import { defineConfig } from 'vitest/config';
import { mcpVitest } from 'jest-mcp/vitest/config';

// The notes server is the Jest examples' (../server, compiled by their `npm run build`): one
// server, tested from both runners. Its fake dev tokens come from ../.env.
const mcp = mcpVitest({
  envFile: '../.env',
  // Started once for the run (mcpVitest's global setup) on a free port, ${PORT}; ready once it
  // completes an MCP handshake. Stopped after the last test file.
  servers: {
    notes: {
      command: 'node',
      args: ['../server/dist/http.js'],
      env: { PORT: '${PORT}', NOTES_TOKENS: 'alice:${ALICE_TOKEN},bob:${BOB_TOKEN},admin:${ADMIN_TOKEN}', NOTES_ADMIN: 'admin' },
      readyHeaders: { Authorization: 'Bearer ${ADMIN_TOKEN}' },
    },
  },
  clients: {
    alice: { server: 'notes', headers: { Authorization: 'Bearer ${ALICE_TOKEN}' } },
    bob: { server: 'notes', headers: { Authorization: 'Bearer ${BOB_TOKEN}' } },
    admin: { server: 'notes', headers: { Authorization: 'Bearer ${ADMIN_TOKEN}' } },
  },
  // MCP coverage: the table after the run, the JSON file, and a floor for the notes server (all
  // its clients together) that fails the run, naming what no test exercises.
  coverage: {
    outputFile: 'coverage/mcp.json',
    threshold: { clients: { 'servers.notes': { tools: 60, resources: 100, prompts: 100 } } },
  },
});

export default defineConfig({
  test: {
    ...mcp,
    include: ['tests/**/*.test.ts'],
  },
});
