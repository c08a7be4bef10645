import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, getNotes, getThemes, initBoardMeta, listNotes, listThemes, setNoteStarred } from './document.js';
import { themeMapOf } from './theme.js';
import { carriedBoard } from './carryOver.js';

function filedBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  getThemes(doc).set('t1', themeMapOf({ id: 't1', title: 'Time pressure', zone: 'stories', x: 0.2, y: 0.2, color: '#FFD6A5' }));
  addNote(doc, { id: 'n1', text: 'We always stay late', zone: 'stories', x: 0.1, y: 0.2, color: '#FFE98F', authorId: 'p-old', createdAt: 1, themeId: 't1' });
  addNote(doc, { id: 'n2', text: 'Team meeting on Monday', zone: 'rituals', x: 0.5, y: 0.6, color: '#B7F0C1', authorId: 'p-old2', createdAt: 2 });
  addNote(doc, { id: 'n3', text: 'A zone the new template lacks', zone: 'gone', x: 0.5, y: 0.5, color: '#B7F0C1', authorId: 'p-old2', createdAt: 3 });
  setNoteStarred(doc, 'n2', true);
  return doc;
}

describe('carriedBoard', () => {
  it('keeps the notes and themes with their ids, places and words, written by the new facilitator', () => {
    const out = carriedBoard(filedBoard(), 'p-new', new Set(['stories', 'rituals']));
    const notes = listNotes(out);
    expect(notes.map((n) => [n.id, n.text, n.zone, n.x, n.y, n.authorId, n.themeId])).toEqual([
      ['n1', 'We always stay late', 'stories', 0.1, 0.2, 'p-new', 't1'],
      ['n2', 'Team meeting on Monday', 'rituals', 0.5, 0.6, 'p-new', null],
    ]);
    expect(listThemes(out).map((t) => [t.id, t.title])).toEqual([['t1', 'Time pressure']]);
  });

  it('leaves the stars behind, and what the template has no zone for', () => {
    const out = carriedBoard(filedBoard(), 'p-new', new Set(['stories', 'rituals']));
    expect(listNotes(out).some((n) => n.starred)).toBe(false);
    expect(getNotes(out).has('n3')).toBe(false);
  });
});
