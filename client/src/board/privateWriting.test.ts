import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ANONYMOUS_AUTHOR, addNote, deleteNote, getNotes, getTemplate, initialSessionState } from '@balcony/shared';
import { CombinedNotes, NotesIndex, isPrivateNote } from './notesIndex';
import { phaseIsPrivate, privateNotesWords, privateTotal, writesPrivately } from './privateWriting';
import { isOwnNote, mayEditNote, noteDescription, type Viewer } from './noteRights';

const web = getTemplate('cultural-web');
const at = (phaseId: string, anonymous = false) => ({ ...initialSessionState(web, 'p-fay', anonymous), phase: { id: phaseId, index: 0 } });

function note(doc: Y.Doc, id: string, authorId = 'p-amara', createdAt = 1) {
  addNote(doc, { id, zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId, createdAt });
}

describe('where a new note goes', () => {
  it('goes to the private board in a phase that is private until revealed', () => {
    expect(writesPrivately(web, at('current-silent'))).toBe(true);
    expect(phaseIsPrivate(web, at('current-silent'))).toBe(true);
  });

  it('goes to the shared board in an open phase', () => {
    expect(writesPrivately(web, at('current-reveal'))).toBe(false);
  });

  it('always goes to the private board in an anonymous session', () => {
    expect(writesPrivately(web, at('current-reveal', true))).toBe(true);
    expect(phaseIsPrivate(web, at('current-reveal', true))).toBe(false);
  });
});

describe('private counts', () => {
  it('adds up everyone’s and says it as a count', () => {
    expect(privateTotal({ a: 2, b: 3 })).toBe(5);
    expect(privateTotal({})).toBe(0);
    expect(privateNotesWords(1)).toBe('1 private note');
    expect(privateNotesWords(3)).toBe('3 private notes');
  });
});

describe('CombinedNotes', () => {
  it('draws the private notes among the shared ones, marked, oldest first', () => {
    const shared = new Y.Doc();
    const own = new Y.Doc();
    note(shared, 'n-shared', 'p-ben', 2);
    note(own, 'n-private', 'p-amara', 1);
    const combined = new CombinedNotes(new NotesIndex(getNotes(shared)), new NotesIndex(getNotes(own)));
    const list = combined.get().list;
    expect(list.map((n) => n.id)).toEqual(['n-private', 'n-shared']);
    expect(list.map(isPrivateNote)).toEqual([true, false]);
  });

  it('follows both boards, and a note on both (mid-reveal) is the shared one', () => {
    const shared = new Y.Doc();
    const own = new Y.Doc();
    const combined = new CombinedNotes(new NotesIndex(getNotes(shared)), new NotesIndex(getNotes(own)));
    let heard = 0;
    combined.subscribe(() => heard++);
    note(own, 'n-1');
    expect(isPrivateNote(combined.get().byId.get('n-1')!)).toBe(true);
    note(shared, 'n-1', ANONYMOUS_AUTHOR, 5);
    expect(isPrivateNote(combined.get().byId.get('n-1')!)).toBe(false);
    deleteNote(own, 'n-1');
    expect(combined.get().list.map((n) => n.id)).toEqual(['n-1']);
    expect(heard).toBe(3);
  });

  it('keeps the same view of an unchanged private note, so that it is not drawn again', () => {
    const shared = new Y.Doc();
    const own = new Y.Doc();
    note(own, 'n-1');
    const combined = new CombinedNotes(new NotesIndex(getNotes(shared)), new NotesIndex(getNotes(own)));
    const before = combined.get().byId.get('n-1');
    note(shared, 'n-2', 'p-ben');
    expect(combined.get().byId.get('n-1')).toBe(before);
  });
});

describe('an anonymous session’s notes', () => {
  const amara: Viewer = { participantId: 'p-amara', role: 'participant', mine: (id) => id === 'n-mine' };
  const revealed = { id: 'n-mine', authorId: ANONYMOUS_AUTHOR };
  const others = { id: 'n-other', authorId: ANONYMOUS_AUTHOR };

  it('are their writer’s to change, by the ids this browser kept', () => {
    expect(isOwnNote(amara, revealed)).toBe(true);
    expect(mayEditNote(amara, revealed)).toBe(true);
    expect(noteDescription(amara, revealed, 'Anonymous')).toBe('Written by you.');
  });

  it('name nobody, and are not anyone else’s to change', () => {
    expect(mayEditNote(amara, others)).toBe(false);
    expect(noteDescription(amara, others, 'Anonymous')).toBe('Written anonymously. Only its writer or the facilitator can change its words.');
  });
});
