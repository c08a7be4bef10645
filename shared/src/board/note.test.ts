import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkNote, isPlainText, readNote } from './note.js';
import { addNote, getNotes } from './document.js';

const zones = new Set(['stories', 'paradigm']);

function noteWith(fields: Record<string, unknown>, id = 'n1') {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) note.set(k, v);
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
    ['a missing field', () => noteWith({ ...valid(), zone: undefined }), 'missing'],
    ['text as a plain string', () => noteWith({ ...valid(), text: 'plain' }), 'wrong-holder'],
    ['a position held as a nested type', () => noteWith({ ...valid(), x: new Y.Map() }), 'wrong-holder'],
    ['text over 2000 characters', () => noteWith({ ...valid(), text: new Y.Text('t'.repeat(2001)) }), 'invalid'],
    ['text over 2000 UTF-16 units in fewer code points', () => noteWith({ ...valid(), text: new Y.Text('😀'.repeat(1001)) }), 'invalid'],
    ['an unknown zone', () => noteWith({ ...valid(), zone: 'elsewhere' }), 'unknown-zone'],
    ['x outside 0..1', () => noteWith({ ...valid(), x: 1.01 }), 'invalid'],
    ['y negative', () => noteWith({ ...valid(), y: -0.1 }), 'invalid'],
    ['x as a string', () => noteWith({ ...valid(), x: '0.5' }), 'invalid'],
    ['a colour name', () => noteWith({ ...valid(), color: 'yellow' }), 'invalid'],
    ['a short hex colour', () => noteWith({ ...valid(), color: '#FE9' }), 'invalid'],
    ['an empty author', () => noteWith({ ...valid(), authorId: '' }), 'invalid'],
    ['createdAt as a date string', () => noteWith({ ...valid(), createdAt: '2026-11-23' }), 'invalid'],
    ['an extra field', () => noteWith({ ...valid(), votes: 3 }), 'unknown-field'],
  ])('rejects %s', (_label, make, kind) => {
    const kinds = checkNote('n1', make(), zones).map((p) => p.kind);
    expect(kinds).toContain(kind);
  });

  it('rejects an id over 64 characters', () => {
    expect(checkNote('n'.repeat(65), noteWith(valid()), zones).map((p) => p.kind)).toContain('bad-id');
  });

  it('rejects NaN positions', () => {
    expect(checkNote('n1', noteWith({ ...valid(), x: Number.NaN }), zones).map((p) => p.kind)).toContain('invalid');
  });

  it('rejects text that carries an embed, a format or a nested type', () => {
    const rich = [
      (t: Y.Text) => t.insertEmbed(1, { image: 'x'.repeat(1000) }),
      (t: Y.Text) => t.format(0, 2, { bold: true }),
      (t: Y.Text) => t.insertEmbed(0, new Y.Map()),
    ];
    for (const write of rich) {
      const note = noteWith({ ...valid(), text: new Y.Text('hi') });
      write(note.get('text') as Y.Text);
      expect(checkNote('n1', note, zones).map((p) => p.kind)).toContain('rich-text');
      expect(readNote('n1', note)).toBeNull();
    }
  });
});

describe('plain text', () => {
  it('is plain after typing and deleting, rich once formatted', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello');
    text.delete(1, 2);
    expect(isPlainText(text)).toBe(true);
    text.format(0, 1, { italic: true });
    expect(isPlainText(text)).toBe(false);
  });
});

describe('readNote', () => {
  it('reads a valid note with its branded id, and nothing from an invalid one', () => {
    const note = noteWith(valid());
    expect(readNote('n1', note)).toMatchObject({ id: 'n1', text: 'We always debrief after a home visit', zone: 'stories' });
    expect(readNote('n1', noteWith({ ...valid(), color: 'red' }))).toBeNull();
  });
});
