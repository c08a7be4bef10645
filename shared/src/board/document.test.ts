import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  deleteNote,
  deleteTheme,
  getMeta,
  getNotes,
  getThemes,
  groupNotes,
  initBoardMeta,
  listNotes,
  listThemes,
  moveNote,
  moveTheme,
  notesOfTheme,
  recordedBoard,
  setNoteNoRecord,
  setNoteStarred,
  setNoteText,
  setThemeTitle,
  ungroupNotes,
} from './document.js';
import { checkTheme } from './theme.js';
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
    expect(readNote('a', getNotes(doc).get('a')!)).toEqual({ ...base, id: 'a', text: 'Huddles on Monday', createdAt: 5, themeId: null, starred: false, noRecord: false });
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

  describe('themes', () => {
    const board = () => {
      const doc = new Y.Doc();
      addNote(doc, { ...base, id: 'a', text: 'Supervision is regular', createdAt: 1, x: 0.2, y: 0.2 });
      addNote(doc, { ...base, id: 'b', text: 'We reflect together', createdAt: 2, x: 0.6, y: 0.4 });
      addNote(doc, { ...base, id: 'c', zone: 'rituals', text: 'Team lunch', createdAt: 3 });
      return doc;
    };
    const theme = { id: 't1', title: 'Support', zone: 'stories', x: 0.2, y: 0.2, color: '#FFE98F' };

    it('groups notes into a new theme in one update, and they take its zone', () => {
      const doc = board();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      groupNotes(doc, theme, ['a', 'c']);
      expect(updates).toHaveLength(1);
      expect(notesOfTheme(doc, 't1').map((n) => [n.id, n.zone])).toEqual([
        ['a', 'stories'],
        ['c', 'stories'],
      ]);
      expect(checkTheme('t1', getThemes(doc).get('t1'), new Set(['stories']))).toEqual([]);
      expect(listThemes(doc)).toEqual([{ ...theme }]);
    });

    it('renames a theme and moves it with its notes, keeping their places about it', () => {
      const doc = board();
      groupNotes(doc, theme, ['a', 'b']);
      setThemeTitle(doc, 't1', 'Support and reflection');
      moveTheme(doc, 't1', { zone: 'rituals', x: 0.3, y: 0.1 });
      expect(listThemes(doc)[0]).toMatchObject({ title: 'Support and reflection', zone: 'rituals', x: 0.3, y: 0.1 });
      const moved = notesOfTheme(doc, 't1');
      expect(moved.map((n) => n.zone)).toEqual(['rituals', 'rituals']);
      expect(moved[0]!.x).toBeCloseTo(0.3);
      expect(moved[1]!.x).toBeCloseTo(0.7);
      expect(moved[1]!.y).toBeCloseTo(0.3);
    });

    it('ungroups notes, removing a theme left empty; dissolving a theme keeps its notes', () => {
      const doc = board();
      groupNotes(doc, theme, ['a', 'b']);
      ungroupNotes(doc, ['a']);
      expect(listThemes(doc)).toHaveLength(1);
      ungroupNotes(doc, ['b']);
      expect(listThemes(doc)).toHaveLength(0);
      groupNotes(doc, theme, ['a', 'b']);
      deleteTheme(doc, 't1');
      expect(listThemes(doc)).toEqual([]);
      expect(listNotes(doc).map((n) => n.themeId)).toEqual([null, null, null]);
    });

    it('moves a note from one theme to another, and a theme it leaves empty goes', () => {
      const doc = board();
      groupNotes(doc, theme, ['a']);
      groupNotes(doc, { ...theme, id: 't2', title: 'Rituals' }, ['b']);
      groupNotes(doc, 't2', ['a']);
      expect(listThemes(doc).map((t) => t.id)).toEqual(['t2']);
      expect(notesOfTheme(doc, 't2').map((n) => n.id)).toEqual(['a', 'b']);
    });

    it('stars and unstars a note, an unstarred note holding no field', () => {
      const doc = board();
      setNoteStarred(doc, 'a', true);
      expect(listNotes(doc)[0]!.starred).toBe(true);
      setNoteStarred(doc, 'a', false);
      expect(getNotes(doc).get('a')!.has('starred')).toBe(false);
    });
  });
});

describe('recordedBoard', () => {
  it('holds every note but those marked "don\'t record", and no byte of their words, even as history', () => {
    const doc = new Y.Doc();
    const note = (id: string, text: string) => addNote(doc, { id, text, zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'amara', createdAt: 1 });
    note('kept', 'We celebrate leavers');
    note('withheld', 'Said about a named colleague');
    note('edited', 'First draft of a worry');
    setNoteText(doc, 'edited', 'Second thoughts');
    setNoteNoRecord(doc, 'withheld', true);
    const filed = recordedBoard(doc);
    expect(listNotes(filed).map((n) => [n.id, n.text]).sort()).toEqual([
      ['edited', 'Second thoughts'],
      ['kept', 'We celebrate leavers'],
    ]);
    const bytes = Buffer.from(Y.encodeStateAsUpdate(filed)).toString('latin1');
    expect(bytes).not.toContain('named colleague');
    expect(bytes).not.toContain('First draft');
    expect(getMeta(filed).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
  });
});
