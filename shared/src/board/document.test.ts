import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, getMeta, getNotes, initBoardMeta, listNotes, moveNote, setNoteText } from './document.js';
import { readNote } from './note.js';
import { BOARD_SCHEMA_VERSION } from '../limits.js';

const base = { zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p1' };

describe('board document ops', () => {
  it('adds a note as one update', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    addNote(doc, { ...base, id: 'a', text: 'Huddles on Monday', createdAt: 5 });
    expect(updates).toHaveLength(1);
    expect(readNote('a', getNotes(doc).get('a')!)).toEqual({ ...base, id: 'a', text: 'Huddles on Monday', createdAt: 5 });
  });

  it('edits text with the smallest change, so a concurrent edit elsewhere survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, { ...base, id: 'n', text: 'we listen to families', createdAt: 1 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setNoteText(a, 'n', 'we really listen to families');
    setNoteText(b, 'n', 'we listen to families and children');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readNote('n', getNotes(a).get('n')!)!.text).toBe('we really listen to families and children');
    expect(readNote('n', getNotes(b).get('n')!)!.text).toBe('we really listen to families and children');
  });

  it('moves a note to another zone and deletes it', () => {
    const doc = new Y.Doc();
    addNote(doc, { ...base, id: 'n', createdAt: 1 });
    moveNote(doc, 'n', { zone: 'power', x: 0.1, y: 0.2 });
    expect(listNotes(doc)[0]).toMatchObject({ zone: 'power', x: 0.1, y: 0.2 });
    deleteNote(doc, 'n');
    expect(listNotes(doc)).toEqual([]);
  });

  it('lists notes oldest first, ties broken by id, so replicas agree', () => {
    const doc = new Y.Doc();
    addNote(doc, { ...base, id: 'b', createdAt: 2 });
    addNote(doc, { ...base, id: 'c', createdAt: 1 });
    addNote(doc, { ...base, id: 'a', createdAt: 2 });
    expect(listNotes(doc).map((n) => n.id)).toEqual(['c', 'a', 'b']);
  });

  it('refuses to add a note to a full board', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 2000; i++) getNotes(doc).set(`n${i}`, new Y.Map());
    });
    expect(() => addNote(doc, { ...base, id: 'one-more', createdAt: 1 })).toThrow(/full/);
  });

  it('marks a new board with the schema version', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc);
    expect(getMeta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
  });
});
