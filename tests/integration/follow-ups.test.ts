import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REVIEW_PHASE_ID,
  followUpResponseSchema,
  getNotes,
  listNotes,
  outcomeRecordSchema,
  sessionViewSchema,
  setNoteNoRecord,
  snapshotListResponseSchema,
  type Action,
  type FollowUpResponse,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { controlSession, type ControlSocket } from '../support/control.js';
import {
  addValidNote,
  connectStock,
  createSession,
  expectApiError,
  joinSession,
  recordDenials,
  request,
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

async function stock(sessionId: string, token: string) {
  const client = connectStock(srv.wsUrl, sessionId, token);
  clients.push(client);
  const denied = recordDenials(client);
  await client.synced();
  return { ...client, denied };
}

async function followUp(sessionId: string, token: string, body: unknown): Promise<FollowUpResponse> {
  const res = await request(srv.url, 'POST', `/api/sessions/${sessionId}/follow-ups`, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return followUpResponseSchema.parse(res.body);
}

const viewOf = async (sessionId: string, token: string) => {
  const res = await request(srv.url, 'GET', `/api/sessions/${sessionId}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sessionViewSchema.parse(res.body);
};

/**
 * A learning circle that wrote four actions in its actions phase: two left open (one owned by a
 * participant, one by a free name), one done and one dropped.
 */
async function circleWithActions(title = 'Tuesday circle') {
  const s = await createSession(srv.url, title, 'Fay', { phase: null });
  const amara = await joinSession(srv.url, s.joinCode, 'Amara');
  const fay = await control(s.facilitatorToken);
  expect(await fay.send({ type: 'phase.goto', phaseId: 'actions' })).toMatchObject({ ok: true });
  const texts = ['Bring a case to the next circle', 'Ask the family what helped', 'Book the room', 'Write to the panel'];
  expect(await fay.send({ type: 'action.add', text: texts[0], owner: { kind: 'participant', participantId: amara.participantId }, due: '2027-01-12' })).toMatchObject({ ok: true });
  expect(await fay.send({ type: 'action.add', text: texts[1], owner: { kind: 'name', name: 'Priya' } })).toMatchObject({ ok: true });
  expect(await fay.send({ type: 'action.add', text: texts[2] })).toMatchObject({ ok: true });
  expect(await fay.send({ type: 'action.add', text: texts[3] })).toMatchObject({ ok: true });
  await eventually(() => expect(fay.states.latest()!.state.actions).toHaveLength(4));
  const byText = (t: string) => fay.states.latest()!.state.actions.find((a) => a.text === t)!;
  expect(await fay.send({ type: 'action.update', actionId: byText(texts[2]!).id, status: 'done' })).toMatchObject({ ok: true });
  expect(await fay.send({ type: 'action.update', actionId: byText(texts[3]!).id, status: 'dropped' })).toMatchObject({ ok: true });
  await eventually(() => expect(fay.states.latest()!.state.actions.filter((a) => a.status === 'open')).toHaveLength(2));
  const open = fay.states.latest()!.state.actions.filter((a) => a.status === 'open');
  return { s, amara, fay, open };
}

describe('a follow-up', () => {
  it('carries exactly the open actions, with their ids, into a review phase first, and names the session before', async () => {
    const { s, amara, fay, open } = await circleWithActions();
    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    const made = await followUp(s.sessionId, s.facilitatorToken, { start: 'empty', title: 'Circle in January', facilitatorName: 'Fay' });
    expect(made).toMatchObject({ previousSessionId: s.sessionId, carriedActions: 2, carriedNotes: 0 });
    // It starts from the final snapshot of an ended session; none is taken for it.
    const snaps = snapshotListResponseSchema.parse((await request(srv.url, 'GET', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken })).body).snapshots;
    expect(snaps.find((x) => x.final)?.snapshotId).toBe(made.fromSnapshotId);

    const next = await control(made.facilitatorToken);
    const state = next.states.latest()!.state;
    expect(state.phase.id).toBe(REVIEW_PHASE_ID);
    expect(state.actions.map((a) => a.id)).toEqual(open.map((a) => a.id));
    expect(state.actions.map((a: Action) => [a.text, a.status, a.carriedFrom, a.review])).toEqual(open.map((a) => [a.text, 'open', s.sessionId, null]));
    // Amara is not in the new session: her action is kept by her name.
    expect(state.actions[0]!.owner).toEqual({ kind: 'name', name: 'Amara' });
    expect(state.actions[1]!.owner).toEqual({ kind: 'name', name: 'Priya' });
    expect(state.actions[0]!.due).toBe('2027-01-12');

    const view = await viewOf(made.sessionId, made.facilitatorToken);
    expect(view).toMatchObject({ title: 'Circle in January', previousSessionId: s.sessionId, openActions: 2, endedAt: null });
    expect(view.template.phases[0]).toMatchObject({ id: REVIEW_PHASE_ID, review: true });
    expect(view.template.phases.slice(1).map((p) => p.id)).toEqual((await viewOf(s.sessionId, s.facilitatorToken)).template.phases.map((p) => p.id));
    const before = await viewOf(s.sessionId, amara.participantToken);
    expect(before.followUps).toEqual([{ sessionId: made.sessionId, title: 'Circle in January', createdAt: view.createdAt }]);
    expect(before.openActions).toBe(2);
  });

  it('is started by a facilitator of the session only, with a body that says how to start', async () => {
    const { s, amara } = await circleWithActions();
    const other = await createSession(srv.url, 'Another team', 'Olu', { phase: null });
    const path = `/api/sessions/${s.sessionId}/follow-ups`;
    expectApiError(await request(srv.url, 'POST', path, { token: amara.participantToken, body: { start: 'empty' } }), 'forbidden');
    expect((await request(srv.url, 'POST', path, { token: other.facilitatorToken, body: { start: 'empty' } })).status).toBe(403);
    expectApiError(await request(srv.url, 'POST', path, { body: { start: 'empty' } }), 'unauthorized');
    expectApiError(await request(srv.url, 'POST', path, { token: s.facilitatorToken, body: { start: 'copy' } }), 'invalid_body');
    expectApiError(await request(srv.url, 'POST', path, { token: s.facilitatorToken, body: {} }), 'invalid_body');
    expectApiError(await request(srv.url, 'POST', path, { token: s.facilitatorToken, body: { start: 'empty', title: 'x'.repeat(500) } }), 'invalid_body');
    // Nothing was made by the refused calls.
    expect((await viewOf(s.sessionId, s.facilitatorToken)).followUps).toEqual([]);
  });

  it('starts from the filed notes, keeping their ids, after taking a snapshot of a session still running', async () => {
    const { s, amara, fay } = await circleWithActions('Notes to carry');
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    const a = await stock(s.sessionId, amara.participantToken);
    const kept = addValidNote(a.doc, { text: 'What worked: the family chose the place', zone: 'takeaways' });
    const withheld = addValidNote(a.doc, { text: 'Said to be heard, not filed', zone: 'takeaways' });
    setNoteNoRecord(a.doc, withheld, true);
    await eventually(async () => {
      const snap = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
      const record = outcomeRecordSchema.parse((await request(srv.url, 'GET', `/api/snapshots/${snap.body.snapshotId}`, { token: s.facilitatorToken })).body);
      expect(record.notes.map((n) => n.id)).toEqual([kept]);
    });
    const count = async () => snapshotListResponseSchema.parse((await request(srv.url, 'GET', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken })).body).snapshots;
    const beforeCount = (await count()).length;

    const made = await followUp(s.sessionId, s.facilitatorToken, { start: 'notes' });
    const after = await count();
    expect(after).toHaveLength(beforeCount + 1);
    expect(after.at(-1)).toMatchObject({ snapshotId: made.fromSnapshotId, reason: 'manual', final: false });
    expect(made).toMatchObject({ carriedNotes: 1, carriedActions: 2 });
    expect((await viewOf(made.sessionId, made.facilitatorToken)).title).toBe('Notes to carry');

    const board = await stock(made.sessionId, made.facilitatorToken);
    const notes = listNotes(board.doc);
    expect(notes.map((n) => [n.id, n.text, n.zone, n.authorId])).toEqual([[kept, 'What worked: the family chose the place', 'takeaways', made.participantId]]);
    expect(getNotes(board.doc).has(withheld)).toBe(false);
    // The session before runs on, untouched.
    expect((await viewOf(s.sessionId, s.facilitatorToken)).endedAt).toBeNull();
  });

  it('reviews its carried actions into its record, and a follow-up of it carries only those carried on', async () => {
    const { s, fay, open } = await circleWithActions('Spring circle');
    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    const made = await followUp(s.sessionId, s.facilitatorToken, { start: 'empty', title: 'Summer circle' });
    const kim = await joinSession(srv.url, made.joinCode, 'Kim');
    const k = await control(kim.participantToken);
    expect(await k.send({ type: 'action.review', actionId: open[0]!.id, outcome: 'done', note: 'The case came and helped' })).toMatchObject({ ok: true });
    expect(await k.send({ type: 'action.review', actionId: open[1]!.id, outcome: 'carried', note: 'Priya was away' })).toMatchObject({ ok: true });
    // A new action of this session is not one to review.
    const f = await control(made.facilitatorToken);
    expect(await f.send({ type: 'action.add', text: 'A new one' })).toMatchObject({ ok: true });
    await eventually(() => expect(f.states.latest()!.state.actions).toHaveLength(3));
    const fresh = f.states.latest()!.state.actions.find((a) => a.text === 'A new one')!;
    expect(await k.send({ type: 'action.review', actionId: fresh.id, outcome: 'done', note: '' })).toMatchObject({ ok: false, error: { code: 'invalid_command' } });

    await eventually(() => {
      const actions = f.states.latest()!.state.actions;
      expect(actions.map((a) => [a.id, a.status, a.review?.outcome ?? null])).toEqual([
        [open[0]!.id, 'done', 'done'],
        [open[1]!.id, 'open', 'carried'],
        [fresh.id, 'open', null],
      ]);
    });
    const snap = await request(srv.url, 'POST', `/api/sessions/${made.sessionId}/snapshots`, { token: made.facilitatorToken, body: {} });
    const record = outcomeRecordSchema.parse((await request(srv.url, 'GET', `/api/snapshots/${snap.body.snapshotId}`, { token: kim.participantToken })).body);
    expect(record.previousSessionId).toBe(s.sessionId);
    expect(record.review.map((r) => [r.text, r.outcome, r.note])).toEqual([
      [open[0]!.text, 'done', 'The case came and helped'],
      [open[1]!.text, 'carried', 'Priya was away'],
    ]);
    expect(record.sections[0]!.kind).toBe('review');

    // The chain goes on: the open ones now are the one carried on and the new one.
    const third = await followUp(made.sessionId, made.facilitatorToken, { start: 'empty', title: 'Autumn circle' });
    expect(third.carriedActions).toBe(2);
    const t = await control(third.facilitatorToken);
    expect(t.states.latest()!.state.actions.map((a) => [a.id, a.carriedFrom, a.review])).toEqual([
      [open[1]!.id, made.sessionId, null],
      [fresh.id, made.sessionId, null],
    ]);
    // Its template has one review phase, not two.
    const view = await viewOf(third.sessionId, third.facilitatorToken);
    expect(view.template.phases.filter((p) => p.review)).toHaveLength(1);
    expect((await viewOf(made.sessionId, made.facilitatorToken)).followUps.map((x) => x.sessionId)).toEqual([third.sessionId]);
  });

  it('is refused once the session is erased', async () => {
    const { s } = await circleWithActions('To erase');
    expect((await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}`, { token: s.facilitatorToken })).status).toBe(204);
    expectApiError(await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/follow-ups`, { token: s.facilitatorToken, body: { start: 'notes' } }), 'unauthorized');
  });
});

