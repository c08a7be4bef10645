import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR,
  boardSubprotocols,
  getNotes,
  getThemes,
  groupNotes,
  listNotes,
  setNoteStarred,
  setNoteText,
  type VersionedSessionStateView,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { command, controlConnected, openControl, recordStates, type ControlSocket } from '../support/control.js';
import {
  RawBoard,
  addValidNote,
  awarenessMessage,
  connectStock,
  createSession,
  joinSession,
  startInProcess,
  type InProcess,
  type StockClient,
} from './helpers.js';

let srv: InProcess;
const sockets: ControlSocket[] = [];
const clients: StockClient[] = [];
const raws: RawBoard[] = [];

beforeAll(async () => {
  srv = await startInProcess();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.destroy();
  for (const r of raws) r.ws.terminate();
  await srv.close();
});

const WEB_ZONE = 'stories';

/** A stock Socket.io client that records every event it is sent, whole, as the wire carries it. */
async function control(token: string, url = srv.url) {
  const socket = openControl(url, token);
  sockets.push(socket);
  const heard: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => heard.push(JSON.stringify([event, args])));
  const states = recordStates(socket);
  await controlConnected(socket);
  await eventually(() => expect(states.latest()).toBeDefined());
  return { socket, states, heard, send: (cmd: unknown) => command(socket, cmd) };
}

/** A stock y-websocket provider on a board: the shared one, or with `private` the holder's own. */
async function stock(sessionId: string, token: string, board: 'shared' | 'private' = 'shared', doc = new Y.Doc()) {
  const client = connectStock(srv.wsUrl, board === 'private' ? `${sessionId}/private` : sessionId, token, doc);
  clients.push(client);
  await client.synced();
  return client;
}

/** A raw board socket that keeps every byte the server sends it. */
async function rawListener(sessionId: string, token: string, opts: { private?: boolean } = {}) {
  const raw = await RawBoard.open(srv.wsUrl, sessionId, token, opts);
  raws.push(raw);
  const bytes: Buffer[] = [];
  raw.ws.on('message', (data: Buffer) => bytes.push(Buffer.from(data)));
  return { raw, seen: (text: string) => Buffer.concat(bytes).includes(Buffer.from(text)) };
}

/** A cultural web in its silent writing phase (private until revealed), with three people. */
async function silentWeb(opts: { anonymous?: boolean } = {}) {
  const s = await createSession(srv.url, 'Our team culture', 'Fay', { template: 'cultural-web', phase: 'current-silent', ...opts });
  const amara = await joinSession(srv.url, s.joinCode, 'Amara');
  const ben = await joinSession(srv.url, s.joinCode, 'Ben');
  const fay = await control(s.facilitatorToken);
  return { s, amara, ben, fay };
}

function webNote(doc: Y.Doc, authorId: string, text: string): string {
  return addValidNote(doc, { authorId, text, zone: WEB_ZONE });
}

describe('private writing', () => {
  it('keeps a private note from every other socket, the facilitator\'s included, until the reveal', async () => {
    const { s, amara, ben, fay } = await silentWeb();
    const secret = `We are scared of audits ${Math.random().toString(36).slice(2)}`;
    // Everyone else listening on every channel they have: shared board, own private board, control.
    const benShared = await rawListener(s.sessionId, ben.participantToken);
    const benPrivate = await rawListener(s.sessionId, ben.participantToken, { private: true });
    const benControl = await control(ben.participantToken);
    const fayShared = await rawListener(s.sessionId, s.facilitatorToken);
    const fayPrivate = await rawListener(s.sessionId, s.facilitatorToken, { private: true });

    const amaraPrivate = await stock(s.sessionId, amara.participantToken, 'private');
    const noteId = webNote(amaraPrivate.doc, amara.participantId, secret);
    // The facilitator hears a count, and nothing else of it.
    await eventually(() => expect(fay.states.latest()!.state.privateCounts[amara.participantId]).toBe(1));
    expect(benControl.states.latest()!.state.privateCounts).toEqual({});
    await new Promise((r) => setTimeout(r, 300));
    for (const listener of [benShared, benPrivate, fayShared, fayPrivate]) expect(listener.seen(secret)).toBe(false);
    expect(benControl.heard.join('\n')).not.toContain(secret);
    expect(fay.heard.join('\n')).not.toContain(secret);
    expect(fay.heard.join('\n')).not.toContain(noteId);

    expect(await fay.send({ type: 'reveal' })).toMatchObject({ ok: true });
    await eventually(() => expect(listNotes(benShared.raw.doc).map((n) => n.text)).toEqual([secret]));
    const revealed = listNotes(benShared.raw.doc)[0]!;
    expect(revealed).toMatchObject({ id: noteId, authorId: amara.participantId, zone: WEB_ZONE });
    // The private board is emptied, and the count says so.
    await eventually(() => expect(listNotes(amaraPrivate.doc)).toEqual([]));
    await eventually(() => expect(fay.states.latest()!.state.privateCounts[amara.participantId]).toBe(0));
    expect(benPrivate.seen(secret)).toBe(false);
  });

  it('refuses a reveal from anyone but a facilitator', async () => {
    const { amara } = await silentWeb();
    const mine = await control(amara.participantToken);
    expect(await mine.send({ type: 'reveal' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens only the token holder\'s own private board, and no one\'s by name', async () => {
    const { s, amara, ben } = await silentWeb();
    const amaraPrivate = await stock(s.sessionId, amara.participantToken, 'private');
    webNote(amaraPrivate.doc, amara.participantId, 'only mine');
    await new Promise((r) => setTimeout(r, 200));
    const benPrivate = await rawListener(s.sessionId, ben.participantToken, { private: true });
    expect(listNotes(benPrivate.raw.doc)).toEqual([]);
    // A path naming someone's board is no board at all.
    const named = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${srv.wsUrl}/yjs/${s.sessionId}/private/${amara.participantId}`, boardSubprotocols(ben.participantToken));
      ws.once('open', () => {
        ws.terminate();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', () => resolve(0));
    });
    expect(named).toBe(400);
  });

  it('refuses a note written on a private board in someone else\'s name', async () => {
    const { s, amara, ben } = await silentWeb();
    const benPrivate = await stock(s.sessionId, ben.participantToken, 'private');
    webNote(benPrivate.doc, amara.participantId, 'pretending');
    await eventually(() => expect(benPrivate.closes.length).toBeGreaterThan(0));
    const again = await rawListener(s.sessionId, ben.participantToken, { private: true });
    expect(listNotes(again.raw.doc)).toEqual([]);
  });

  it('keeps notes written offline and synced after the reveal private, until "reveal mine"', async () => {
    const { s, amara, ben, fay } = await silentWeb();
    const doc = new Y.Doc();
    const first = await stock(s.sessionId, amara.participantToken, 'private', doc);
    webNote(doc, amara.participantId, 'written in time');
    await eventually(() => expect(fay.states.latest()!.state.privateCounts[amara.participantId]).toBe(1));
    first.provider.disconnect();
    const late = webNote(doc, amara.participantId, 'written on the train');
    expect(await fay.send({ type: 'reveal' })).toMatchObject({ ok: true });
    expect(await fay.send({ type: 'phase.goto', phaseId: 'current-reveal' })).toMatchObject({ ok: true });
    const benShared = await rawListener(s.sessionId, ben.participantToken);
    await eventually(() => expect(listNotes(benShared.raw.doc).map((n) => n.text)).toEqual(['written in time']));

    first.provider.connect();
    await first.synced();
    // The late note is on the server, on Amara's private board only.
    await eventually(() => expect(fay.states.latest()!.state.privateCounts[amara.participantId]).toBe(1));
    const reread = await rawListener(s.sessionId, amara.participantToken, { private: true });
    expect(listNotes(reread.raw.doc).map((n) => n.id)).toEqual([late]);
    expect(benShared.seen('written on the train')).toBe(false);

    const amaraControl = await control(amara.participantToken);
    expect(await amaraControl.send({ type: 'reveal.mine' })).toMatchObject({ ok: true });
    await eventually(() => expect(listNotes(benShared.raw.doc).map((n) => n.text).sort()).toEqual(['written in time', 'written on the train']));
    await eventually(() => expect(listNotes(doc)).toEqual([]));
  });

  it('keeps private boards across a restart, as durable as the shared one', async () => {
    const own = await startInProcess();
    try {
      const s = await createSession(own.url, 'Web', 'Fay', { template: 'cultural-web', phase: 'current-silent' });
      const amara = await joinSession(own.url, s.joinCode, 'Amara');
      const client = connectStock(own.wsUrl, `${s.sessionId}/private`, amara.participantToken);
      await client.synced();
      webNote(client.doc, amara.participantId, 'still here after a restart');
      await eventually(async () => {
        const stored = await own.server.store.loadPrivateDoc(s.sessionId, amara.participantId);
        expect(stored.updates.length + (stored.state ? 1 : 0)).toBeGreaterThan(0);
      });
      client.destroy();
      await own.close();
      const again = await startInProcess({}, own.dataDir);
      try {
        const reread = await RawBoard.open(again.wsUrl, s.sessionId, amara.participantToken, { private: true });
        expect(listNotes(reread.doc).map((n) => n.text)).toEqual(['still here after a restart']);
        reread.ws.terminate();
      } finally {
        await again.close();
      }
    } finally {
      await own.close();
    }
  });
});

describe('anonymous sessions', () => {
  it('sends nobody a link from a note to its writer, yet lets the writer edit and withdraw it', async () => {
    const { s, amara, ben, fay } = await silentWeb({ anonymous: true });
    expect(fay.states.latest()!.state.anonymous).toBe(true);
    const people = [s.participantId, amara.participantId, ben.participantId];

    const benShared = await rawListener(s.sessionId, ben.participantToken);
    const benControl = await control(ben.participantToken);
    const amaraPrivate = await stock(s.sessionId, amara.participantToken, 'private');
    const noteId = webNote(amaraPrivate.doc, amara.participantId, 'Nobody listens to the night shift');
    webNote((await stock(s.sessionId, ben.participantToken, 'private')).doc, ben.participantId, 'We celebrate small wins');
    await eventually(() => expect(fay.states.latest()!.state.privateCounts[amara.participantId]).toBe(1));
    expect(await fay.send({ type: 'reveal' })).toMatchObject({ ok: true });
    await eventually(() => expect(listNotes(benShared.raw.doc)).toHaveLength(2));
    for (const note of listNotes(benShared.raw.doc)) {
      expect(note.authorId).toBe(ANONYMOUS_AUTHOR);
      expect(people).not.toContain(note.authorId);
    }
    // Cursors travel unnamed: no name, colour or participant id.
    const amaraShared = await stock(s.sessionId, amara.participantToken);
    const benAware = await stock(s.sessionId, ben.participantToken);
    amaraShared.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await eventually(() => {
      const others = [...benAware.provider.awareness.getStates()].filter(([id]) => id !== benAware.doc.clientID);
      expect(others.length).toBeGreaterThan(0);
      for (const [, state] of others) expect(state).toEqual({ cursor: { x: 10, y: 20 } });
    });
    // Nothing on the board socket names a writer; the control socket names people only as who is
    // present and in which role, never beside a note.
    expect(benShared.seen(amara.participantId)).toBe(false);
    for (const line of benControl.heard) {
      const [event, args] = JSON.parse(line) as [string, { state?: { roles?: unknown } }[]];
      if (event === 'presence') continue;
      for (const arg of args) if (arg?.state) delete arg.state.roles;
      expect(JSON.stringify(args)).not.toContain(amara.participantId);
    }

    // The writer, known to the server only, may still change their words; someone else may not.
    setNoteText(amaraShared.doc, noteId, 'Nobody listens to the night shift, ever');
    await eventually(() => expect(listNotes(benShared.raw.doc).find((n) => n.id === noteId)?.text).toBe('Nobody listens to the night shift, ever'));
    setNoteText(benAware.doc, noteId, 'changed by Ben');
    await eventually(() => expect(benAware.closes.length).toBeGreaterThan(0));
    // And withdraw them.
    getNotes(amaraShared.doc).delete(noteId);
    await eventually(() => expect(listNotes(benShared.raw.doc).map((n) => n.id)).not.toContain(noteId));
  });

  it('refuses notes written straight onto the shared board, the facilitator\'s too', async () => {
    const { s, ben } = await silentWeb({ anonymous: true });
    await commandPhase(s.facilitatorToken, 'current-reveal');
    for (const [token, id] of [
      [ben.participantToken, ben.participantId],
      [s.facilitatorToken, s.participantId],
    ] as const) {
      const client = await stock(s.sessionId, token);
      webNote(client.doc, id, 'straight on the board');
      await eventually(() => expect(client.closes.length).toBeGreaterThan(0));
    }
    const check = await rawListener(s.sessionId, ben.participantToken);
    expect(listNotes(check.raw.doc)).toEqual([]);
  });
});

async function commandPhase(token: string, phaseId: string) {
  const c = await control(token);
  expect(await c.send({ type: 'phase.goto', phaseId })).toMatchObject({ ok: true });
}

/** A cultural web with notes on the shared board, open for a vote. */
async function webWithNotes(server: InProcess = srv) {
  const s = await createSession(server.url, 'Web', 'Fay', { template: 'cultural-web', phase: 'current-reveal' });
  const amara = await joinSession(server.url, s.joinCode, 'Amara');
  const ben = await joinSession(server.url, s.joinCode, 'Ben');
  const board = connectStock(server.wsUrl, s.sessionId, s.facilitatorToken);
  clients.push(board);
  await board.synced();
  const notes = ['Huddles', 'Supervision', 'Lunch'].map((text) => webNote(board.doc, s.participantId, text));
  const theme = 'theme-1';
  groupNotes(board.doc, { id: theme, title: 'Support', zone: WEB_ZONE, x: 0.2, y: 0.2, color: '#FFE98F' }, [notes[0]!]);
  await eventually(async () => {
    const check = await server.server.rooms.acquire(s.sessionId, (await server.server.store.getSession(s.sessionId))!.template);
    expect(listNotes(check.doc)).toHaveLength(3);
    server.server.rooms.releaseIfIdle(check);
  });
  return { s, amara, ben, notes, theme, board };
}

describe('dot voting', () => {
  it('enforces the caps on the server, counts a person once across tabs, and refuses unknown targets', async () => {
    const { s, amara, ben, notes, theme } = await webWithNotes();
    const fay = await control(s.facilitatorToken);
    const a1 = await control(amara.participantToken);
    const a2 = await control(amara.participantToken);
    const b = await control(ben.participantToken);
    expect(await a1.send({ type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await fay.send({ type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' })).toMatchObject({ ok: true });
    expect(await a1.send({ type: 'vote.cast', targetId: notes[0] })).toMatchObject({ ok: true });
    // The same person in a second tab: the cap per note is hers, not the tab's.
    expect(await a2.send({ type: 'vote.cast', targetId: notes[0] })).toMatchObject({ ok: false, error: { code: 'vote_limit' } });
    expect(await a2.send({ type: 'vote.cast', targetId: notes[1] })).toMatchObject({ ok: true });
    expect(await a1.send({ type: 'vote.cast', targetId: notes[2] })).toMatchObject({ ok: false, error: { code: 'vote_limit' } });
    expect(await b.send({ type: 'vote.cast', targetId: 'no-such-note' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await b.send({ type: 'vote.cast', targetId: theme })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await b.send({ type: 'vote.retract', targetId: notes[0] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await b.send({ type: 'vote.cast', targetId: notes[1] })).toMatchObject({ ok: true });
    await eventually(() => expect(a1.states.latest()!.state.vote?.mine).toEqual([notes[0], notes[1]]));
    expect(await a1.send({ type: 'vote.retract', targetId: notes[0] })).toMatchObject({ ok: true });
    expect(await a1.send({ type: 'vote.cast', targetId: notes[2] })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.vote?.castTotal).toBe(3));
  });

  it('tells no participant anyone else\'s dots before the close, and everyone the ordered results after', async () => {
    const { s, amara, ben, notes } = await webWithNotes();
    const fay = await control(s.facilitatorToken);
    const a = await control(amara.participantToken);
    const b = await control(ben.participantToken);
    expect(await fay.send({ type: 'vote.open', dotsPerPerson: 3, maxPerTarget: 2, targets: 'notes', zones: [WEB_ZONE] })).toMatchObject({ ok: true });
    for (const id of [notes[0], notes[0], notes[1]]) expect(await a.send({ type: 'vote.cast', targetId: id })).toMatchObject({ ok: true });
    expect(await b.send({ type: 'vote.cast', targetId: notes[1] })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.vote?.castTotal).toBe(4));
    const beforeClose = b.heard.length;
    // Every state Ben was sent while the vote was open carries his own dot at most.
    const benStates = b.states.seen.filter((v: VersionedSessionStateView) => v.state.vote?.open);
    expect(benStates.length).toBeGreaterThan(0);
    for (const v of benStates) {
      expect(v.state.vote!.castTotal).toBeNull();
      expect(v.state.vote!.results).toBeNull();
      expect(v.state.vote!.mine.every((t) => t === notes[1])).toBe(true);
    }
    for (const line of b.heard.slice(0, beforeClose)) expect(line).not.toContain(notes[0]!);
    for (const v of fay.states.seen) expect(v.state.vote?.mine ?? []).toEqual([]);

    expect(await fay.send({ type: 'vote.close' })).toMatchObject({ ok: true });
    const results = [
      { targetId: notes[0], votes: 2 },
      { targetId: notes[1], votes: 2 },
    ].sort((x, y) => (x.targetId! < y.targetId! ? -1 : 1));
    for (const who of [fay, a, b]) await eventually(() => expect(who.states.latest()!.state.vote).toMatchObject({ open: false, results }));
    expect(await b.send({ type: 'vote.cast', targetId: notes[2] })).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });

  it('votes on themes when the vote says so', async () => {
    const { s, amara, notes, theme } = await webWithNotes();
    const fay = await control(s.facilitatorToken);
    const a = await control(amara.participantToken);
    expect(await fay.send({ type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 1, targets: 'themes' })).toMatchObject({ ok: true });
    expect(await a.send({ type: 'vote.cast', targetId: notes[1] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await a.send({ type: 'vote.cast', targetId: theme })).toMatchObject({ ok: true });
    expect(await fay.send({ type: 'vote.close' })).toMatchObject({ ok: true });
    await eventually(() => expect(a.states.latest()!.state.vote?.results).toEqual([{ targetId: theme, votes: 1 }]));
  });

  it('keeps an open vote and its dots across a restart', async () => {
    const own = await startInProcess();
    let again: InProcess | null = null;
    try {
      const { s, amara, notes, board } = await webWithNotes(own);
      const a = await control(amara.participantToken, own.url);
      expect(await command(a.socket, { type: 'vote.cast', targetId: notes[0] })).toMatchObject({ ok: false });
      const fay = await control(s.facilitatorToken, own.url);
      expect(await fay.send({ type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' })).toMatchObject({ ok: true });
      expect(await a.send({ type: 'vote.cast', targetId: notes[0] })).toMatchObject({ ok: true });
      a.socket.disconnect();
      fay.socket.disconnect();
      board.destroy();
      await own.close();
      again = await startInProcess({}, own.dataDir);
      const a2 = openControl(again.url, amara.participantToken);
      sockets.push(a2);
      const seen = recordStates(a2);
      await controlConnected(a2);
      await eventually(() => expect(seen.latest()!.state.vote).toMatchObject({ open: true, mine: [notes[0]] }));
      expect(await command(a2, { type: 'vote.cast', targetId: notes[0] })).toMatchObject({ ok: false, error: { code: 'vote_limit' } });
      expect(await command(a2, { type: 'vote.cast', targetId: notes[1] })).toMatchObject({ ok: true });
      const f2 = openControl(again.url, s.facilitatorToken);
      sockets.push(f2);
      await controlConnected(f2);
      expect(await command(f2, { type: 'vote.close' })).toMatchObject({ ok: true });
      await eventually(() => expect(seen.latest()!.state.vote?.results?.map((r) => r.votes)).toEqual([1, 1]));
    } finally {
      await again?.close();
      await own.close();
    }
  });
});

describe('themes and stars', () => {
  it('lets anyone who may write group notes into themes, and checks a theme like a note', async () => {
    const { s, amara } = await webWithNotes();
    const client = await stock(s.sessionId, amara.participantToken);
    const note = webNote(client.doc, amara.participantId, 'Team lunches');
    groupNotes(client.doc, { id: 'theme-2', title: 'Rituals', zone: 'rituals', x: 0.5, y: 0.5, color: '#B7F0C1' }, [note]);
    const check = await rawListener(s.sessionId, amara.participantToken);
    await eventually(() => expect(getThemes(check.raw.doc).has('theme-2')).toBe(true));
    expect(listNotes(check.raw.doc).find((n) => n.id === note)).toMatchObject({ themeId: 'theme-2', zone: 'rituals' });
    // A theme in a zone the board does not have is refused, and the socket closed.
    const bad = await stock(s.sessionId, amara.participantToken);
    bad.doc.transact(() => {
      const theme = new Y.Map<unknown>();
      theme.set('title', new Y.Text('Nowhere'));
      theme.set('zone', 'no-such-zone');
      theme.set('x', 0.5);
      theme.set('y', 0.5);
      theme.set('color', '#B7F0C1');
      getThemes(bad.doc).set('theme-bad', theme);
    });
    await eventually(() => expect(bad.closes.length).toBeGreaterThan(0));
    expect(getThemes(check.raw.doc).has('theme-bad')).toBe(false);
  });

  it('lets the presenter of a learning circle star notes, and refuses a participant\'s star', async () => {
    const s = await createSession(srv.url, 'Circle', 'Fay', { phase: 'questions' });
    const pat = await joinSession(srv.url, s.joinCode, 'Pat');
    const amara = await joinSession(srv.url, s.joinCode, 'Amara');
    const fay = await control(s.facilitatorToken);
    expect(await fay.send({ type: 'role.set', participantId: pat.participantId, role: 'presenter' })).toMatchObject({ ok: true });
    const amaraBoard = await stock(s.sessionId, amara.participantToken);
    const note = addValidNote(amaraBoard.doc, { authorId: amara.participantId, text: 'What helped the family trust you?' });
    expect(await fay.send({ type: 'phase.goto', phaseId: 'response' })).toMatchObject({ ok: true });
    const patBoard = await stock(s.sessionId, pat.participantToken);
    await eventually(() => expect(getNotes(patBoard.doc).has(note)).toBe(true));
    setNoteStarred(patBoard.doc, note, true);
    const check = await rawListener(s.sessionId, amara.participantToken);
    await eventually(() => expect(listNotes(check.raw.doc)[0]?.starred).toBe(true));
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    setNoteStarred(amaraBoard.doc, note, false);
    await eventually(() => expect(amaraBoard.closes.length).toBeGreaterThan(0));
    const again = await rawListener(s.sessionId, amara.participantToken);
    expect(listNotes(again.raw.doc)[0]?.starred).toBe(true);
  });
});

describe('awareness on a private board', () => {
  it('is passed on to nobody', async () => {
    const { s, amara } = await silentWeb();
    const mine = await stock(s.sessionId, amara.participantToken, 'private');
    const other = await rawListener(s.sessionId, amara.participantToken, { private: true });
    other.raw.send(awarenessMessage([{ clientId: 4242, clock: 1, state: { cursor: { x: 1, y: 1 } } }]));
    mine.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 });
    await new Promise((r) => setTimeout(r, 300));
    expect([...mine.provider.awareness.getStates().keys()]).toEqual([mine.doc.clientID]);
  });
});
