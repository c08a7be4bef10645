import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, deleteNote, getMeta, getNotes, listNotes, moveNote, setNoteText, type CreateSessionResponse, type JoinResponse } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import {
  MESSAGE_AWARENESS,
  OTHER_ZONE,
  RawBoard,
  addValidNote,
  connectStock,
  createSession,
  joinSession,
  request,
  startInProcess,
  type InProcess,
  type StockClient,
} from './helpers.js';

let srv: InProcess;
let session: CreateSessionResponse;
let alice: JoinResponse;
let bob: JoinResponse;
const clients: StockClient[] = [];

function client(token: string): StockClient {
  const c = connectStock(srv.wsUrl, session.sessionId, token);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  srv = await startInProcess();
  session = await createSession(srv.url, 'Sync', 'Fay');
  alice = await joinSession(srv.url, session.joinCode, 'Alice');
  bob = await joinSession(srv.url, session.joinCode, 'Bob');
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await srv?.close();
  if (srv) rmSync(srv.dataDir, { recursive: true, force: true });
});

/** Both replicas hold the same document, down to the encoded state. */
function expectSame(x: Y.Doc, y: Y.Doc): void {
  expect(listNotes(x)).toEqual(listNotes(y));
  expect(Y.encodeStateVector(x)).toEqual(Y.encodeStateVector(y));
}

describe('two stock clients', () => {
  it('start from the server board (meta set, no notes) and converge on adds, concurrent text edits, a move and a delete', async () => {
    // Alice and the facilitator: both may change the words of Alice's notes.
    const a = client(alice.participantToken);
    const b = client(session.facilitatorToken);
    await Promise.all([a.synced(), b.synced()]);
    expect(getMeta(a.doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(listNotes(a.doc)).toEqual([]);

    const fromA = addValidNote(a.doc, { text: 'from Alice' });
    const fromB = addValidNote(b.doc, { text: 'from Fay' });
    const shared = addValidNote(a.doc, { text: 'hello world' });
    await eventually(() => {
      expect(listNotes(b.doc).map((n) => n.id).sort()).toEqual([fromA, fromB, shared].sort());
      expect(listNotes(a.doc).map((n) => n.id).sort()).toEqual([fromA, fromB, shared].sort());
    });

    // Concurrent edits of one note's text: both socket sends happen before either client hears the other.
    a.provider.disconnect();
    setNoteText(a.doc, shared, 'hello brave world');
    setNoteText(b.doc, shared, 'hello world!');
    a.provider.connect();
    await eventually(() => {
      const textA = getNotes(a.doc).get(shared)!.get('text')!.toString();
      const textB = getNotes(b.doc).get(shared)!.get('text')!.toString();
      expect(textA).toBe('hello brave world!');
      expect(textB).toBe(textA);
    });

    // Arranging the board is anyone's; deleting someone else's note is the facilitator's.
    moveNote(a.doc, fromB, { zone: OTHER_ZONE, x: 0.25, y: 0.75 });
    deleteNote(b.doc, fromA);
    await eventually(() => {
      const notesA = listNotes(a.doc);
      expect(notesA.map((n) => n.id).sort()).toEqual([fromB, shared].sort());
      expect(notesA.find((n) => n.id === fromB)).toMatchObject({ zone: OTHER_ZONE, x: 0.25, y: 0.75 });
      expectSame(a.doc, b.doc);
    });

    // A client that arrives later gets exactly the same board.
    const late = client(session.facilitatorToken);
    await late.synced();
    expectSame(late.doc, a.doc);
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('converge when both write many notes at the same time', async () => {
    const a = client(alice.participantToken);
    const b = client(bob.participantToken);
    await Promise.all([a.synced(), b.synced()]);
    const before = listNotes(a.doc).length;
    for (let i = 0; i < 40; i++) {
      addValidNote(a.doc, { text: `a${i}` });
      addValidNote(b.doc, { text: `b${i}` });
    }
    await eventually(() => {
      expect(listNotes(a.doc)).toHaveLength(before + 80);
      expectSame(a.doc, b.doc);
    });
  });
});

describe('awareness', () => {
  it('carries the user from the token, never the one a client claims', async () => {
    const mallory = client(alice.participantToken);
    const watcher = client(bob.participantToken);
    mallory.provider.awareness.setLocalState({
      user: { participantId: session.participantId, name: 'Mallory', color: '#000000' },
      cursor: { x: 10, y: 20 },
    });
    await Promise.all([mallory.synced(), watcher.synced()]);

    const view = await request(srv.url, 'GET', `/api/sessions/${session.sessionId}`, { token: alice.participantToken });
    const aliceRecord = (view.body.participants as { participantId: string; name: string }[]).find(
      (p) => p.participantId === alice.participantId,
    )!;
    expect(aliceRecord.name).toBe('Alice');

    await eventually(() => {
      const state = watcher.provider.awareness.getStates().get(mallory.doc.clientID) as Record<string, any> | undefined;
      expect(state).toBeDefined();
      expect(state!.user.participantId).toBe(alice.participantId);
      expect(state!.user.name).toBe('Alice');
      expect(state!.user.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(state!.cursor).toEqual({ x: 10, y: 20 });
    });

    // Claiming another name later does not work either; the cursor still passes.
    mallory.provider.awareness.setLocalStateField('user', { participantId: 'x', name: 'Mallory', color: '#000000' });
    mallory.provider.awareness.setLocalStateField('cursor', { x: 30, y: 40 });
    // The frame the cursor is on passes too, so that others draw it on that frame.
    mallory.provider.awareness.setLocalStateField('frame', 'circle');
    await eventually(() => {
      const state = watcher.provider.awareness.getStates().get(mallory.doc.clientID) as Record<string, any>;
      expect(state.cursor).toEqual({ x: 30, y: 40 });
      expect(state.frame).toBe('circle');
      expect(state.user).toEqual({ participantId: alice.participantId, name: 'Alice', color: state.user.color });
    });
    // Leaving removes the state for everyone else.
    mallory.provider.disconnect();
    await eventually(() => expect(watcher.provider.awareness.getStates().has(mallory.doc.clientID)).toBe(false));
  });

  it('holds a full room of people with cursors: echoed states are ignored, nobody is cut off', async () => {
    // The stock provider relays every awareness change it hears; with many people each message
    // carries everyone's state back to the server.
    const joined = await Promise.all(Array.from({ length: 24 }, (_, i) => joinSession(srv.url, session.joinCode, `Person ${i}`)));
    const people = joined.map((person, i) => {
      const c = client(person.participantToken);
      c.provider.awareness.setLocalStateField('cursor', { x: i * 10, y: i * 5 });
      return c;
    });
    await Promise.all(people.map((p) => p.synced()));
    for (const [i, p] of people.entries()) p.provider.awareness.setLocalStateField('cursor', { x: i, y: i + 1 });
    await eventually(() => {
      for (const p of people) {
        for (const [i, other] of people.entries()) {
          const state = p.provider.awareness.getStates().get(other.doc.clientID) as Record<string, any> | undefined;
          expect(state?.cursor).toEqual({ x: i, y: i + 1 });
          // A replica keeps its own state as it set it; the server's user shows to the others.
          if (other !== p) expect(state?.user?.name).toBe(`Person ${i}`);
        }
      }
    }, 15_000);
    for (const p of people) expect(p.closes).toEqual([]);

    // A client that reconnects gets its own id back and is seen again.
    const first = people[0]!;
    first.provider.disconnect();
    await eventually(() => expect(people[1]!.provider.awareness.getStates().has(first.doc.clientID)).toBe(false));
    first.provider.connect();
    first.provider.awareness.setLocalStateField('cursor', { x: 999, y: 1 });
    await eventually(() =>
      expect((people[1]!.provider.awareness.getStates().get(first.doc.clientID) as Record<string, any>)?.cursor).toEqual({ x: 999, y: 1 }),
    );
    for (const p of people) p.destroy();
  });

  it('passes on a burst of cursor moves as a few messages, the last position last', async () => {
    const mover = client(alice.participantToken);
    await mover.synced();
    const watcher = await RawBoard.open(srv.wsUrl, session.sessionId, bob.participantToken);
    const heard: number[] = [];
    watcher.ws.on('message', (data: Buffer) => {
      if (data[0] === MESSAGE_AWARENESS) heard.push(Date.now());
    });
    await new Promise((r) => setTimeout(r, 200));
    heard.length = 0;
    // Twenty moves in one go, as a fast mouse makes between two of the server's flushes.
    for (let i = 1; i <= 20; i++) mover.provider.awareness.setLocalStateField('cursor', { x: i, y: i });
    const other = client(bob.participantToken);
    await eventually(() =>
      expect((other.provider.awareness.getStates().get(mover.doc.clientID) as Record<string, any> | undefined)?.cursor).toEqual({ x: 20, y: 20 }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.length).toBeLessThanOrEqual(3);
    watcher.destroy();
  });
});
