/**
 * The ids of the notes this browser wrote on its private board. After a reveal the notes are on
 * the shared board, and in an anonymous session they carry no author: these ids let the board
 * offer their writer what the server allows them (changing and deleting their own notes).
 */
const PREFIX = 'balcony.mine.';

function read(sessionId: string): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(PREFIX + sessionId) ?? '[]');
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** This browser's own notes in one session, kept in localStorage. */
export class MyNotes {
  private readonly ids: Set<string>;

  constructor(private readonly sessionId: string) {
    this.ids = new Set(read(sessionId));
  }

  has = (noteId: string): boolean => this.ids.has(noteId);

  add(noteId: string): void {
    if (this.ids.has(noteId)) return;
    this.ids.add(noteId);
    try {
      localStorage.setItem(PREFIX + this.sessionId, JSON.stringify([...this.ids]));
    } catch {
      /* storage full or blocked: the note is still this person's on the server */
    }
  }

  /** Forgets them, when this device leaves the session. */
  clear(): void {
    this.ids.clear();
    try {
      localStorage.removeItem(PREFIX + this.sessionId);
    } catch {
      /* nothing to remove */
    }
  }
}
