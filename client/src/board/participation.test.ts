import { describe, expect, it } from 'vitest';
import type { NoteView } from '@balcony/shared';
import { countsKey, notesByAuthor, parseCountsKey, participation } from './participation';

const note = (id: string, authorId: string, zone = 'stories'): NoteView =>
  ({ id, authorId, zone, x: 0.5, y: 0.5, color: '#FFE98F', text: '', createdAt: 1 }) as NoteView;

const people = [
  { participantId: 'fran', name: 'Fran', role: 'facilitator' as const, online: true },
  { participantId: 'amara', name: 'Amara', role: 'participant' as const, online: true },
  { participantId: 'ben', name: 'Ben', role: 'presenter' as const, online: false },
  { participantId: 'cleo', name: 'Cleo', role: 'participant' as const, online: true },
  { participantId: 'olu', name: 'Olu', role: 'observer' as const, online: true },
];

describe('participation', () => {
  const notes = [note('1', 'amara'), note('2', 'amara', 'desired-stories'), note('3', 'fran')];

  it('counts each person’s notes on every frame', () => {
    expect(notesByAuthor(notes)).toEqual(new Map([['amara', 2], ['fran', 1]]));
  });

  it('lists who has not written yet, leaving out facilitators and observers', () => {
    const { voices, notYet } = participation(people, notesByAuthor(notes));
    expect(voices.map((v) => [v.name, v.notes])).toEqual([['Amara', 2], ['Fran', 1], ['Ben', 0], ['Cleo', 0]]);
    expect(notYet.map((v) => v.name)).toEqual(['Ben', 'Cleo']);
  });

  it('keys the counts so that typing in a note changes nothing', () => {
    const key = countsKey(notes);
    expect(countsKey([...notes].reverse())).toBe(key);
    expect(parseCountsKey(key)).toEqual(notesByAuthor(notes));
  });
});
