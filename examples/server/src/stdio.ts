import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';

/**
 * The notes server over stdio, acting for the user named by NOTES_USER (a local, single-user
 * process needs no token). NOTES_ADMIN names the administrator as for HTTP.
 *
 *   NOTES_USER=carol node server/dist/stdio.js
 *
 * stdout carries MCP messages only: every log line goes to stderr. Ends when stdin closes.
 */

const user = process.env.NOTES_USER;
if (!user) {
  console.error('notes-example (stdio): set NOTES_USER to the user this server acts for');
  process.exit(2);
}
const users = usersFromEnv({ NOTES_TOKENS: '', ...process.env });
if (!users.names.includes(user)) users.names.push(user);

const server = createNotesServer({ user, store: new NotesStore(), users, sessions: () => 1 });
const transport = new StdioServerTransport();

async function main(): Promise<void> {
  await server.connect(transport);
  console.error(`notes-example (stdio) ready for ${user} ${Math.round(performance.now())} ms after process start`);
}

// The client closes stdin to end the session; SIGTERM is the next step of the MCP shutdown.
process.stdin.on('end', () => void server.close().finally(() => process.exit(0)));
process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));

main().catch((error) => {
  console.error('notes-example (stdio): failed to start:', error);
  process.exit(1);
});
