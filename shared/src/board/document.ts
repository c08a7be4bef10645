import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, LIMITS } from '../limits.js';
import { noteMapOf, readNote, type NewNote, type NoteMap, type NoteView } from './note.js';

/**
 * The board document's top-level shared types. Anything else at the top level is refused by the
 * server, so a client can rely on these two being all there is.
 */
export const BOARD_ROOTS = {
  /** noteId → Y.Map holding one note (see NOTE_RECORD in note.ts). */
  notes: 'notes',
  /** Written by the server only: `schemaVersion`. */
  meta: 'meta',
} as const;
export const BOARD_ROOT_NAMES: readonly string[] = Object.values(BOARD_ROOTS);

export function getNotes(doc: Y.Doc): Y.Map<NoteMap> {
  return doc.getMap<NoteMap>(BOARD_ROOTS.notes);
}

export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(BOARD_ROOTS.meta);
}

/** Sets up a new board's meta; done once, by the server, when the session is created. */
export function initBoardMeta(doc: Y.Doc): void {
  getMeta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
}

/** Adds a note in one transaction, so that it travels as one update and never appears half-made. */
export function addNote(doc: Y.Doc, n: NewNote): void {
  const notes = getNotes(doc);
  if (notes.size >= LIMITS.notesPerBoard) throw new Error('This board is full.');
  doc.transact(() => notes.set(n.id, noteMapOf(n)));
}

export function moveNote(doc: Y.Doc, id: string, to: { zone: string; x: number; y: number }): void {
  const note = getNotes(doc).get(id);
  if (!note) return;
  doc.transact(() => {
    if (note.get('zone') !== to.zone) note.set('zone', to.zone);
    note.set('x', to.x);
    note.set('y', to.y);
  });
}

export function setNoteColor(doc: Y.Doc, id: string, color: string): void {
  const note = getNotes(doc).get(id);
  if (note && note.get('color') !== color) note.set('color', color);
}

export function deleteNote(doc: Y.Doc, id: string): void {
  getNotes(doc).delete(id);
}

/**
 * Replaces a note's text with the smallest edit that turns the old text into the new one: a
 * common prefix and suffix are kept, so concurrent edits elsewhere in the note survive.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string): void {
  const text = getNotes(doc).get(id)?.get('text');
  if (!(text instanceof Y.Text)) return;
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  doc.transact(() => {
    if (endPrev > start) text.delete(start, endPrev - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  });
}

/** Every readable note, oldest first (ties by id) so that every replica lists them alike. */
export function listNotes(doc: Y.Doc): NoteView[] {
  const out: NoteView[] = [];
  getNotes(doc).forEach((note, id) => {
    const view = note instanceof Y.Map ? readNote(id, note) : null;
    if (view) out.push(view);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
