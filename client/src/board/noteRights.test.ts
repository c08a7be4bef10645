import { describe, expect, it } from 'vitest';
import { NOTE_FIELDS, NOTE_RECORD } from '@balcony/shared';
import { mayEditNote, mayStar, mayWithdrawNote, noteDescription, onlyAuthorMayChange, readOnlyNow, type Viewer } from './noteRights';

const amara: Viewer = { participantId: 'p-amara', role: 'participant' };
const ben: Viewer = { participantId: 'p-ben', role: 'participant' };
const fran: Viewer = { participantId: 'p-fran', role: 'facilitator' };
const amarasNote = { authorId: 'p-amara' };

describe('mayEditNote', () => {
  it('lets the author change her own note', () => {
    expect(mayEditNote(amara, amarasNote)).toBe(true);
  });

  it('keeps another participant from changing it', () => {
    expect(mayEditNote(ben, amarasNote)).toBe(false);
  });

  it('lets a facilitator change anyone’s note', () => {
    expect(mayEditNote(fran, amarasNote)).toBe(true);
    expect(mayEditNote(fran, { authorId: 'p-fran' })).toBe(true);
  });

  it('guards exactly the fields the note record gives to the author', () => {
    // If another field became the author's, the board would have to guard it too: the words,
    // and the "don't record" mark, which the note menu offers only where mayEditNote says.
    expect(NOTE_FIELDS.filter((f) => NOTE_RECORD[f].access === 'author').sort()).toEqual(['noRecord', 'text']);
    expect(NOTE_FIELDS.filter((f) => NOTE_RECORD[f].access === 'group').sort()).toEqual(['color', 'themeId', 'x', 'y', 'zone']);
  });
});

describe('the words for it', () => {
  it('says who may change a note that is not yours', () => {
    expect(onlyAuthorMayChange('Amara')).toBe('Only Amara or the facilitator can change this note.');
  });

  it('describes a note by its author, and why it cannot be changed where it cannot', () => {
    expect(noteDescription(amara, amarasNote, 'Amara')).toBe('Written by you.');
    expect(noteDescription(fran, amarasNote, 'Amara')).toBe('Written by Amara.');
    expect(noteDescription(ben, amarasNote, 'Amara')).toBe(
      'Written by Amara. Only Amara or the facilitator can change its words.',
    );
  });
});

describe('while the person may not write', () => {
  const locked = { write: false, code: 'locked', reason: 'Board locked' } as const;

  it('changes nothing, their own note included', () => {
    expect(mayEditNote(amara, amarasNote, locked)).toBe(false);
  });

  it('says why in the note’s description', () => {
    expect(noteDescription(amara, amarasNote, 'Amara', locked)).toBe('Written by you. Board locked: read only for now.');
  });

  it('lets whoever may edit others’ notes change anyone’s', () => {
    expect(mayEditNote(ben, amarasNote, { write: true, editOthers: true })).toBe(true);
    expect(mayEditNote(fran, amarasNote, { write: true, editOthers: false })).toBe(false);
  });
});

describe('mayStar', () => {
  const pia: Viewer = { participantId: 'p-pia', role: 'presenter' };
  it('lets the presenter and the facilitator star, and nobody else', () => {
    expect(mayStar(pia)).toBe(true);
    expect(mayStar(fran)).toBe(true);
    expect(mayStar(amara)).toBe(false);
    expect(mayStar({ participantId: 'p-olu', role: 'observer' })).toBe(false);
  });

  it('keeps the presenter from starring while they may not write', () => {
    expect(mayStar(pia, { write: false, code: 'listening', reason: 'The presenter is listening' })).toBe(false);
  });
});

describe('mayWithdrawNote', () => {
  const open = { write: true, editOthers: false } as const;
  const listening = { write: false, code: 'listening', reason: 'The presenter is listening' } as const;
  const ended = { write: false, code: 'ended', reason: 'The session has ended' } as const;
  it('lets a writer take back their own shared note in any phase, until the session ends', () => {
    expect(mayWithdrawNote(amara, amarasNote, open, true)).toBe(true);
    expect(mayWithdrawNote(amara, amarasNote, listening, true)).toBe(true);
    expect(mayWithdrawNote(amara, amarasNote, ended, true)).toBe(false);
  });
  it("offers nobody else's note, a facilitator's neither, and no private note", () => {
    expect(mayWithdrawNote(ben, amarasNote, open, true)).toBe(false);
    expect(mayWithdrawNote(fran, amarasNote, { write: true, editOthers: true }, true)).toBe(false);
    expect(mayWithdrawNote(amara, amarasNote, open, false)).toBe(false);
  });
});

describe('on a snapshot', () => {
  const snapshot = { write: false, code: 'snapshot', reason: 'This is a snapshot' } as const;
  it('changes nothing and takes nothing back, not even the writer her own note', () => {
    expect(mayEditNote(amara, amarasNote, snapshot)).toBe(false);
    expect(mayStar(fran, snapshot)).toBe(false);
    expect(mayWithdrawNote(amara, amarasNote, snapshot, true)).toBe(false);
  });
  it('says it stays as it was, not "for now"', () => {
    expect(noteDescription(ben, amarasNote, 'Amara', snapshot)).toBe('Written by Amara. This is a snapshot: read only.');
    expect(readOnlyNow(snapshot)).toBe('This is a snapshot: you can read the board as it was, not change it.');
  });
});
