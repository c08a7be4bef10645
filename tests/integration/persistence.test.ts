import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, deleteNote, getMeta, getNotes, listNotes, moveNote, setNoteText, type CreateSessionResponse, type NoteView } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { OTHER_ZONE, addValidNote, connectStock, createSession, openStoreFor, startInProcess, type InProcess, type StockClient } from './helpers.js';

const COMPACT_EVERY = 10;
const ENV = { COMPACT_EVERY: String(COMPACT_EVERY), ROOM_UNLOAD_MS: '200' };

let srv: InProcess;
const clients: StockClient[] = [];
const dataDirs = new Set<string>();

function client(sessionId: string, token: string): StockClient {
  const c = connectStock(srv.wsUrl, sessionId, token);
  clients.push(c);
  return c;
}

function closeClient(c: StockClient): void {
  c.destroy();
  clients.splice(clients.indexOf(c), 1);
}

/** What the store holds for a session, read through a second store on the server's data. */
async function readStore(dataDir: string, sessionId: string) {
  const store = await openStoreFor(dataDir);
  try {
    const { state, updates } = await store.loadDoc(sessionId);
    return { state, updates };
  } finally {
    await store.close();
  }
}

function docFrom(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(doc, part);
  return doc;
}

/**
 * Fills a board with more than 50 separate updates of every kind (adds, text edits, moves,
 * deletes) and returns the board as the writer sees it once the server has passed it all on.
 */
async function writeBoard(session: CreateSessionResponse): Promise<{ expected: NoteView[]; leave(): void }> {
  const writer = client(session.sessionId, session.facilitatorToken);
  const reader = client(session.sessionId, session.facilitatorToken);
  await Promise.all([writer.synced(), reader.synced()]);
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) ids.push(addValidNote(writer.doc, { text: `note ${i}` }));
  for (let i = 0; i < 10; i++) setNoteText(writer.doc, ids[i]!, `note ${i}, edited`);
  for (let i = 10; i < 15; i++) moveNote(writer.doc, ids[i]!, { zone: OTHER_ZONE, x: 0.1 * (i - 9), y: 0.2 });
  for (let i = 15; i < 20; i++) deleteNote(writer.doc, ids[i]!);
  const expected = listNotes(writer.doc);
  expect(expected).toHaveLength(35);
  await eventually(() => expect(listNotes(reader.doc)).toEqual(expected));
  return {
    expected,
    leave() {
      closeClient(writer);
      closeClient(reader);
    },
  };
}

/** A client with no local state loads the board and finds exactly `expected`. */
async function expectFreshClientSees(session: CreateSessionResponse, expected: NoteView[]): Promise<void> {
  const fresh = client(session.sessionId, session.facilitatorToken);
  await fresh.synced();
  expect(listNotes(fresh.doc)).toEqual(expected);
  expect(getMeta(fresh.doc).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
  closeClient(fresh);
}

beforeAll(async () => {
  srv = await startInProcess(ENV);
  dataDirs.add(srv.dataDir);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await srv?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the update log', () => {
  it(`is compacted every ${COMPACT_EVERY} updates, and the compacted board is complete`, async () => {
    const session = await createSession(srv.url, 'Compaction');
    const { expected, leave } = await writeBoard(session);

    // Read while the room is still loaded: unloading compacts too, and must not be what is seen here.
    const stored = await eventually(async () => {
      expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(true);
      const s = await readStore(srv.dataDir, session.sessionId);
      // 60 updates went in; fewer than COMPACT_EVERY may wait in the log.
      expect(s.updates.length).toBeLessThan(COMPACT_EVERY);
      expect(s.state).not.toBeNull();
      return s;
    });
    // The folded state alone already holds most of the board…
    const fromState = docFrom([stored.state!]);
    expect(getNotes(fromState).size).toBeGreaterThanOrEqual(35 - COMPACT_EVERY);
    // …and with the few updates after it, all of it.
    const fromStore = docFrom([stored.state!, ...stored.updates]);
    expect(listNotes(fromStore)).toEqual(expected);
    fromState.destroy();
    fromStore.destroy();
    expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(true);

    await expectFreshClientSees(session, expected);
    leave();
  });
});

describe('unloading and reloading a room', () => {
  let session: CreateSessionResponse;
  let expected: NoteView[];

  beforeAll(async () => {
    session = await createSession(srv.url, 'Unload');
    const written = await writeBoard(session);
    expected = written.expected;
    written.leave();
  });

  it('unloads the room once every client has gone, and reloads the full board', async () => {
    // writeBoard closed its clients; the room goes once ROOM_UNLOAD_MS has passed.
    await eventually(() => expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(false), 5_000);
    // Unloading compacts what is left of the log.
    expect((await readStore(srv.dataDir, session.sessionId)).updates).toEqual([]);

    await expectFreshClientSees(session, expected);
    expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(true);
    // And again, after the reload has itself been unloaded.
    await eventually(() => expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(false), 5_000);
    await expectFreshClientSees(session, expected);
  });

  it('does not unload a room while a client is connected', async () => {
    const stay = client(session.sessionId, session.facilitatorToken);
    await stay.synced();
    // Well past ROOM_UNLOAD_MS, measured against the room's own timer.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(true);
    const id = addValidNote(stay.doc, { text: 'written while staying' });
    expected = listNotes(stay.doc);
    expect(expected.map((n) => n.id)).toContain(id);
    closeClient(stay);
    await eventually(() => expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(false), 5_000);
    await expectFreshClientSees(session, expected);
  });

  it('keeps the board across a clean restart', async () => {
    await srv.close();
    srv = await startInProcess(ENV, srv.dataDir);
    expect(srv.server.rooms.isLoaded(session.sessionId)).toBe(false);
    await expectFreshClientSees(session, expected);
    const stored = await readStore(srv.dataDir, session.sessionId);
    expect(listNotes(docFrom([stored.state!, ...stored.updates]))).toEqual(expected);
  });
});
