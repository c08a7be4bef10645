import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, getMeta, getNotes, initBoardMeta, listNotes, setNoteText } from '@balcony/shared';
import { BoardGuard } from './boardGuard.js';

const zones = new Set(['stories', 'power', 'paradigm']);
const note = { zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p', createdAt: 1 };

/** A server replica with its guard, and a client replica that writes to it. */
function setup() {
  const server = new Y.Doc();
  initBoardMeta(server);
  const guard = new BoardGuard(server, zones);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** Sends what the client wrote since last time, as the connection does. */
  const sync = () => {
    const violations = guard.apply(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), 'client');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    return violations;
  };
  return { server, client, sync };
}

const noteMap = (doc: Y.Doc, id: string) => getNotes(doc).get(id)!;

describe('BoardGuard', () => {
  it('lets valid notes and edits through untouched', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'a', text: 'Monday huddle' });
    expect(sync()).toEqual([]);
    setNoteText(client, 'a', 'Monday huddle, always');
    expect(sync()).toEqual([]);
    expect(listNotes(server)[0]!.text).toBe('Monday huddle, always');
  });

  it('removes a new note with an unknown zone, on every replica', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'bad', zone: 'elsewhere' });
    expect(sync()).toEqual([expect.stringContaining('unknown-zone')]);
    expect(getNotes(server).has('bad')).toBe(false);
    expect(getNotes(client).has('bad')).toBe(false);
  });

  it('puts a broken field of an existing note back to its last valid value', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'a', text: 'keep me' });
    sync();
    client.transact(() => {
      noteMap(client, 'a').set('zone', 'junk');
      noteMap(client, 'a').set('x', 7);
      noteMap(client, 'a').set('color', 'red');
    });
    expect(sync().length).toBe(1);
    for (const doc of [server, client]) expect(listNotes(doc)[0]).toMatchObject({ id: 'a', zone: 'stories', x: 0.5, color: '#FFE98F', text: 'keep me' });
  });

  it('replaces text that is no longer a Y.Text', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'a', text: 'original' });
    sync();
    noteMap(client, 'a').set('text', 'plain string');
    expect(sync()).toHaveLength(1);
    expect(listNotes(server)[0]!.text).toBe('original');
  });

  it('cuts text over 2000 characters down to 2000', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'a', text: 'x'.repeat(2500) });
    expect(sync()).toEqual([expect.stringContaining('text-too-long')]);
    expect(listNotes(server)[0]!.text).toHaveLength(2000);
    expect(listNotes(client)[0]!.text).toHaveLength(2000);
  });

  it('removes an unknown field', () => {
    const { server, client, sync } = setup();
    addNote(client, { ...note, id: 'a' });
    sync();
    noteMap(client, 'a').set('secret', 'x');
    expect(sync()).toHaveLength(1);
    expect([...noteMap(server, 'a').keys()]).not.toContain('secret');
  });

  it('removes a value in notes that is not a map', () => {
    const { server, client, sync } = setup();
    (getNotes(client) as Y.Map<unknown>).set('n', 42);
    expect(sync()).toHaveLength(1);
    expect(getNotes(server).has('n')).toBe(false);
  });

  it('keeps the server on one client id while it repairs', () => {
    const { server, client, sync } = setup();
    const id = server.clientID;
    addNote(client, { ...note, id: 'bad', zone: 'elsewhere' });
    sync();
    expect(server.clientID).toBe(id);
  });

  it('puts meta back and reports the write', () => {
    const { server, client, sync } = setup();
    getMeta(client).set('schemaVersion', 7);
    expect(sync()).toEqual(['meta is written by the server only']);
    expect(getMeta(server).get('schemaVersion')).toBe(1);
    expect(getMeta(client).get('schemaVersion')).toBe(1);
  });

  it('keeps the board at 2000 notes, removing what the update added', () => {
    const { server, client, sync } = setup();
    client.transact(() => {
      for (let i = 0; i < 1999; i++) addNote(client, { ...note, id: `n${i}` });
    });
    expect(sync()).toEqual([]);
    client.transact(() => {
      for (let i = 0; i < 5; i++) {
        const m = new Y.Map<unknown>();
        m.set('text', new Y.Text(''));
        for (const [k, v] of Object.entries(note)) m.set(k, v);
        getNotes(client).set(`extra${i}`, m);
      }
    });
    expect(sync()).toEqual(['the board holds at most 2000 notes']);
    expect(getNotes(server).size).toBe(2000);
    expect(getNotes(client).size).toBe(2000);
  });
});
