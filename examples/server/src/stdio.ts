import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { Activity } from './activity';
import { createNotesServer } from './notes-server';
import { NotesStore } from './store';
import { usersFromEnv } from './users';

/**
 * The notes server over stdio, for both protocol eras, acting for the user named by NOTES_USER
 * (a local, single-user process needs no token). NOTES_ADMIN names the administrator as for HTTP.
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

// Outside the factory: serveStdio may build a throw-away instance for a version probe before the
// one that serves the connection, and both must see the same notes.
const store = new NotesStore();
const activity = new Activity();
activity.record(user);

const served = serveStdio(() => createNotesServer({ user, store, users, activity }), {
  onerror: (error) => console.error(`notes-example (stdio): ${error.message}`),
});
console.error(`notes-example (stdio) ready for ${user} ${Math.round(performance.now())} ms after process start`);

const stop = () => void served.close().finally(() => process.exit(0));
// The client closes stdin to end the session; SIGTERM is the next step of the MCP shutdown.
process.stdin.on('end', stop);
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
