import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, LIMITS } from '../limits.js';
import { noteMapOf, readNote, type NewNote, type NoteMap, type NoteView } from './note.js';
import { readTheme, themeMapOf, type NewTheme, type ThemeView } from './theme.js';

/**
 * The board document's top-level shared types. Anything else at the top level is refused by the
 * server, so a client can rely on these being all there is.
 */
export const BOARD_ROOTS = {
  /** noteId → Y.Map holding one note (see NOTE_RECORD in note.ts). */
  notes: 'notes',
  /** themeId → Y.Map holding one theme (see THEME_RECORD in theme.ts); schema version 3. */
  themes: 'themes',
  /** Written by the server only: `schemaVersion`. */
  meta: 'meta',
} as const;
export const BOARD_ROOT_NAMES: readonly string[] = Object.values(BOARD_ROOTS);

export function getNotes(doc: Y.Doc): Y.Map<NoteMap> {
  return doc.getMap<NoteMap>(BOARD_ROOTS.notes);
}

export function getThemes(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.themes);
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
  if (text instanceof Y.Text) replaceText(doc, text, next);
}

/**
 * Replaces a text with the smallest edit that turns the old text into the new one: a common
 * prefix and suffix are kept, so concurrent edits elsewhere in it survive.
 */
function replaceText(doc: Y.Doc, text: Y.Text, next: string): void {
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

/** Every readable theme, by id order, so that every replica lists them alike. */
export function listThemes(doc: Y.Doc): ThemeView[] {
  const out: ThemeView[] = [];
  getThemes(doc).forEach((theme, id) => {
    const view = theme instanceof Y.Map ? readTheme(id, theme) : null;
    if (view) out.push(view);
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The notes grouped in a theme; a note naming a theme that is gone is in none. */
export function notesOfTheme(doc: Y.Doc, themeId: string): NoteView[] {
  return listNotes(doc).filter((n) => n.themeId === themeId);
}

/**
 * Groups notes into a theme: a new one (`theme` given) or an existing one (its id), in one
 * transaction. The notes take the theme's zone; a note leaving a theme that then has no notes
 * takes the empty theme with it.
 */
export function groupNotes(doc: Y.Doc, target: NewTheme | string, noteIds: readonly string[]): string {
  const themes = getThemes(doc);
  const notes = getNotes(doc);
  const themeId = typeof target === 'string' ? target : target.id;
  doc.transact(() => {
    if (typeof target !== 'string') {
      if (themes.size >= LIMITS.themesPerBoard) throw new Error('This board holds as many themes as it can.');
      themes.set(target.id, themeMapOf(target));
    }
    const theme = themes.get(themeId);
    if (!theme) return;
    const zone = theme.get('zone');
    const left = new Set<string>();
    for (const id of noteIds) {
      const note = notes.get(id);
      if (!note) continue;
      const before = note.get('themeId');
      if (typeof before === 'string' && before !== themeId) left.add(before);
      if (before !== themeId) note.set('themeId', themeId);
      if (note.get('zone') !== zone) note.set('zone', zone);
    }
    for (const id of left) if (notesOfTheme(doc, id).length === 0) themes.delete(id);
  });
  return themeId;
}

/** Takes notes out of their themes; a theme left without notes is removed. */
export function ungroupNotes(doc: Y.Doc, noteIds: readonly string[]): void {
  const notes = getNotes(doc);
  doc.transact(() => {
    const left = new Set<string>();
    for (const id of noteIds) {
      const note = notes.get(id);
      const themeId = note?.get('themeId');
      if (typeof themeId !== 'string') continue;
      note!.delete('themeId');
      left.add(themeId);
    }
    for (const id of left) if (notesOfTheme(doc, id).length === 0) getThemes(doc).delete(id);
  });
}

/** Dissolves a theme: its notes stay where they are, in no theme. */
export function deleteTheme(doc: Y.Doc, themeId: string): void {
  doc.transact(() => {
    for (const note of notesOfTheme(doc, themeId)) getNotes(doc).get(note.id)?.delete('themeId');
    getThemes(doc).delete(themeId);
  });
}

/** Renames a theme with the smallest edit, as setNoteText does for a note. */
export function setThemeTitle(doc: Y.Doc, themeId: string, next: string): void {
  const title = getThemes(doc).get(themeId)?.get('title');
  if (title instanceof Y.Text) replaceText(doc, title, next);
}

/**
 * Moves a theme, and its notes with it by the same distance, in one transaction. Into another
 * zone, the notes keep their places relative to the theme, kept within the zone.
 */
export function moveTheme(doc: Y.Doc, themeId: string, to: { zone: string; x: number; y: number }): void {
  const theme = getThemes(doc).get(themeId);
  if (!theme) return;
  const fromX = theme.get('x') as number;
  const fromY = theme.get('y') as number;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  doc.transact(() => {
    if (theme.get('zone') !== to.zone) theme.set('zone', to.zone);
    theme.set('x', to.x);
    theme.set('y', to.y);
    for (const n of notesOfTheme(doc, themeId)) {
      moveNote(doc, n.id, { zone: to.zone, x: clamp(n.x + to.x - fromX), y: clamp(n.y + to.y - fromY) });
    }
  });
}

/** Stars or unstars a note; only presenters and facilitators may (the server refuses others). */
export function setNoteStarred(doc: Y.Doc, id: string, starred: boolean): void {
  const note = getNotes(doc).get(id);
  if (!note || (note.get('starred') === true) === starred) return;
  if (starred) note.set('starred', true);
  else note.delete('starred');
}

/** Marks a note "don't record" (left out of snapshots and exports), or takes the mark off. */
export function setNoteNoRecord(doc: Y.Doc, id: string, noRecord: boolean): void {
  const note = getNotes(doc).get(id);
  if (!note || (note.get('noRecord') === true) === noRecord) return;
  if (noRecord) note.set('noRecord', true);
  else note.delete('noRecord');
}

/**
 * What of a board may be filed: the notes `keep` keeps (by default all but those marked "don't
 * record"), and the themes that still hold one of them or never held a note. A theme whose every
 * note was withheld says nothing worth filing, and its title may say too much.
 */
export function filedParts(doc: Y.Doc, keep: (note: NoteView) => boolean = (n) => !n.noRecord): { notes: NoteView[]; themes: ThemeView[] } {
  const all = listNotes(doc);
  const notes = all.filter(keep);
  const held = new Set(notes.map((n) => n.themeId).filter((t) => t !== null));
  const grouped = new Set(all.map((n) => n.themeId).filter((t) => t !== null));
  return { notes, themes: listThemes(doc).filter((t) => !grouped.has(t.id) || held.has(t.id)) };
}

/**
 * A fresh board holding what may be filed of this one (see filedParts). Built anew rather than
 * copied, so that no deleted or withheld text survives in it as Yjs history.
 */
export function recordedBoard(doc: Y.Doc, keep?: (note: NoteView) => boolean): Y.Doc {
  const out = new Y.Doc({ gc: true });
  const { notes, themes } = filedParts(doc, keep);
  out.transact(() => {
    getMeta(out).set('schemaVersion', BOARD_SCHEMA_VERSION);
    const outThemes = getThemes(out);
    for (const t of themes) outThemes.set(t.id, themeMapOf(t));
    const outNotes = getNotes(out);
    for (const n of notes) outNotes.set(n.id, noteMapOf({ ...n, themeId: n.themeId && outThemes.has(n.themeId) ? n.themeId : null }));
  });
  return out;
}
