import { McpServer, ResourceNotFoundError, ResourceTemplate, completable, type CallToolResult } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Activity } from './activity';
import { NoteNotFoundError, noteMarkdown, type Note, type NotesStore } from './store';
import type { Users } from './users';

/**
 * One MCP server instance acting for one user: every tool, resource and prompt sees only that
 * user's notes. Instances are cheap and short-lived (over HTTP the SDK asks for one per request,
 * in either protocol era), so everything that must outlive a request lives in the shared store.
 */

export const SERVER_INFO = { name: 'notes-example', version: '1.2.0' };

export interface NotesContext {
  user: string;
  store: NotesStore;
  users: Users;
  activity: Activity;
}

const noteShape = {
  id: z.number().int().describe('Note id'),
  title: z.string(),
  content: z.string(),
  category: z.string().describe('Empty string when uncategorized'),
  etag: z.string().describe('Changes on every write; pass it back to notes_update'),
  modified: z.string().describe('ISO 8601 time of the last write'),
};
const note = z.object(noteShape);
const noteSummary = note.omit({ content: true });
const noteId = z.number().int().positive().describe('Note id (from notes_create or notes_list)');

/** A tool result with both forms: JSON text for older clients, `structuredContent` for the schema. */
function result<T extends Record<string, unknown>>(value: T, text = JSON.stringify(value)): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: value };
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function summary({ id, title, category, etag, modified }: Note) {
  return { id, title, category, etag, modified };
}

export function createNotesServer(ctx: NotesContext): McpServer {
  const { user, store, users } = ctx;
  const server = new McpServer(SERVER_INFO, {
    capabilities: { logging: {} },
    instructions: `Personal notes of ${user}. Use notes_list to find notes, notes_get to read one, and pass its etag to notes_update.`,
  });

  server.registerTool(
    'notes_create',
    {
      title: 'Create a note',
      description: 'Creates a note and returns it with its id and etag.',
      inputSchema: z.object({ title: z.string().min(1), content: z.string(), category: z.string().optional() }),
      outputSchema: note,
      // It only adds: hosts need not ask before running it.
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ title, content, category }) => {
      const created = store.create(user, { title, content, category });
      return result({ ...created });
    },
  );

  server.registerTool(
    'notes_get',
    {
      title: 'Get a note',
      description: 'Returns one of your notes.',
      inputSchema: z.object({ id: noteId }),
      outputSchema: note,
      annotations: { readOnlyHint: true },
    },
    // A thrown error becomes a tool error (isError: true) with its message as text.
    async ({ id }) => result({ ...store.get(user, id) }),
  );

  server.registerTool(
    'notes_list',
    {
      title: 'List notes',
      description: 'Lists your notes (without their content), optionally of one category.',
      inputSchema: z.object({ category: z.string().optional() }),
      outputSchema: z.object({ notes: z.array(noteSummary) }),
      annotations: { readOnlyHint: true },
    },
    async ({ category }) => {
      const notes = store.list(user, category).map(summary);
      const text = notes.length === 0 ? 'No notes.' : notes.map((n) => `${n.id}: ${n.title}`).join('\n');
      return result({ notes }, text);
    },
  );

  server.registerTool(
    'notes_update',
    {
      title: 'Update a note',
      description: "Changes a note. `etag` must be the note's current etag; a stale one is refused as a conflict.",
      inputSchema: z.object({
        id: noteId,
        etag: z.string().min(1),
        title: z.string().min(1).optional(),
        content: z.string().optional(),
        category: z.string().optional(),
      }),
      outputSchema: note,
      // It overwrites what was there; the same change twice leaves the same note.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    },
    async ({ id, etag, ...change }) => result({ ...store.update(user, id, etag, change) }),
  );

  server.registerTool(
    'notes_delete',
    {
      title: 'Delete a note',
      inputSchema: z.object({ id: noteId }),
      outputSchema: z.object({ deleted: z.literal(true), id: noteShape.id }),
      annotations: { destructiveHint: true },
    },
    async ({ id }) => {
      store.delete(user, id);
      return result({ deleted: true as const, id }, `Deleted note ${id}.`);
    },
  );

  server.registerTool(
    'whoami',
    {
      title: 'Who am I',
      description: 'The user this request acts for.',
      outputSchema: z.object({ user: z.string(), admin: z.boolean(), notes: z.number().int() }),
      annotations: { readOnlyHint: true },
    },
    async () => result({ user, admin: users.isAdmin(user), notes: store.list(user).length }, user),
  );

  server.registerTool(
    'admin_list_users',
    {
      title: 'List users (admin)',
      description: `Every configured user and how many notes they have. Only for ${users.admin}.`,
      outputSchema: z.object({ users: z.array(z.object({ name: z.string(), notes: z.number().int() })) }),
      annotations: { readOnlyHint: true },
    },
    async () => {
      if (!users.isAdmin(user)) return toolError(`forbidden: admin_list_users is only for the administrator; ${user} is not`);
      const counts = store.counts();
      const names = [...new Set([...users.names, ...Object.keys(counts)])];
      return result({ users: names.map((name) => ({ name, notes: counts[name] ?? 0 })) });
    },
  );

  server.registerTool(
    'admin_stats',
    {
      title: 'Server statistics (admin)',
      description: 'Configured users, notes and characters stored, and how many users have been served since the server started.',
      outputSchema: z.object({
        users: z.number().int(),
        notes: z.number().int(),
        characters: z.number().int(),
        usersSeen: z.number().int(),
      }),
      annotations: { readOnlyHint: true },
    },
    async () => {
      if (!users.isAdmin(user)) return toolError(`forbidden: admin_stats is only for the administrator; ${user} is not`);
      return result({ users: users.names.length, ...store.totals(), usersSeen: ctx.activity.usersSeen() });
    },
  );

  // Both a resource read and the prompt name a note by id; a missing one is the caller's bad
  // parameter (-32602), the same answer whether the note never existed or is someone else's.
  const findNote = (raw: string, uri: string): Note => {
    const id = Number(raw);
    try {
      if (!Number.isInteger(id)) throw new NoteNotFoundError(id);
      return store.get(user, id);
    } catch (error) {
      if (error instanceof NoteNotFoundError) throw new ResourceNotFoundError(uri, `Resource ${uri} not found`);
      throw error;
    }
  };
  const completeId = (value: string) =>
    store
      .list(user)
      .map((n) => String(n.id))
      .filter((id) => id.startsWith(value));

  server.registerResource(
    'note',
    new ResourceTemplate('notes://{id}', {
      list: async () => ({
        resources: store.list(user).map((n) => ({ uri: `notes://${n.id}`, name: n.title, mimeType: 'text/markdown' })),
      }),
      complete: { id: completeId },
    }),
    { title: 'A note', description: 'One of your notes, as markdown', mimeType: 'text/markdown' },
    async (uri, { id }) => {
      const found = findNote(String(id), uri.href);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: noteMarkdown(found) }] };
    },
  );

  server.registerPrompt(
    'summarize_note',
    {
      title: 'Summarize a note',
      description: 'Asks the model for a short summary of one of your notes.',
      argsSchema: z.object({
        id: completable(z.string().describe('Note id'), completeId),
        // Optional outside completable: SDK 2.x looks for the completer inside an optional, not on it.
        style: completable(z.string().describe('bullets or sentence'), (value) =>
          ['bullets', 'sentence'].filter((s) => s.startsWith(value)),
        ).optional(),
      }),
    },
    async ({ id, style }) => {
      const found = findNote(id, `notes://${id}`);
      const how = style === 'bullets' ? 'as at most three bullet points' : 'in one sentence';
      return {
        description: `Summary of "${found.title}"`,
        messages: [
          { role: 'user', content: { type: 'text', text: `Summarize this note ${how}:` } },
          {
            role: 'user',
            content: { type: 'resource', resource: { uri: `notes://${found.id}`, mimeType: 'text/markdown', text: noteMarkdown(found) } },
          },
        ],
      };
    },
  );

  return server;
}
