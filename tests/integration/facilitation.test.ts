import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNotes, listNotes, type Command, type VersionedSessionStateView } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { commandOnce, controlSession, type ControlSocket } from '../support/control.js';
import {
  addValidNote,
  connectStock,
  createSession,
  joinSession,
  recordDenials,
  startInProcess,
  type InProcess,
  type StockClient,
} from './helpers.js';

let srv: InProcess;
const sockets: ControlSocket[] = [];
const clients: StockClient[] = [];

beforeAll(async () => {
  srv = await startInProcess();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.destroy();
  await srv.close();
});

async function control(token: string) {
  const session = await controlSession(srv.url, token);
  sockets.push(session.socket);
  return session;
}

/** A stock y-websocket client that also records the permission-denied reasons it is sent. */
function stock(sessionId: string, token: string) {
  const client = connectStock(srv.wsUrl, sessionId, token);
  clients.push(client);
  return { ...client, denied: recordDenials(client) };
}

/** A learning circle with a facilitator, a presenter and two group members, in its first phase. */
async function circle() {
  const s = await createSession(srv.url, 'Circle', 'Fay', { phase: null });
  const pat = await joinSession(srv.url, s.joinCode, 'Pat');
  const amara = await joinSession(srv.url, s.joinCode, 'Amara');
  const ben = await joinSession(srv.url, s.joinCode, 'Ben');
  const fay = await control(s.facilitatorToken);
  expect(await fay.send({ type: 'role.set', participantId: pat.participantId, role: 'presenter' })).toMatchObject({ ok: true });
  return { s, pat, amara, ben, fay };
}

const FACILITATOR_COMMANDS = (ids: { other: string }): Command[] => [
  { type: 'phase.goto', phaseId: 'story' },
  { type: 'phase.next' },
  { type: 'phase.back' },
  { type: 'timer.start' },
  { type: 'timer.pause' },
  { type: 'timer.add', seconds: 60 },
  { type: 'board.lock', locked: true },
  { type: 'role.set', participantId: ids.other, role: 'facilitator' },
  { type: 'follow.set', target: 'story' },
  { type: 'hand.lower', participantId: ids.other },
  { type: 'pause.dismiss' },
];

describe('commands on the control socket', () => {
  it('refuses every facilitator command from a participant with forbidden, changing nothing', async () => {
    const { s, amara, ben, fay } = await circle();
    await commandOnce(srv.url, ben.participantToken, { type: 'hand.raise' });
    const before = (await eventually(() => {
      const latest = fay.states.latest()!;
      expect(latest.state.hands).toEqual([ben.participantId]);
      return latest;
    })) as VersionedSessionStateView;
    const a = await control(amara.participantToken);
    for (const cmd of FACILITATOR_COMMANDS({ other: ben.participantId })) {
      expect(await a.send(cmd), cmd.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Nothing changed: the facilitator's socket heard no new state, and a fresh one reads the same.
    const again = await control(s.facilitatorToken);
    expect(again.states.latest()).toEqual(before);
    expect(fay.states.latest()).toEqual(before);
  });

  it('refuses a malformed command with invalid_command', async () => {
    const { fay } = await circle();
    for (const bad of [null, 'phase.next', { type: 'phase.jump' }, { type: 'timer.add', seconds: 'lots' }, { type: 'phase.next', extra: 1 }]) {
      expect(await fay.send(bad)).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    }
  });

  it('answers a facilitator with the new version and tells everyone the state', async () => {
    const { s, amara, fay } = await circle();
    const a = await control(amara.participantToken);
    const ack = await fay.send({ type: 'phase.next' });
    expect(ack).toMatchObject({ ok: true });
    const version = ack.ok ? ack.version : 0;
    await eventually(() => expect(a.states.latest()).toMatchObject({ version, state: { phase: { id: 'story', index: 1 } } }));
    expect(await fay.send({ type: 'timer.start' })).toMatchObject({ ok: true });
    await eventually(() => expect(a.states.latest()!.state.timer.running).toBe(true));
    const { endsAt } = a.states.latest()!.state.timer;
    expect(endsAt! - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(fay.states.latest()!.state.timer.endsAt).toBe(endsAt);
    void s;
  });

  it('lets anyone raise and lower their own hand, in order, and only a facilitator lower another\'s', async () => {
    const { amara, ben, fay } = await circle();
    const a = await control(amara.participantToken);
    const b = await control(ben.participantToken);
    expect(await b.send({ type: 'hand.raise' })).toMatchObject({ ok: true });
    expect(await a.send({ type: 'hand.raise' })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.hands).toEqual([ben.participantId, amara.participantId]));
    expect(await a.send({ type: 'hand.lower', participantId: ben.participantId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fay.send({ type: 'hand.lower', participantId: ben.participantId })).toMatchObject({ ok: true });
    expect(await a.send({ type: 'hand.lower' })).toMatchObject({ ok: true });
    await eventually(() => expect(b.states.latest()!.state.hands).toEqual([]));
  });

  it('shows a pause request to facilitators only; the asker sees their own', async () => {
    const { amara, ben, fay } = await circle();
    const a = await control(amara.participantToken);
    const b = await control(ben.participantToken);
    expect(await a.send({ type: 'pause.request' })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.pauseRequests.map((p) => p.participantId)).toEqual([amara.participantId]));
    await eventually(() => expect(a.states.latest()!.state.pauseRequests).toHaveLength(1));
    // Ben heard the new version, without the request in it.
    await eventually(() => expect(b.states.latest()!.version).toBe(fay.states.latest()!.version));
    for (const seen of b.states.seen) expect(seen.state.pauseRequests).toEqual([]);
  });

  it('keeps one facilitator at least, and lets a facilitator hand the role on', async () => {
    const { s, amara, fay } = await circle();
    expect(await fay.send({ type: 'role.set', participantId: s.participantId, role: 'participant' })).toMatchObject({
      ok: false,
      error: { code: 'last_facilitator' },
    });
    expect(await fay.send({ type: 'role.set', participantId: amara.participantId, role: 'facilitator' })).toMatchObject({ ok: true });
    expect(await fay.send({ type: 'role.set', participantId: s.participantId, role: 'participant' })).toMatchObject({ ok: true });
    // Fay is a participant now: her next phase command is refused, Amara's is not.
    expect(await fay.send({ type: 'phase.next' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await commandOnce(srv.url, amara.participantToken, { type: 'phase.next' })).toMatchObject({ ok: true });
  });
});

describe('phase rules bind the board', () => {
  it("neither stores nor relays a read-only connection's write, and takes it once writing opens", async () => {
    const { s, amara, fay } = await circle();
    const a = stock(s.sessionId, amara.participantToken);
    const watcher = stock(s.sessionId, s.facilitatorToken);
    await Promise.all([a.synced(), watcher.synced()]);
    // The welcome phase: only the facilitator writes.
    const id = addValidNote(a.doc, { text: 'What did the family say helped?' });
    await eventually(() => expect(a.denied).toEqual(['read-only']));
    expect(a.closes).toEqual([]);
    // Neither another client nor a fresh one (what the store holds) has it.
    const fresh = stock(s.sessionId, s.facilitatorToken);
    await fresh.synced();
    expect(getNotes(fresh.doc).has(id)).toBe(false);
    expect(getNotes(watcher.doc).has(id)).toBe(false);

    // The group's phase: the server asks Amara's client again, and the note arrives, once.
    expect(await fay.send({ type: 'phase.goto', phaseId: 'questions' })).toMatchObject({ ok: true });
    await eventually(() => expect(getNotes(watcher.doc).has(id)).toBe(true));
    expect(listNotes(watcher.doc).filter((n) => n.id === id)).toMatchObject([{ text: 'What did the family say helped?', authorId: amara.participantId }]);
    const after = stock(s.sessionId, s.facilitatorToken);
    await after.synced();
    expect(getNotes(after.doc).has(id)).toBe(true);
    expect(a.closes).toEqual([]);
  });

  it('lets the presenter write in the story and not while the group reflects', async () => {
    const { s, pat, fay } = await circle();
    const p = stock(s.sessionId, pat.participantToken);
    const watcher = stock(s.sessionId, s.facilitatorToken);
    await Promise.all([p.synced(), watcher.synced()]);
    expect(await fay.send({ type: 'phase.goto', phaseId: 'story' })).toMatchObject({ ok: true });
    const told = addValidNote(p.doc, { text: 'A mother who had stopped opening the door' });
    await eventually(() => expect(getNotes(watcher.doc).has(told)).toBe(true));
    expect(await fay.send({ type: 'phase.goto', phaseId: 'reflecting' })).toMatchObject({ ok: true });
    const late = addValidNote(p.doc, { text: 'I want to reply' });
    await eventually(() => expect(p.denied).toContain('read-only'));
    expect(getNotes(watcher.doc).has(late)).toBe(false);
  });

  it('holds a locked board for everyone but facilitators, and an observer always', async () => {
    const { s, amara, ben, fay } = await circle();
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    expect(await fay.send({ type: 'role.set', participantId: ben.participantId, role: 'observer' })).toMatchObject({ ok: true });
    expect(await fay.send({ type: 'board.lock', locked: true })).toMatchObject({ ok: true });
    const a = stock(s.sessionId, amara.participantToken);
    const b = stock(s.sessionId, ben.participantToken);
    const f = stock(s.sessionId, s.facilitatorToken);
    await Promise.all([a.synced(), b.synced(), f.synced()]);
    const byAmara = addValidNote(a.doc, { text: 'Try a huddle' });
    const byBen = addValidNote(b.doc, { text: 'Watching' });
    const byFay = addValidNote(f.doc, { text: 'Hold on a moment' });
    await eventually(() => expect(getNotes(a.doc).has(byFay)).toBe(true));
    await eventually(() => expect([a.denied, b.denied]).toEqual([['read-only'], ['read-only']]));
    expect(getNotes(f.doc).has(byAmara)).toBe(false);

    // Unlocked: Amara's note arrives; Ben, still observing, is not asked and his stays with him.
    expect(await fay.send({ type: 'board.lock', locked: false })).toMatchObject({ ok: true });
    await eventually(() => expect(getNotes(f.doc).has(byAmara)).toBe(true));
    expect(getNotes(f.doc).has(byBen)).toBe(false);
    // Ben becomes a participant: his note arrives now.
    expect(await fay.send({ type: 'role.set', participantId: ben.participantId, role: 'participant' })).toMatchObject({ ok: true });
    await eventually(() => expect(getNotes(f.doc).has(byBen)).toBe(true));
  });
});
