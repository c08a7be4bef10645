import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '@balcony/shared';
import { inspectUpdate } from './updateInspector.js';

const SERVER_ID = 999;

/** The server's replica: a board with meta written, as a session starts. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = SERVER_ID;
  return doc;
}

function updateOf(write: (doc: Y.Doc) => void, clientId = 1): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  write(doc);
  return Y.encodeStateAsUpdate(doc);
}

const note = { zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p', createdAt: 1 };

describe('inspectUpdate', () => {
  it('accepts a note added with the shared op', () => {
    expect(inspectUpdate(updateOf((d) => addNote(d, { ...note, id: 'a' })), serverDoc())).toEqual({ ok: true });
  });

  it('refuses an unknown top-level type', () => {
    const verdict = inspectUpdate(updateOf((d) => d.getMap('evil').set('a', 1)), serverDoc());
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('evil') });
  });

  it('refuses an unknown top-level text or array too', () => {
    expect(inspectUpdate(updateOf((d) => d.getText('t').insert(0, 'x')), serverDoc()).ok).toBe(false);
    expect(inspectUpdate(updateOf((d) => d.getArray('a').push([1])), serverDoc()).ok).toBe(false);
  });

  it('refuses a write to meta', () => {
    expect(inspectUpdate(updateOf((d) => d.getMap('meta').set('schemaVersion', 2)), serverDoc())).toMatchObject({ ok: false });
  });

  it('refuses a note id over 64 characters', () => {
    expect(inspectUpdate(updateOf((d) => addNote(d, { ...note, id: 'n'.repeat(65) })), serverDoc()).ok).toBe(false);
  });

  it('refuses a truncated update and random bytes', () => {
    const full = updateOf((d) => addNote(d, { ...note, id: 'a', text: 'some text here' }));
    expect(inspectUpdate(full.slice(0, Math.floor(full.length / 2)), serverDoc()).ok).toBe(false);
    expect(inspectUpdate(new Uint8Array([200, 200, 200, 200, 200]), serverDoc()).ok).toBe(false);
  });

  it("refuses structs written under the server's client id", () => {
    expect(inspectUpdate(updateOf((d) => addNote(d, { ...note, id: 'a' }), SERVER_ID), serverDoc()).ok).toBe(false);
  });

  it('accepts structs the server already holds, meta included, as an offline copy resends them', () => {
    const server = new Y.Doc();
    server.getMap('meta').set('schemaVersion', 1);
    addNote(server, { ...note, id: 'a' });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    addNote(copy, { ...note, id: 'written-offline' });
    expect(inspectUpdate(Y.encodeStateAsUpdate(copy), server)).toEqual({ ok: true });
    // A new top-level type in the same resend is still refused.
    copy.getMap('evil').set('a', 1);
    expect(inspectUpdate(Y.encodeStateAsUpdate(copy), server).ok).toBe(false);
  });

  it('accepts an edit that inherits its parent from a neighbour', () => {
    const a = new Y.Doc();
    addNote(a, { ...note, id: 'a', text: 'hello' });
    const sv = Y.encodeStateVector(a);
    (a.getMap('notes').get('a') as Y.Map<unknown>).get('text') as Y.Text;
    ((a.getMap('notes').get('a') as Y.Map<unknown>).get('text') as Y.Text).insert(5, ' world');
    expect(inspectUpdate(Y.encodeStateAsUpdate(a, sv), serverDoc())).toEqual({ ok: true });
  });
});
