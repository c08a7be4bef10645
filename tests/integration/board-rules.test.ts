import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  CLOSE_CODES,
  LIMITS,
  deleteNote,
  getNotes,
  listNotes,
  moveNote,
  readNote,
  setNoteColor,
  setNoteText,
  type CreateSessionResponse,
  type JoinResponse,
  getTemplate,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { commandOnce } from '../support/control.js';
import {
  OTHER_ZONE,
  RawBoard,
  addValidNote,
  awarenessMessage,
  connectStock,
  createSession,
  joinSession,
  openRaw,
  startInProcess,
  uniqueId,
  type InProcess,
  type StockClient,
} from './helpers.js';

let srv: InProcess;
let session: CreateSessionResponse;
let amara: JoinResponse;
let ben: JoinResponse;
const clients: StockClient[] = [];
const raws: RawBoard[] = [];

function stock(token: string, sessionId = session.sessionId, server = srv): StockClient {
  const c = connectStock(server.wsUrl, sessionId, token);
  clients.push(c);
  return c;
}

async function raw(token: string, opts: { sync?: boolean } = {}, sessionId = session.sessionId): Promise<RawBoard> {
  const r = await RawBoard.open(srv.wsUrl, sessionId, token, opts);
  raws.push(r);
  return r;
}

/** A provider the server closed: it stops retrying, and its last close code is returned. */
async function closedWith(c: StockClient): Promise<number> {
  return eventually(() => {
    const code = c.closes.at(-1);
    if (code === undefined) throw new Error('not closed yet');
    return code;
  });
}

/** What a fresh stock client sees of a note, once it has synced. */
async function seenFresh(noteId: string, token = session.facilitatorToken) {
  const fresh = stock(token);
  await fresh.synced();
  const note = getNotes(fresh.doc).get(noteId);
  const view = note ? readNote(noteId, note) : null;
  fresh.destroy();
  return view;
}

beforeAll(async () => {
  srv = await startInProcess();
  session = await createSession(srv.url, 'Rules', 'Fay');
  amara = await joinSession(srv.url, session.joinCode, 'Amara');
  ben = await joinSession(srv.url, session.joinCode, 'Ben');
});

afterAll(async () => {
  for (const r of raws) r.destroy();
  for (const c of clients) c.destroy();
  await srv?.close();
  if (srv) rmSync(srv.dataDir, { recursive: true, force: true });
});

describe("a note's words belong to its author", () => {
  it('refuses a note a participant writes in the facilitator\'s name, from a stock provider', async () => {
    const mallory = stock(ben.participantToken);
    await mallory.synced();
    const id = addValidNote(mallory.doc, { authorId: session.participantId, text: 'Fay says so' });
    expect(await closedWith(mallory)).toBe(CLOSE_CODES.forbidden);
    expect(await seenFresh(id)).toBeNull();
  });

  it("refuses another participant's edit and deletion; lets them move and recolour it", async () => {
    const author = stock(amara.participantToken);
    await author.synced();
    const id = addValidNote(author.doc, { text: 'Supervision every fortnight' });
    await eventually(async () => expect(await seenFresh(id)).not.toBeNull());

    const other = stock(ben.participantToken);
    await other.synced();
    moveNote(other.doc, id, { zone: OTHER_ZONE, x: 0.2, y: 0.8 });
    setNoteColor(other.doc, id, '#BFE3FF');
    await eventually(() => expect(readNote(id, getNotes(author.doc).get(id)!)).toMatchObject({ zone: OTHER_ZONE, color: '#BFE3FF' }));
    expect(other.closes).toEqual([]);

    setNoteText(other.doc, id, 'Supervision never');
    expect(await closedWith(other)).toBe(CLOSE_CODES.forbidden);
    const deleter = stock(ben.participantToken);
    await deleter.synced();
    deleteNote(deleter.doc, id);
    expect(await closedWith(deleter)).toBe(CLOSE_CODES.forbidden);

    expect(await seenFresh(id)).toMatchObject({ text: 'Supervision every fortnight', authorId: amara.participantId, zone: OTHER_ZONE });
    expect(listNotes(author.doc).find((n) => n.id === id)?.text).toBe('Supervision every fortnight');
    expect(author.closes).toEqual([]);
  });

  it("lets a facilitator's rights change on a live connection", async () => {
    const author = stock(amara.participantToken);
    const fay = stock(session.facilitatorToken);
    await Promise.all([author.synced(), fay.synced()]);
    const first = addValidNote(author.doc, { text: 'first' });
    const second = addValidNote(author.doc, { text: 'second' });
    await eventually(() => expect(getNotes(fay.doc).has(second)).toBe(true));
    deleteNote(fay.doc, first);
    await eventually(() => expect(getNotes(author.doc).has(first)).toBe(false));

    // Fay hands facilitation to Amara and becomes a participant while her board socket stays open.
    expect(await commandOnce(srv.url, session.facilitatorToken, { type: 'role.set', participantId: amara.participantId, role: 'facilitator' })).toMatchObject({ ok: true });
    expect(await commandOnce(srv.url, session.facilitatorToken, { type: 'role.set', participantId: session.participantId, role: 'participant' })).toMatchObject({ ok: true });
    try {
      const runtime = await srv.server.runtimes.get(session.sessionId);
      await eventually(() => expect(runtime.roleOf(session.participantId)).toBe('participant'));
      deleteNote(fay.doc, second);
      expect(await closedWith(fay)).toBe(CLOSE_CODES.forbidden);
      expect(await seenFresh(second, amara.participantToken)).toMatchObject({ text: 'second' });
    } finally {
      await commandOnce(srv.url, amara.participantToken, { type: 'role.set', participantId: session.participantId, role: 'facilitator' });
      await commandOnce(srv.url, amara.participantToken, { type: 'role.set', participantId: amara.participantId, role: 'participant' });
    }
  });
});

describe('plain text, and a storage quota', () => {
  it.each([
    ['an embed', (t: Y.Text) => t.insertEmbed(1, { image: 'x'.repeat(50_000) })],
    ['a format', (t: Y.Text) => t.format(0, 2, { bold: 'y'.repeat(50_000) })],
    ['a nested type', (t: Y.Text) => t.insertEmbed(0, new Y.Map())],
  ])('refuses %s in a note\'s text from its own author, and nobody receives it', async (_label, write) => {
    const author = stock(amara.participantToken);
    await author.synced();
    const id = addValidNote(author.doc, { text: 'hi' });
    await eventually(async () => expect(await seenFresh(id)).not.toBeNull());
    write(getNotes(author.doc).get(id)!.get('text') as Y.Text);
    expect(await closedWith(author)).toBe(CLOSE_CODES.badMessage);
    const fresh = stock(session.facilitatorToken);
    await fresh.synced();
    const text = getNotes(fresh.doc).get(id)!.get('text') as Y.Text;
    expect(text.toDelta()).toEqual([{ insert: 'hi' }]);
    expect(Y.encodeStateAsUpdate(fresh.doc).byteLength).toBeLessThan(50_000);
  });

  it('closes with 4413 once a board reaches its storage quota, and keeps what came before', async () => {
    const small = await startInProcess({ BOARD_QUOTA_BYTES: String(64 * 1024), COMPACT_EVERY: '1000' });
    try {
      const s = await createSession(small.url, 'Quota', 'Fay');
      const writer = connectStock(small.wsUrl, s.sessionId, s.facilitatorToken);
      clients.push(writer);
      await writer.synced();
      const written: string[] = [];
      // Each note is about 2 KB: the quota is reached after some thirty.
      for (let i = 0; i < 60 && writer.closes.length === 0; i++) {
        written.push(addValidNote(writer.doc, { text: `${i} ${'w'.repeat(LIMITS.noteTextMax - 8)}` }));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await closedWith(writer)).toBe(CLOSE_CODES.tooLarge);
      const fresh = connectStock(small.wsUrl, s.sessionId, s.facilitatorToken);
      clients.push(fresh);
      await fresh.synced();
      const kept = listNotes(fresh.doc).length;
      expect(kept).toBeGreaterThan(20);
      expect(kept).toBeLessThan(written.length);
      expect(Y.encodeStateAsUpdate(fresh.doc).byteLength).toBeLessThanOrEqual(64 * 1024);
    } finally {
      await small.close();
      rmSync(small.dataDir, { recursive: true, force: true });
    }
  });
});

describe('client ids belong to the person who first wrote under them', () => {
  it("refuses writing under someone else's client id, so their offline note still arrives", async () => {
    const victim = stock(amara.participantToken);
    await victim.synced();
    addValidNote(victim.doc, { text: 'binds my client id' });
    const victimId = victim.doc.clientID;
    await eventually(() => expect(getNotes(victim.doc).size).toBeGreaterThan(0));

    const attacker = await raw(ben.participantToken);
    await eventually(() => expect(Y.getState(attacker.doc.store, victimId)).toBeGreaterThan(0));
    // A valid note in his own name: only the client id is wrong.
    attacker.doc.clientID = victimId;
    attacker.change((doc) => addValidNote(doc, { id: uniqueId('squat'), authorId: ben.participantId }));
    expect((await attacker.closed).code).toBe(CLOSE_CODES.forbidden);

    // The victim goes offline, writes, comes back: the note reaches everyone.
    victim.provider.disconnect();
    const offline = addValidNote(victim.doc, { text: 'written offline' });
    victim.provider.connect();
    await eventually(async () => expect(await seenFresh(offline)).toMatchObject({ text: 'written offline' }));
    expect(victim.closes.filter((c) => c !== 1000 && c !== 1005)).toEqual([]);
  });
});

describe('amplification', () => {
  it('answers sync step 1 a few times a minute at most', async () => {
    const opened = await openRaw(srv.wsUrl, session.sessionId, ben.participantToken);
    if (!opened.ok) throw new Error('refused');
    const ws = opened.ws;
    let answers = 0;
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep2) answers++;
    });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, new Y.Doc());
    const step1 = encoding.toUint8Array(e);
    for (let i = 0; i < 40; i++) ws.send(step1);
    // A later message is answered after every one of them, in order.
    ws.send(Uint8Array.from([3]));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answers).toBeGreaterThan(0);
    expect(answers).toBeLessThanOrEqual(6);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.terminate();
  });

  it('caps board sockets per person (8), refusing the ninth before it opens', async () => {
    const person = await joinSession(srv.url, session.joinCode, 'Many tabs');
    const open: WebSocket[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await openRaw(srv.wsUrl, session.sessionId, person.participantToken);
      expect(r.ok).toBe(true);
      if (r.ok) open.push(r.ws);
    }
    expect(await openRaw(srv.wsUrl, session.sessionId, person.participantToken)).toEqual({ ok: false, status: 429 });
    // Someone else is not affected, and closing one tab makes room again.
    const other = await openRaw(srv.wsUrl, session.sessionId, amara.participantToken);
    expect(other.ok).toBe(true);
    if (other.ok) other.ws.terminate();
    open.pop()!.close();
    await eventually(async () => {
      const again = await openRaw(srv.wsUrl, session.sessionId, person.participantToken);
      expect(again.ok).toBe(true);
      if (again.ok) open.push(again.ws);
    });
    for (const ws of open) ws.terminate();
  });

  it('closes a socket with 4429 once it spends its message budget', async () => {
    const flooder = await raw(ben.participantToken);
    for (let i = 0; i < 3_000; i++) flooder.send(Uint8Array.from([3]));
    expect((await flooder.closed).code).toBe(CLOSE_CODES.slowDown);
  });

  it('passes about 20 cursor updates a second from one socket, not every one', async () => {
    const watcher = stock(amara.participantToken);
    await watcher.synced();
    const sender = await raw(ben.participantToken, { sync: false });
    const ownId = 0x7e57;
    let seen = 0;
    watcher.provider.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if (updated.includes(ownId) || added.includes(ownId)) seen++;
    });
    for (let i = 1; i <= 300; i++) sender.send(awarenessMessage([{ clientId: ownId, clock: i, state: { cursor: { x: i, y: i } } }]));
    await eventually(() => expect(seen).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toBeLessThan(80);
    expect(sender.isOpen).toBe(true);
  });
});

describe('the token stays out of the URL', () => {
  it('refuses a token in the query string, even a valid one', async () => {
    expect(await openRaw(srv.wsUrl, session.sessionId, amara.participantToken, { inUrl: true })).toEqual({ ok: false, status: 401 });
  });

  it('answers with the protocol name alone, never the token', async () => {
    const r = await openRaw(srv.wsUrl, session.sessionId, amara.participantToken);
    if (!r.ok) throw new Error('refused');
    expect(r.ws.protocol).toBe('balcony.board.v1');
    r.ws.terminate();
  });

  it('lets a stock provider reconnect by itself after a server restart', async () => {
    const first = await startInProcess();
    const port = new URL(first.url).port;
    const s = await createSession(first.url, 'Restart', 'Fay');
    const writer = connectStock(first.wsUrl, s.sessionId, s.facilitatorToken);
    clients.push(writer);
    await writer.synced();
    const before = addValidNote(writer.doc, { text: 'before' });
    await first.server.rooms.acquire(s.sessionId, getTemplate('what-works-circle')).then((room) => room.flushed());
    await first.close();
    const again = await startInProcess({ PORT: port }, first.dataDir);
    try {
      const during = addValidNote(writer.doc, { text: 'written while the server was down' });
      const reader = connectStock(again.wsUrl, s.sessionId, s.facilitatorToken);
      clients.push(reader);
      await eventually(() => expect(listNotes(reader.doc).map((n) => n.id).sort()).toEqual([before, during].sort()), 15_000);
    } finally {
      await again.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the edges of the board endpoint', () => {
  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    const host = new URL(srv.url).host;
    expect(await openRaw(srv.wsUrl, session.sessionId, amara.participantToken, { headers: { Origin: 'https://evil.example' } })).toEqual({
      ok: false,
      status: 403,
    });
    const own = await openRaw(srv.wsUrl, session.sessionId, amara.participantToken, { headers: { Origin: `http://${host}` } });
    expect(own.ok).toBe(true);
    if (own.ok) own.ws.terminate();
  });
});
