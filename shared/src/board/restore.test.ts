import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION } from '../limits.js';
import { addNote, getMeta, getNotes, getThemes, groupNotes, listNotes, setNoteNoRecord, setNoteStarred } from './document.js';
import { BOARD_MIGRATIONS } from './migrations.js';
import { BoardTooNewError, restoreBoard } from './restore.js';

const zoneIds = new Set(['stories', 'power']);
const base = { zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p1', createdAt: 1 };

/** A board as version 1 stored it: any Y.Text passed, so a note could hide embeds and formats. */
function versionOneBoard(): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set('schemaVersion', 1);
  addNote(doc, { ...base, id: 'plain', text: 'We debrief after visits' });
  addNote(doc, { ...base, id: 'rich', text: 'hi' });
  const text = getNotes(doc).get('rich')!.get('text') as Y.Text;
  text.insertEmbed(1, { image: 'x'.repeat(5_000) });
  text.format(0, 1, { bold: true });
  return doc;
}

describe('board migrations', () => {
  it('are numbered from 1 without gaps, one step a version', () => {
    expect(BOARD_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: BOARD_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it('1 → 2 (plain-note-text): a rich text keeps its characters and loses the rest', () => {
    const doc = versionOneBoard();
    // Before: the note shows "hi" and carries kilobytes.
    expect((getNotes(doc).get('rich')!.get('text') as Y.Text).toString()).toContain('h');
    const before = Y.encodeStateAsUpdate(doc).byteLength;
    const report = restoreBoard(doc, { zoneIds, write: true, targetVersion: 2 });
    expect(report).toMatchObject({ fromVersion: 1, toVersion: 2, repaired: [], dropped: [] });
    expect(report.migrated).toEqual(['plain-note-text: note rich: text made plain']);
    // After: the same two notes, the rich one as plain "hi".
    expect(listNotes(doc).map((n) => [n.id, n.text])).toEqual([
      ['plain', 'We debrief after visits'],
      ['rich', 'hi'],
    ]);
    expect(getMeta(doc).get('schemaVersion')).toBe(2);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(Y.encodeStateAsUpdate(fresh).byteLength).toBeLessThan(before);
  });

  it('2 → 4 (themes-and-stars, do-not-record): a version 2 board keeps every note, and takes themes, stars and the mark after', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('schemaVersion', 2);
    addNote(doc, { ...base, id: 'a', text: 'We debrief after visits' });
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report).toMatchObject({ fromVersion: 2, toVersion: 4, migrated: [], repaired: [], dropped: [] });
    expect(getMeta(doc).get('schemaVersion')).toBe(4);
    groupNotes(doc, { id: 't', title: 'Learning', zone: 'stories', x: 0.1, y: 0.1, color: '#FFE98F' }, ['a']);
    setNoteStarred(doc, 'a', true);
    setNoteNoRecord(doc, 'a', true);
    expect(restoreBoard(doc, { zoneIds, write: true })).toMatchObject({ repaired: [], dropped: [], droppedThemes: [] });
    expect(listNotes(doc)[0]).toMatchObject({ id: 'a', themeId: 't', starred: true, noRecord: true });
  });

  it('1 → 4: a version 1 board passes every step in order', () => {
    const doc = versionOneBoard();
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report).toMatchObject({ fromVersion: 1, toVersion: 4, dropped: [] });
    expect(getMeta(doc).get('schemaVersion')).toBe(4);
    expect(listNotes(doc).map((n) => n.text)).toEqual(['We debrief after visits', 'hi']);
  });

  it('removes a theme that breaks its record, leaving its notes', () => {
    const doc = new Y.Doc();
    addNote(doc, { ...base, id: 'a', text: 'x' });
    groupNotes(doc, { id: 't', title: 'Ok', zone: 'stories', x: 0.1, y: 0.1, color: '#FFE98F' }, ['a']);
    getThemes(doc).get('t')!.set('zone', 'nowhere');
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report.droppedThemes).toEqual([{ themeId: 't', problems: ['unknown-zone'] }]);
    expect(listNotes(doc)).toHaveLength(1);
  });
});

describe('restoreBoard', () => {
  it('leaves a current, valid board as it is', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
    addNote(doc, { ...base, id: 'a', text: 'fine' });
    const sv = Y.encodeStateVector(doc);
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report).toEqual({ fromVersion: BOARD_SCHEMA_VERSION, toVersion: BOARD_SCHEMA_VERSION, migrated: [], repaired: [], dropped: [], droppedThemes: [] });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('mends what it can and removes what it cannot, saying which', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
    getMeta(doc).set('owner', 'someone');
    addNote(doc, { ...base, id: 'extra', text: 'ok' });
    getNotes(doc).get('extra')!.set('votes', 3);
    addNote(doc, { ...base, id: 'long', text: 'y'.repeat(2_100) });
    addNote(doc, { ...base, id: 'lost', zone: 'elsewhere' });
    (getNotes(doc) as Y.Map<unknown>).set('junk', 42);
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report.repaired.map((r) => r.noteId).sort()).toEqual(['extra', 'long']);
    expect(report.dropped.map((r) => r.noteId).sort()).toEqual(['junk', 'lost']);
    expect(listNotes(doc).map((n) => [n.id, n.text.length])).toEqual([
      ['extra', 2],
      ['long', 2_000],
    ]);
    expect(getMeta(doc).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
  });

  it('writes nothing on a dry run, and reports the same', () => {
    const doc = versionOneBoard();
    const sv = Y.encodeStateVector(doc);
    const dry = restoreBoard(doc, { zoneIds, write: false });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(dry.migrated).toHaveLength(1);
    expect(restoreBoard(doc, { zoneIds, write: true })).toEqual(dry);
  });

  it('refuses a board newer than this code, untouched', () => {
    const doc = new Y.Doc();
    getMeta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    expect(() => restoreBoard(doc, { zoneIds, write: true })).toThrow(BoardTooNewError);
    expect(getMeta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION + 1);
  });

  it('runs every step from a board that never said its version', () => {
    const doc = versionOneBoard();
    getMeta(doc).delete('schemaVersion');
    const report = restoreBoard(doc, { zoneIds, write: true });
    expect(report.fromVersion).toBeNull();
    expect(report.migrated).toHaveLength(1);
    expect(getMeta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
  });
});
