import type { McpServer } from '@modelcontextprotocol/server';
import { Activity } from './activity';
import { createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';

/**
 * The notes server for in-process tests (tests/in-process.test.ts): jest-mcp loads this module in
 * the test file's own module registry and calls the factory its config names, so `jest.mock()`
 * reaches the server's imports and Jest's `--coverage` counts its lines. No entry point, no port.
 *
 * The SDK asks for an instance per request: the notes live here, one store per module registry
 * (one per test file), as http.ts keeps one per process.
 */

const store = new NotesStore();
const activity = new Activity();
const users = usersFromEnv({ NOTES_TOKENS: '', NOTES_ADMIN: 'admin' });
users.names.push('erin', 'admin');

function serverFor(user: string): McpServer {
  activity.record(user);
  return createNotesServer({ user, store, users, activity });
}

/** Acts for erin, a user. */
export const createServer = (): McpServer => serverFor('erin');

/** Acts for the administrator, over the same notes. */
export const createAdminServer = (): McpServer => serverFor('admin');
