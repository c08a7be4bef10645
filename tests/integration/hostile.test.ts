import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  BOARD_ROOT_NAMES,
  BOARD_SCHEMA_VERSION,
  CLOSE_CODES,
  DEFAULT_NOTE_COLOR,
  LIMITS,
  checkNote,
  getMeta,
  getNotes,
  listNotes,
  moveNote,
  readNote,
  setNoteText,
  type CreateSessionResponse,
  type NoteView,
  getTemplate,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import {
  OTHER_ZONE,
  RawBoard,
  TEMPLATE,
  ZONE,
  ZONES,
  addValidNote,
  awarenessMessage,
  connectStock,
  createSession,
  joinSession,
  request,
  seededRandom,
  startInProcess,
  uniqueId,
  updateMessage,
  validNote,
  type InProcess,
  type StockClient,
} from './helpers.js';

const BAD = CLOSE_CODES.badMessage;
const FORBIDDEN = CLOSE_CODES.forbidden;
const TOO_LARGE = CLOSE_CODES.tooLarge;

let srv: InProcess;
let session: CreateSessionResponse;
let halToken: string;
/** Hal's participant id: what he writes is his own, so only the schema can refuse it. */
let halId: string;
let honestA: StockClient;
let honestB: StockClient;
const clients: StockClient[] = [];
const raws: RawBoard[] = [];

/** Everything an honest replica ever held that it should not have: checked after every transaction. */
const seenOnHonest: string[] = [];
const metaVersionsSeen = new Set<unknown>();

function watchHonest(c: StockClient, label: string): void {
  c.doc.on('afterTransaction', () => {
    getNotes(c.doc).forEach((note, id) => {
      const problems = checkNote(id, note, ZONES);
      if (problems.length > 0) seenOnHonest.push(`${label}: note ${id}: ${problems.map((p) => p.kind).join(', ')}`);
    });
    for (const name of c.doc.share.keys()) {
      if (!BOARD_ROOT_NAMES.includes(name)) seenOnHonest.push(`${label}: top-level type ${name}`);
    }
    metaVersionsSeen.add(getMeta(c.doc).get('schemaVersion'));
    const metaKeys = [...getMeta(c.doc).keys()];
    if (metaKeys.some((k) => k !== 'schemaVersion')) seenOnHonest.push(`${label}: meta keys ${metaKeys.join(',')}`);
  });
}

async function hostile(opts: { sync?: boolean; sessionId?: string; token?: string } = {}): Promise<RawBoard> {
  const raw = await RawBoard.open(srv.wsUrl, opts.sessionId ?? session.sessionId, opts.token ?? halToken, { sync: opts.sync });
  raws.push(raw);
  return raw;
}

function stock(sessionId: string, token: string): StockClient {
  const c = connectStock(srv.wsUrl, sessionId, token);
  clients.push(c);
  return c;
}

/** The room's own document, as the server holds it. */
async function serverDoc(sessionId = session.sessionId): Promise<Y.Doc> {
  const room = await srv.server.rooms.acquire(sessionId, getTemplate(TEMPLATE));
  srv.server.rooms.releaseIfIdle(room);
  return room.doc;
}

function noteOf(doc: Y.Doc, id: string): NoteView | null {
  const note = getNotes(doc).get(id);
  return note instanceof Y.Map ? readNote(id, note) : null;
}

/** Writes a note field by field, valid or not, in one transaction. */
function rawNote(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) {
      note.set(key, key === 'text' && typeof value === 'string' ? new Y.Text(value) : value);
    }
    getNotes(doc).set(id, note);
  });
}

const fieldsOf = (id: string, extra: Record<string, unknown> = {}, authorId = halId): Record<string, unknown> => {
  const { id: _id, ...fields } = validNote(id, { authorId });
  return { ...fields, ...extra };
};

/** The honest clients still sync with each other, both ways, and the server still answers. */
async function expectHonestGoOn(): Promise<void> {
  const fromA = addValidNote(honestA.doc, { text: 'still here' });
  const fromB = addValidNote(honestB.doc, { text: 'me too' });
  await eventually(() => {
    expect(listNotes(honestB.doc).map((n) => n.id)).toContain(fromA);
    expect(listNotes(honestA.doc).map((n) => n.id)).toContain(fromB);
  });
  expect((await request(srv.url, 'GET', '/api/health')).body).toEqual({ status: 'ok' });
  expect(honestA.closes).toEqual([]);
  expect(honestB.closes).toEqual([]);
  expect(seenOnHonest).toEqual([]);
  expect([...metaVersionsSeen]).toEqual([BOARD_SCHEMA_VERSION]);
}

beforeAll(async () => {
  srv = await startInProcess();
  session = await createSession(srv.url, 'Hostile', 'Fay');
  const [alice, bob, hal] = await Promise.all([
    joinSession(srv.url, session.joinCode, 'Alice'),
    joinSession(srv.url, session.joinCode, 'Bob'),
    joinSession(srv.url, session.joinCode, 'Hal'),
  ]);
  halToken = hal.participantToken;
  halId = hal.participantId;
  honestA = stock(session.sessionId, alice.participantToken);
  honestB = stock(session.sessionId, bob.participantToken);
  watchHonest(honestA, 'A');
  watchHonest(honestB, 'B');
  await Promise.all([honestA.synced(), honestB.synced()]);
});

afterAll(async () => {
  for (const r of raws) r.destroy();
  for (const c of clients) c.destroy();
  await srv?.close();
  if (srv) rmSync(srv.dataDir, { recursive: true, force: true });
});


/** A session of its own with two honest stock clients in sync, for cases that must not share one. */
async function twoHonestWriters(title: string) {
  const other = await createSession(srv.url, title, 'Fay');
  const [carol, dan] = await Promise.all([
    joinSession(srv.url, other.joinCode, 'Carol'),
    joinSession(srv.url, other.joinCode, 'Dan'),
  ]);
  const carolClient = stock(other.sessionId, carol.participantToken);
  const danClient = stock(other.sessionId, dan.participantToken);
  await Promise.all([carolClient.synced(), danClient.synced()]);
  return { other, carolClient, danClient };
}
describe('hostile frames on the board socket', () => {
  afterEach(expectHonestGoOn);

  it('closes every socket that sends seeded random frames, and the server lives', async () => {
    const random = seededRandom(0x8a1c0de);
    const int = (n: number) => Math.floor(random() * n);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
    const withPrefix = (prefix: number[], body: Uint8Array) => Uint8Array.from([...prefix, ...body]);
    const varBytes = (body: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint8Array(e, body);
      return encoding.toUint8Array(e);
    };
    // Random bytes alone rarely get past the first byte: most frames start like a real message.
    const shapes: (() => Uint8Array)[] = [
      () => bytes(int(300)),
      () => bytes(1 + int(20_000)),
      () => withPrefix([0, 0], varBytes(bytes(int(40)))),
      () => withPrefix([0, 1], varBytes(bytes(int(400)))),
      () => withPrefix([0, 2], varBytes(bytes(int(400)))),
      () => withPrefix([0, 2], bytes(int(400))),
      () => withPrefix([0, int(256)], bytes(int(50))),
      () => withPrefix([1], varBytes(bytes(int(200)))),
      () => withPrefix([1], bytes(int(200))),
      () => withPrefix([3], bytes(int(4))),
      () => new Uint8Array(0),
    ];
    const sockets = await Promise.all(Array.from({ length: 8 }, () => hostile({ sync: int(2) === 0 })));
    let sent = 0;
    for (const raw of sockets) {
      for (let i = 0; i < 40; i++) {
        raw.send(shapes[int(shapes.length)]!());
        sent++;
      }
    }
    expect(sent).toBe(320);
    const closes = await Promise.all(sockets.map((raw) => raw.closed));
    for (const closed of closes) expect(closed.code).toBe(BAD);
    const doc = await serverDoc();
    expect([...doc.share.keys()].sort()).toEqual([...BOARD_ROOT_NAMES].sort());
  });

  it('closes a socket that sends a frame over 1 MiB (1009)', async () => {
    const raw = await hostile({ sync: false });
    raw.send(new Uint8Array(LIMITS.frameBytesMax + 1));
    expect((await raw.closed).code).toBe(1009);
  });

  it('closes a socket that sends an unknown message type', async () => {
    const raw = await hostile();
    raw.send(Uint8Array.from([7]));
    expect((await raw.closed).code).toBe(BAD);
  });

  it('closes a socket that sends an unknown sync message kind', async () => {
    const raw = await hostile();
    raw.send(Uint8Array.from([0, 9, 0]));
    expect((await raw.closed).code).toBe(BAD);
  });

  it('closes a socket that sends a truncated update, and nothing of it lands', async () => {
    const raw = await hostile();
    const id = uniqueId('trunc');
    const message = updateMessage(raw.capture((doc) => rawNote(doc, id, fieldsOf(id, { text: 'x'.repeat(200) }))));
    raw.send(message.slice(0, Math.floor(message.length / 2)));
    expect((await raw.closed).code).toBe(BAD);
    expect(getNotes(await serverDoc()).has(id)).toBe(false);
  });

  it('closes a socket that sends a valid update with trailing bytes', async () => {
    const raw = await hostile();
    const id = uniqueId('trail');
    const message = updateMessage(raw.capture((doc) => rawNote(doc, id, fieldsOf(id))));
    raw.send(Uint8Array.from([...message, 0]));
    expect((await raw.closed).code).toBe(BAD);
  });

  it('closes a socket that sends a text frame', async () => {
    const raw = await hostile();
    raw.send('\u0000\u0000\u0001');
    expect((await raw.closed).code).toBe(BAD);
  });

  it.each([
    ['from a fresh document', false],
    ['from a synced document', true],
  ])('refuses an unknown top-level type %s: 4400 and no replica gets it', async (_label, sync) => {
    const raw = await hostile({ sync });
    raw.change((doc) => doc.getMap('evil').set('a', 1));
    expect((await raw.closed).code).toBe(BAD);
    expect((await serverDoc()).share.has('evil')).toBe(false);
    // Ordering on the socket: once a later note arrives, the refused update would have too.
    const after = addValidNote(honestA.doc);
    await eventually(() => expect(listNotes(honestB.doc).map((n) => n.id)).toContain(after));
    expect(honestB.doc.share.has('evil')).toBe(false);
  });

  it('refuses an unknown top-level type whose name is long and not ASCII', async () => {
    const raw = await hostile();
    raw.change((doc) => doc.getText('€'.repeat(60)).insert(0, 'x'));
    expect((await raw.closed).code).toBe(BAD);
    expect([...(await serverDoc()).share.keys()].sort()).toEqual([...BOARD_ROOT_NAMES].sort());
  });

  it.each([
    ['overwriting schemaVersion from a synced document', true, (doc: Y.Doc) => getMeta(doc).set('schemaVersion', 99)],
    ['writing schemaVersion from a fresh document', false, (doc: Y.Doc) => getMeta(doc).set('schemaVersion', 99)],
    ['adding a meta key', true, (doc: Y.Doc) => getMeta(doc).set('owner', 'hal')],
    ['deleting schemaVersion', true, (doc: Y.Doc) => getMeta(doc).delete('schemaVersion')],
  ])('refuses %s: 4400 and meta.schemaVersion stays as the server wrote it', async (_label, sync, change) => {
    const raw = await hostile({ sync });
    raw.change(change);
    expect((await raw.closed).code).toBe(BAD);
    const server = await serverDoc();
    expect(getMeta(server).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
    await eventually(() => {
      expect(getMeta(honestB.doc).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
      expect(getMeta(honestA.doc).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
    });
  });
});

describe('hostile notes', () => {
  afterEach(expectHonestGoOn);

  // Every broken note is refused before it is applied: nothing of it reaches any replica.
  const cases: [string, (id: string) => Record<string, unknown> | string, number][] = [
    ['an unknown zone', (id) => fieldsOf(id, { zone: 'the-void' }), BAD],
    ['text over 2000 characters', (id) => fieldsOf(id, { text: 'y'.repeat(LIMITS.noteTextMax + 1) }), TOO_LARGE],
    ['x = 5', (id) => fieldsOf(id, { x: 5 }), BAD],
    ['y = -0.1', (id) => fieldsOf(id, { y: -0.1 }), BAD],
    ["color 'red'", (id) => fieldsOf(id, { color: 'red' }), BAD],
    ['missing fields', (id) => {
      const { color: _c, authorId: _a, ...rest } = fieldsOf(id);
      return rest;
    }, BAD],
    ['an extra field', (id) => fieldsOf(id, { pinnedBy: 'hal' }), BAD],
    ['text that is a plain string', (id) => fieldsOf(id, { text: 42 }), BAD],
    ['a negative createdAt', (id) => fieldsOf(id, { createdAt: -1 }), BAD],
    ['an id of 65 characters', () => fieldsOf('x'), BAD],
    ['an unknown zone and an id of 64 multi-byte characters', (id) => fieldsOf(id, { zone: 'nowhere' }), BAD],
    ['a value that is not a map', () => 'junk', BAD],
    ['the facilitator as its author', (id) => fieldsOf(id, {}, session.participantId), FORBIDDEN],
  ];

  it.each(cases)('refuses a new note with %s, and no replica ever holds it', async (label, make, code) => {
    const id = label.startsWith('an id of 65')
      ? 'i'.repeat(LIMITS.noteIdMax + 1)
      : label.includes('multi-byte')
        ? '€'.repeat(LIMITS.noteIdMax)
        : uniqueId('bad');
    const raw = await hostile();
    const fields = make(id);
    raw.change((doc) => {
      if (typeof fields === 'string') getNotes(doc).set(id, fields as never);
      else rawNote(doc, id, fields);
    });
    expect((await raw.closed).code).toBe(code);
    const after = addValidNote(honestA.doc);
    await eventually(() => expect(listNotes(honestB.doc).map((n) => n.id)).toContain(after));
    for (const doc of [honestA.doc, honestB.doc, await serverDoc()]) expect(getNotes(doc).has(id)).toBe(false);
  });

  it('accepts a note id of exactly 64 characters', async () => {
    const id = 'k'.repeat(LIMITS.noteIdMax);
    const raw = await hostile();
    raw.change((doc) => rawNote(doc, id, fieldsOf(id)));
    await eventually(() => expect(noteOf(honestB.doc, id)).not.toBeNull());
    expect(raw.isOpen).toBe(true);
  });

  describe("a hostile edit of someone else's note is refused, and the note stays as it was", () => {
    let noteId: string;
    let original: NoteView;
    beforeAll(async () => {
      noteId = addValidNote(honestA.doc, { text: 'keep me', zone: OTHER_ZONE, x: 0.3, y: 0.6 });
      await eventually(() => expect(noteOf(honestB.doc, noteId)).not.toBeNull());
      setNoteText(honestA.doc, noteId, 'keep me safe');
      moveNote(honestA.doc, noteId, { zone: ZONE, x: 0.4, y: 0.7 });
      await eventually(() => expect(noteOf(honestB.doc, noteId)).toMatchObject({ text: 'keep me safe', zone: ZONE, x: 0.4 }));
      original = noteOf(honestA.doc, noteId)!;
    });

    it.each([
      ['zone set to junk', (note: Y.Map<unknown>) => note.set('zone', 'junk'), BAD],
      ['x set to 5', (note: Y.Map<unknown>) => note.set('x', 5), BAD],
      ["color set to 'red'", (note: Y.Map<unknown>) => note.set('color', 'red'), BAD],
      ['authorId set to a number', (note: Y.Map<unknown>) => note.set('authorId', 7), BAD],
      ['authorId set to his own', (note: Y.Map<unknown>) => note.set('authorId', halId), FORBIDDEN],
      ['createdAt changed', (note: Y.Map<unknown>) => note.set('createdAt', 5), FORBIDDEN],
      ['text replaced by a string', (note: Y.Map<unknown>) => note.set('text', 'plain'), BAD],
      ['text replaced by a new text', (note: Y.Map<unknown>) => note.set('text', new Y.Text('mine now')), FORBIDDEN],
      ['its words edited', (note: Y.Map<unknown>) => (note.get('text') as Y.Text).insert(0, 'not '), FORBIDDEN],
      ['its words deleted', (note: Y.Map<unknown>) => (note.get('text') as Y.Text).delete(0, 4), FORBIDDEN],
      ['zone deleted', (note: Y.Map<unknown>) => note.delete('zone'), BAD],
      ['an extra field added', (note: Y.Map<unknown>) => note.set('owner', 'hal'), BAD],
      ['text grown past 2000 characters', (note: Y.Map<unknown>) => (note.get('text') as Y.Text).insert(0, 'z'.repeat(LIMITS.noteTextMax)), FORBIDDEN],
    ])('%s: closed, and every replica keeps the note unchanged', async (_label, breakIt, code) => {
      const raw = await hostile();
      raw.change((doc) => breakIt(getNotes(doc).get(noteId)!));
      expect((await raw.closed).code).toBe(code);
      const after = addValidNote(honestA.doc);
      await eventually(() => expect(listNotes(honestB.doc).map((n) => n.id)).toContain(after));
      for (const doc of [honestA.doc, honestB.doc, await serverDoc()]) {
        expect(noteOf(doc, noteId)).toEqual(original);
        expect(getNotes(doc).get(noteId)!.has('owner')).toBe(false);
      }
    });

    it('deleting it: 4403, and it stays on every replica', async () => {
      const raw = await hostile();
      const message = raw.change((doc) => getNotes(doc).delete(noteId));
      // The whole attack is a few bytes: one delete-set entry.
      expect(message.byteLength).toBeLessThanOrEqual(20);
      expect((await raw.closed).code).toBe(FORBIDDEN);
      const after = addValidNote(honestA.doc);
      await eventually(() => expect(listNotes(honestB.doc).map((n) => n.id)).toContain(after));
      for (const doc of [honestA.doc, honestB.doc, await serverDoc()]) expect(noteOf(doc, noteId)).toEqual(original);
    });
  });
});

describe('updates with missing dependencies', () => {
  afterEach(expectHonestGoOn);

  /** Two updates of one document, the second depending on the first. */
  function dependentPair() {
    const doc = new Y.Doc();
    const id = uniqueId('dep');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    rawNote(doc, id, fieldsOf(id, { text: 'first' }));
    moveNote(doc, id, { zone: OTHER_ZONE, x: 0.9, y: 0.9 });
    setNoteText(doc, id, 'first and second');
    doc.destroy();
    return { id, first: updates[0]!, second: Y.mergeUpdates(updates.slice(1)) };
  }

  it.concurrent('closes the sender about 5 s after the update, and drops the held-back part', async ({ expect }) => {
    const { id, first, second } = dependentPair();
    const raw = await hostile({ sync: false });
    const sentAt = Date.now();
    raw.send(updateMessage(second));
    const closed = await raw.closed;
    expect(closed.code).toBe(BAD);
    const after = closed.at - sentAt;
    expect(after).toBeGreaterThanOrEqual(LIMITS.missingDependencyMs - 1_000);
    expect(after).toBeLessThan(LIMITS.missingDependencyMs + 2_000);

    // The dependency arriving later must not bring the dropped update back.
    const late = await hostile({ sync: false });
    late.send(updateMessage(first));
    await eventually(() => expect(noteOf(honestB.doc, id)).not.toBeNull());
    expect(noteOf(honestB.doc, id)).toMatchObject({ text: 'first', zone: ZONE, x: 0.5, y: 0.5 });
    expect(late.isOpen).toBe(true);
  });

  it.concurrent('does not cut off honest writers when the sender leaves before its deadline', async ({ expect }) => {
    const { other, carolClient, danClient } = await twoHonestWriters('Missing dependencies');

    const raw = await hostile({ sync: false, sessionId: other.sessionId, token: other.facilitatorToken });
    raw.send(updateMessage(dependentPair().second));
    // Something processed after the held-back update: the sender's own sync request.
    raw.send(Uint8Array.from([0, 0, 1, 0]));
    await eventually(() => expect(getMeta(raw.doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION));
    raw.destroy();

    const writtenAt = Date.now();
    const id = addValidNote(carolClient.doc);
    await eventually(() => expect(noteOf(danClient.doc, id)).not.toBeNull());
    // Past the deadline the held-back update would have had: the honest writer is still connected.
    await new Promise((resolve) => setTimeout(resolve, writtenAt + LIMITS.missingDependencyMs + 1_000 - Date.now()));
    const later = addValidNote(carolClient.doc);
    await eventually(() => expect(noteOf(danClient.doc, later)).not.toBeNull());
    expect(carolClient.closes).toEqual([]);
    expect(danClient.closes).toEqual([]);
  });

  it.concurrent("does not blame an honest writer for a later sender's missing dependencies", async ({ expect }) => {
    const { other, carolClient, danClient } = await twoHonestWriters('Interleaved');

    // The first sender's deadline runs out while an honest write made after it is still young;
    // a second sender then leaves something held back past the honest write's would-be deadline.
    const first = await hostile({ sync: false, sessionId: other.sessionId, token: other.facilitatorToken });
    const sentAt = Date.now();
    first.send(updateMessage(dependentPair().second));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const written = addValidNote(carolClient.doc);
    await eventually(() => expect(noteOf(danClient.doc, written)).not.toBeNull());
    expect((await first.closed).code).toBe(BAD);
    const second = await hostile({ sync: false, sessionId: other.sessionId, token: other.facilitatorToken });
    second.send(updateMessage(dependentPair().second));
    await new Promise((resolve) => setTimeout(resolve, sentAt + 1_000 + LIMITS.missingDependencyMs + 800 - Date.now()));

    const later = addValidNote(carolClient.doc);
    await eventually(() => expect(noteOf(danClient.doc, later)).not.toBeNull());
    expect(carolClient.closes).toEqual([]);
    expect(danClient.closes).toEqual([]);
    second.destroy();
  });
});

describe('awareness spoofing', () => {
  afterEach(expectHonestGoOn);

  it("drops an awareness entry for another client's id; the victim's state is unchanged", async () => {
    honestB.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 });
    const victimId = honestB.doc.clientID;
    await eventually(() => expect((honestA.provider.awareness.getStates().get(victimId) as any)?.cursor).toEqual({ x: 5, y: 5 }));
    const before = JSON.stringify(honestA.provider.awareness.getStates().get(victimId));
    const victimClock = honestA.provider.awareness.meta.get(victimId)!.clock;

    const raw = await hostile({ sync: false });
    const ownId = 0x5eed;
    // First message, before the socket has an id of its own: the victim's id is taken.
    raw.send(awarenessMessage([{ clientId: victimId, clock: victimClock + 10, state: { cursor: { x: 666, y: 666 } } }]));
    raw.send(awarenessMessage([{ clientId: ownId, clock: 1, state: { cursor: { x: 1, y: 1 } } }]));
    await eventually(() => expect((honestA.provider.awareness.getStates().get(ownId) as any)?.cursor).toEqual({ x: 1, y: 1 }));
    // Then mixed with its own entry, and as a removal.
    raw.send(
      awarenessMessage([
        { clientId: victimId, clock: victimClock + 20, state: null },
        { clientId: ownId, clock: 2, state: { cursor: { x: 2, y: 2 } } },
      ]),
    );
    raw.send(awarenessMessage([{ clientId: victimId, clock: victimClock + 30, state: { cursor: { x: 7, y: 7 }, user: { name: 'Bob' } } }]));
    raw.send(awarenessMessage([{ clientId: ownId, clock: 3, state: { cursor: { x: 3, y: 3 } } }]));
    await eventually(() => expect((honestA.provider.awareness.getStates().get(ownId) as any)?.cursor).toEqual({ x: 3, y: 3 }));

    expect(JSON.stringify(honestA.provider.awareness.getStates().get(victimId))).toBe(before);
    expect(honestA.provider.awareness.meta.get(victimId)!.clock).toBe(victimClock);
    // The spoofer is shown as who it is.
    expect((honestA.provider.awareness.getStates().get(ownId) as any).user.name).toBe('Hal');
    raw.destroy();
    await eventually(() => expect(honestA.provider.awareness.getStates().has(ownId)).toBe(false));
    expect(JSON.stringify(honestA.provider.awareness.getStates().get(victimId))).toBe(before);
  });
});

describe('the note limit', () => {
  it(`keeps a board at ${LIMITS.notesPerBoard} notes: an update that would pass it is refused whole`, async () => {
    const full = await createSession(srv.url, 'Full board', 'Fay');
    const watcher = stock(full.sessionId, full.facilitatorToken);
    await watcher.synced();
    const writer = await hostile({ sessionId: full.sessionId, token: full.facilitatorToken });
    let mostSeen = 0;
    watcher.doc.on('afterTransaction', () => (mostSeen = Math.max(mostSeen, getNotes(watcher.doc).size)));

    const many = (doc: Y.Doc, prefix: string, n: number) =>
      doc.transact(() => {
        for (let i = 0; i < n; i++) {
          const note = new Y.Map<unknown>();
          for (const [k, v] of Object.entries(fieldsOf(`${prefix}${i}`, {}, full.participantId))) note.set(k, k === 'text' ? new Y.Text('') : v);
          getNotes(doc).set(`${prefix}${i}`, note);
        }
      });

    writer.change((doc) => many(doc, 'a', LIMITS.notesPerBoard));
    await eventually(() => expect(getNotes(watcher.doc).size).toBe(LIMITS.notesPerBoard));
    expect(writer.isOpen).toBe(true);

    // A few thousand more in one update: refused before any of it is applied.
    writer.change((doc) => many(doc, 'b', 3_000));
    expect((await writer.closed).code).toBe(TOO_LARGE);
    expect(getNotes(await serverDoc(full.sessionId)).size).toBe(LIMITS.notesPerBoard);

    // One more, from anyone, is refused the same way.
    const another = await hostile({ sessionId: full.sessionId, token: full.facilitatorToken });
    another.change((doc) => rawNote(doc, 'one-too-many', fieldsOf('one-too-many', {}, full.participantId)));
    expect((await another.closed).code).toBe(TOO_LARGE);
    const marker = uniqueId();
    // Delete one and add one: within the limit, so accepted.
    watcher.doc.transact(() => getNotes(watcher.doc).delete('a0'));
    addValidNote(watcher.doc, { id: marker, color: DEFAULT_NOTE_COLOR });
    const check = stock(full.sessionId, full.facilitatorToken);
    await check.synced();
    await eventually(() => {
      expect(getNotes(check.doc).has(marker)).toBe(true);
      expect(getNotes(check.doc).has('one-too-many')).toBe(false);
      expect(getNotes(check.doc).size).toBe(LIMITS.notesPerBoard);
    });
    expect(mostSeen).toBe(LIMITS.notesPerBoard);
    expect(watcher.closes).toEqual([]);
  });
});
