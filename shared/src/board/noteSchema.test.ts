import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkNote } from './noteSchema.js';
import { addNote, getNotes } from './document.js';

const zones = new Set(['stories', 'paradigm']);

function noteWith(fields: Record<string, unknown>, id = 'n1') {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) note.set(k, v);
  getNotes(doc).set(id, note);
  return getNotes(doc).get(id)!;
}

const valid = () => ({
  text: new Y.Text('We always debrief after a home visit'),
  zone: 'stories',
  x: 0.5,
  y: 0.25,
  color: '#FFE98F',
  authorId: 'p-1',
  createdAt: 1_763_900_000_000,
});

describe('checkNote', () => {
  it('accepts a valid note, including the edges of every range', () => {
    expect(checkNote('n1', noteWith(valid()), zones)).toEqual([]);
    expect(checkNote('n1', noteWith({ ...valid(), x: 0, y: 1 }), zones)).toEqual([]);
    expect(checkNote('n'.repeat(64), noteWith(valid()), zones)).toEqual([]);
    expect(checkNote('n1', noteWith({ ...valid(), text: new Y.Text('t'.repeat(2000)) }), zones)).toEqual([]);
  });

  it('accepts a note made by the shared addNote op', () => {
    const doc = new Y.Doc();
    addNote(doc, { id: 'a', zone: 'paradigm', x: 0.1, y: 0.9, color: '#B7F0C1', authorId: 'p', createdAt: 1 });
    expect(checkNote('a', getNotes(doc).get('a'), zones)).toEqual([]);
  });

  it.each([
    ['a value that is not a map', () => 'text', 'not-a-map'],
    ['a missing field', () => noteWith({ ...valid(), zone: undefined }), 'missing-or-wrong-type'],
    ['text as a plain string', () => noteWith({ ...valid(), text: 'plain' }), 'missing-or-wrong-type'],
    ['text over 2000 characters', () => noteWith({ ...valid(), text: new Y.Text('t'.repeat(2001)) }), 'text-too-long'],
    ['an unknown zone', () => noteWith({ ...valid(), zone: 'elsewhere' }), 'unknown-zone'],
    ['x outside 0..1', () => noteWith({ ...valid(), x: 1.01 }), 'out-of-range'],
    ['y negative', () => noteWith({ ...valid(), y: -0.1 }), 'out-of-range'],
    ['x as a string', () => noteWith({ ...valid(), x: '0.5' }), 'missing-or-wrong-type'],
    ['a colour name', () => noteWith({ ...valid(), color: 'yellow' }), 'bad-color'],
    ['a short hex colour', () => noteWith({ ...valid(), color: '#FE9' }), 'bad-color'],
    ['an empty author', () => noteWith({ ...valid(), authorId: '' }), 'bad-author'],
    ['createdAt as a date string', () => noteWith({ ...valid(), createdAt: '2026-11-23' }), 'missing-or-wrong-type'],
    ['an extra field', () => noteWith({ ...valid(), votes: 3 }), 'unknown-field'],
  ])('rejects %s', (_label, make, kind) => {
    const kinds = checkNote('n1', make(), zones).map((p) => p.kind);
    expect(kinds).toContain(kind);
  });

  it('rejects an id over 64 characters', () => {
    expect(checkNote('n'.repeat(65), noteWith(valid()), zones).map((p) => p.kind)).toContain('id-too-long');
  });

  it('rejects NaN positions', () => {
    expect(checkNote('n1', noteWith({ ...valid(), x: Number.NaN }), zones).map((p) => p.kind)).toContain('out-of-range');
  });
});
