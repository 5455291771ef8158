import { createHash } from 'node:crypto';

/**
 * The notes of every user, in memory, in the spirit of the Nextcloud Notes API: numeric ids, a
 * category, a modification time, and an etag that changes with every write so that an update
 * based on an old copy is refused (optimistic concurrency) instead of silently overwriting.
 */

export interface Note {
  id: number;
  title: string;
  content: string;
  category: string;
  /** Changes on every write; `notes_update` must present the current one. */
  etag: string;
  /** ISO 8601. */
  modified: string;
}

export class NoteNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`note ${id} not found`);
    this.name = 'NoteNotFoundError';
  }
}

export class EtagConflictError extends Error {
  constructor(
    readonly id: number,
    readonly given: string,
    readonly current: string,
  ) {
    super(
      `conflict: note ${id} was changed since you read it (etag "${given}" is stale, the current etag is "${current}"); get it again and retry`,
    );
    this.name = 'EtagConflictError';
  }
}

let revision = 0;
function etagOf(note: Omit<Note, 'etag'>): string {
  revision++;
  return createHash('sha256')
    .update(JSON.stringify([note, revision]))
    .digest('hex')
    .slice(0, 16);
}

export class NotesStore {
  private nextId = 1;
  /** user -> id -> note. A user's notes are only ever reached through their own map. */
  private readonly byUser = new Map<string, Map<number, Note>>();

  private notesOf(user: string): Map<number, Note> {
    let notes = this.byUser.get(user);
    if (!notes) this.byUser.set(user, (notes = new Map()));
    return notes;
  }

  list(user: string, category?: string): Note[] {
    const notes = [...this.notesOf(user).values()];
    return category === undefined ? notes : notes.filter((n) => n.category === category);
  }

  get(user: string, id: number): Note {
    const note = this.notesOf(user).get(id);
    // Someone else's note is "not found" too: its existence is not revealed.
    if (!note) throw new NoteNotFoundError(id);
    return note;
  }

  create(user: string, input: { title: string; content: string; category?: string }): Note {
    const base = {
      id: this.nextId++,
      title: input.title,
      content: input.content,
      category: input.category ?? '',
      modified: new Date().toISOString(),
    };
    const note = { ...base, etag: etagOf(base) };
    this.notesOf(user).set(note.id, note);
    return note;
  }

  update(user: string, id: number, etag: string, change: { title?: string; content?: string; category?: string }): Note {
    const current = this.get(user, id);
    if (current.etag !== etag) throw new EtagConflictError(id, etag, current.etag);
    const base = {
      id,
      title: change.title ?? current.title,
      content: change.content ?? current.content,
      category: change.category ?? current.category,
      modified: new Date().toISOString(),
    };
    const note = { ...base, etag: etagOf(base) };
    this.notesOf(user).set(id, note);
    return note;
  }

  delete(user: string, id: number): void {
    this.get(user, id);
    this.notesOf(user).delete(id);
  }

  /** For the admin tools: note count per user who has ever had a notebook. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.byUser].map(([user, notes]) => [user, notes.size]));
  }

  totals(): { notes: number; characters: number } {
    let notes = 0;
    let characters = 0;
    for (const userNotes of this.byUser.values()) {
      for (const note of userNotes.values()) {
        notes++;
        characters += note.title.length + note.content.length;
      }
    }
    return { notes, characters };
  }
}

/** A note as markdown: what `notes://{id}` returns and what the prompt quotes. */
export function noteMarkdown(note: Note): string {
  const category = note.category ? `\n\nCategory: ${note.category}` : '';
  return `# ${note.title}\n\n${note.content}${category}\n`;
}
