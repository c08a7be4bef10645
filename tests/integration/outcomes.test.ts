import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  CLOSE_CODES,
  getNotes,
  listNotes,
  outcomeRecordSchema,
  setNoteNoRecord,
  snapshotListResponseSchema,
  type OutcomeRecord,
  type SnapshotSummary,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { commandOnce, controlSession, type ControlSocket } from '../support/control.js';
import {
  RawBoard,
  addValidNote,
  connectStock,
  createSession,
  download,
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
const raws: RawBoard[] = [];

beforeAll(async () => {
  srv = await startInProcess();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.destroy();
  for (const r of raws) r.destroy();
  await srv.close();
});

async function control(token: string, url = srv.url) {
  const session = await controlSession(url, token);
  sockets.push(session.socket);
  return session;
}

/** A synced stock y-websocket client that also records the permission-denied reasons it is sent. */
async function stock(sessionId: string, token: string, wsUrl = srv.wsUrl) {
  const client = connectStock(wsUrl, sessionId, token);
  clients.push(client);
  const denied = recordDenials(client);
  await client.synced();
  return { ...client, denied };
}

const snapshotsOf = async (sessionId: string, token: string, base = srv.url): Promise<SnapshotSummary[]> => {
  const res = await request(base, 'GET', `/api/sessions/${sessionId}/snapshots`, { token });
  expect(res.status).toBe(200);
  return snapshotListResponseSchema.parse(res.body).snapshots;
};
const recordOf = async (snapshotId: string, token: string, base = srv.url): Promise<OutcomeRecord> => {
  const res = await request(base, 'GET', `/api/snapshots/${snapshotId}`, { token });
  expect(res.status).toBe(200);
  return outcomeRecordSchema.parse(res.body);
};

/** A learning circle in its welcome phase, with two group members and the facilitator's control socket. */
async function circle(title = 'Tuesday circle') {
  const s = await createSession(srv.url, title, 'Fay', { phase: null });
  const amara = await joinSession(srv.url, s.joinCode, 'Amara');
  const ben = await joinSession(srv.url, s.joinCode, 'Ben');
  const fay = await control(s.facilitatorToken);
  return { s, amara, ben, fay };
}

describe('snapshots', () => {
  it('are taken at every phase change, on request, and at the end, which is final and closes the session', async () => {
    const { s, amara, ben, fay } = await circle();
    expect(await fay.send({ type: 'phase.goto', phaseId: 'questions' })).toMatchObject({ ok: true });
    const a = await stock(s.sessionId, amara.participantToken);
    const noteId = addValidNote(a.doc, { text: 'What did the family say helped?', zone: 'questions' });
    const b = await stock(s.sessionId, ben.participantToken);
    await eventually(() => expect(getNotes(b.doc).has(noteId)).toBe(true));
    expect(await fay.send({ type: 'phase.next' })).toMatchObject({ ok: true });

    const manual = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
    expect(manual.status).toBe(201);
    expect(manual.body).toMatchObject({ reason: 'manual', phaseId: 'reflecting', final: false });

    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.endedAt).not.toBeNull());

    const list = await snapshotsOf(s.sessionId, amara.participantToken);
    expect(list.map((x) => [x.reason, x.phaseId, x.final])).toEqual([
      ['phase', 'welcome', false],
      ['phase', 'questions', false],
      ['manual', 'reflecting', false],
      ['end', 'reflecting', true],
    ]);
    expect(list.map((x) => x.takenAt)).toEqual([...list.map((x) => x.takenAt)].sort((p, q) => p - q));
    // The snapshot of the questions phase holds the question, with its writer's name.
    const questions = await recordOf(list[1]!.snapshotId, ben.participantToken);
    expect(questions.notes).toMatchObject([{ id: noteId, text: 'What did the family say helped?', author: 'Amara', zoneId: 'questions' }]);
    const final = await recordOf(list[3]!.snapshotId, ben.participantToken);
    expect(final).toMatchObject({ ended: true, title: 'Tuesday circle', phase: { id: 'reflecting' } });
    expect(final.participants.byRole).toEqual([
      { role: 'facilitator', count: 1, names: ['Fay'] },
      { role: 'participant', count: 2, names: ['Amara', 'Ben'] },
    ]);
    expect(final.phases.filter((p) => p.reached).map((p) => p.id)).toEqual(['welcome', 'questions', 'reflecting']);

    // Ended: nobody writes, facilitator included; the code admits nobody; nothing more is filed.
    const f = await stock(s.sessionId, s.facilitatorToken);
    addValidNote(f.doc, { text: 'After the end', zone: 'questions' });
    addValidNote(a.doc, { text: 'Me too', zone: 'questions' });
    await eventually(() => expect([f.denied, a.denied]).toEqual([['read-only'], ['read-only']]));
    const join = await request(srv.url, 'POST', '/api/join', { body: { joinCode: s.joinCode, name: 'Late' } });
    expect(join).toMatchObject({ status: 404, body: { error: { code: 'unknown_code' } } });
    expect(await fay.send({ type: 'phase.next' })).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    const again = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'session_ended' } } });
    // Ending twice takes no second final snapshot.
    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    expect((await snapshotsOf(s.sessionId, s.facilitatorToken)).filter((x) => x.final)).toHaveLength(1);
    const session = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}`, { token: amara.participantToken });
    expect(session.body.endedAt).toBe(fay.states.latest()!.state.endedAt);
  });

  it('hold the actions the group wrote in the actions phase, with owners and dates', async () => {
    const { s, amara, fay } = await circle();
    const a = await control(amara.participantToken);
    // Not yet the actions phase: a group member cannot write one.
    expect(await a.send({ type: 'action.add', text: 'Too early' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fay.send({ type: 'phase.goto', phaseId: 'actions' })).toMatchObject({ ok: true });
    expect(await a.send({ type: 'action.add', text: 'Bring a case to the next circle', owner: { kind: 'participant', participantId: amara.participantId }, due: '2027-01-12' })).toMatchObject({ ok: true });
    expect(await a.send({ type: 'action.add', text: 'Ask the family what helped', owner: { kind: 'name', name: 'Priya' }, due: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_command' },
    });
    await eventually(() => expect(fay.states.latest()!.state.actions.map((x) => x.text)).toEqual(['Bring a case to the next circle']));
    const taken = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
    const record = await recordOf(taken.body.snapshotId, amara.participantToken);
    expect(record.actions).toMatchObject([{ text: 'Bring a case to the next circle', owner: 'Amara', due: '2027-01-12', status: 'open' }]);
    expect(record.sections.find((x) => x.kind === 'actions')).toMatchObject({ label: 'Actions with owner and due date', actions: [{ owner: 'Amara' }] });
  });
});

describe('the outcome routes', () => {
  it('let anyone in the session read snapshots, and only a facilitator take them, change retention or erase', async () => {
    const { s, amara } = await circle();
    const other = await createSession(srv.url, 'Another team', 'Olu', { phase: null });
    const taken = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
    expect(taken.status).toBe(201);
    const snap = taken.body.snapshotId as string;

    const tokens = { facilitator: s.facilitatorToken, participant: amara.participantToken, otherSession: other.facilitatorToken, none: undefined, unknown: 'not-a-token' };
    const routes: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown; expect: Record<keyof typeof tokens, number> }[] = [
      { method: 'GET', path: `/api/sessions/${s.sessionId}/snapshots`, expect: { facilitator: 200, participant: 200, otherSession: 403, none: 401, unknown: 401 } },
      { method: 'POST', path: `/api/sessions/${s.sessionId}/snapshots`, body: {}, expect: { facilitator: 201, participant: 403, otherSession: 403, none: 401, unknown: 401 } },
      { method: 'GET', path: `/api/snapshots/${snap}`, expect: { facilitator: 200, participant: 200, otherSession: 404, none: 401, unknown: 401 } },
      { method: 'GET', path: `/api/snapshots/${snap}/export?format=json`, expect: { facilitator: 200, participant: 200, otherSession: 404, none: 401, unknown: 401 } },
      { method: 'PUT', path: `/api/sessions/${s.sessionId}/retention`, body: { days: 30 }, expect: { facilitator: 200, participant: 403, otherSession: 403, none: 401, unknown: 401 } },
      { method: 'DELETE', path: `/api/sessions/${s.sessionId}`, expect: { facilitator: 204, participant: 403, otherSession: 403, none: 401, unknown: 401 } },
    ];
    for (const route of routes) {
      // The facilitator goes last: their DELETE ends the session for the rest.
      for (const who of ['participant', 'otherSession', 'none', 'unknown', 'facilitator'] as const) {
        const res = await request(srv.url, route.method, route.path, { token: tokens[who], ...(route.body !== undefined ? { body: route.body } : {}) });
        expect(res.status, `${route.method} ${route.path} as ${who}: ${JSON.stringify(res.body)}`).toBe(route.expect[who]);
      }
    }
  });

  it('follow the role held now: a participant made facilitator may take a snapshot', async () => {
    const { s, amara, fay } = await circle();
    const path = `/api/sessions/${s.sessionId}/snapshots`;
    expect((await request(srv.url, 'POST', path, { token: amara.participantToken, body: {} })).status).toBe(403);
    expect(await fay.send({ type: 'role.set', participantId: amara.participantId, role: 'facilitator' })).toMatchObject({ ok: true });
    expect((await request(srv.url, 'POST', path, { token: amara.participantToken, body: {} })).status).toBe(201);
  });

  it('refuse bad bodies and queries with a clear error, and change nothing', async () => {
    const { s } = await circle();
    const token = s.facilitatorToken;
    for (const body of [{ days: 0 }, { days: 3651 }, { days: 'ninety' }, {}]) {
      const res = await request(srv.url, 'PUT', `/api/sessions/${s.sessionId}/retention`, { token, body });
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    }
    const bad = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token, body: { reason: 'end' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    expect(await snapshotsOf(s.sessionId, token)).toEqual([]);
    const taken = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token, body: {} });
    for (const query of ['', '?format=docx', '?format=svg&frame=' + 'x'.repeat(41)]) {
      const res = await request(srv.url, 'GET', `/api/snapshots/${taken.body.snapshotId}/export${query}`, { token });
      expect(res, query).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    }
    const unknownFrame = await request(srv.url, 'GET', `/api/snapshots/${taken.body.snapshotId}/export?format=svg&frame=nowhere`, { token });
    expect(unknownFrame).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const session = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}`, { token });
    expect(session.body.retention.days).toBe(90);
  });

  it('export every format with its type and a file name', async () => {
    const { s, amara, fay } = await circle('Circle: exports');
    // Take-aways are part of the circle's record (its questions are not).
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    const a = await stock(s.sessionId, amara.participantToken);
    addValidNote(a.doc, { text: 'Who else made it possible?', zone: 'takeaways' });
    const taken = await eventually(async () => {
      const t = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
      expect((await recordOf(t.body.snapshotId, s.facilitatorToken)).notes).toHaveLength(1);
      return t;
    });
    const types = { md: 'text/markdown', csv: 'text/csv', json: 'application/json', pdf: 'application/pdf', svg: 'image/svg+xml', png: 'image/png' };
    for (const [format, type] of Object.entries(types)) {
      const file = await download(srv.url, `/api/snapshots/${taken.body.snapshotId}/export?format=${format}`, amara.participantToken);
      expect(file.status, format).toBe(200);
      expect(file.type, format).toContain(type);
      expect(file.disposition, format).toMatch(new RegExp(`^attachment; filename="[a-z0-9-]+\\.${format}"$`));
      if (['md', 'csv', 'json', 'svg'].includes(format)) expect(file.bytes.toString('utf8'), format).toContain('Who else made it possible?');
    }
  });
});

describe("notes kept out of the record", () => {
  it('a note marked "don\'t record" is seen live but is in no snapshot and no export; only its writer or a facilitator may mark it', async () => {
    const { s, amara, ben, fay } = await circle();
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    const a = await stock(s.sessionId, amara.participantToken);
    const b = await stock(s.sessionId, ben.participantToken);
    const secret = 'Said to be heard about a named colleague';
    const heard = addValidNote(a.doc, { text: secret, zone: 'takeaways' });
    const kept = addValidNote(a.doc, { text: 'What did you draw on?', zone: 'takeaways' });
    setNoteNoRecord(a.doc, heard, true);
    await eventually(() => expect(listNotes(b.doc).find((n) => n.id === heard)).toMatchObject({ text: secret, noRecord: true }));

    // Ben may not mark Amara's note: the server refuses the write and cuts that socket off.
    const raw = await RawBoard.open(srv.wsUrl, s.sessionId, ben.participantToken);
    raws.push(raw);
    raw.change((doc) => setNoteNoRecord(doc, kept, true));
    expect((await raw.closed).code).toBe(CLOSE_CODES.forbidden);

    const taken = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
    const record = await recordOf(taken.body.snapshotId, s.facilitatorToken);
    expect(record.notes.map((n) => n.id)).toEqual([kept]);
    for (const format of ['md', 'csv', 'json', 'svg']) {
      const file = await download(srv.url, `/api/snapshots/${taken.body.snapshotId}/export?format=${format}`, s.facilitatorToken);
      expect(file.bytes.toString('utf8'), format).not.toContain(secret);
      expect(file.bytes.toString('utf8'), format).toContain('What did you draw on?');
    }
  });

  it('a participant withdraws their own note from the board and every snapshot, until the session ends', async () => {
    const { s, amara, ben, fay } = await circle();
    expect(await fay.send({ type: 'phase.goto', phaseId: 'learning' })).toMatchObject({ ok: true });
    const a = await stock(s.sessionId, amara.participantToken);
    const b = await stock(s.sessionId, ben.participantToken);
    const mine = addValidNote(a.doc, { text: 'I would rather this were not filed', zone: 'takeaways' });
    const bens = addValidNote(b.doc, { text: 'What would the child say?', zone: 'takeaways' });
    await eventually(() => expect(getNotes(a.doc).has(bens)).toBe(true));
    await eventually(() => expect(getNotes(b.doc).has(mine)).toBe(true));
    expect(await fay.send({ type: 'phase.next' })).toMatchObject({ ok: true });
    // The second snapshot: the first holds the welcome phase, left for the learning.
    const phaseSnap = (await snapshotsOf(s.sessionId, s.facilitatorToken)).at(-1);
    expect(phaseSnap).toMatchObject({ reason: 'phase', phaseId: 'learning' });
    expect((await recordOf(phaseSnap!.snapshotId, s.facilitatorToken)).notes.map((n) => n.id).sort()).toEqual([mine, bens].sort());

    const amaraControl = await control(amara.participantToken);
    expect(await amaraControl.send({ type: 'note.withdraw', noteId: bens })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await amaraControl.send({ type: 'note.withdraw', noteId: 'no-such-note' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await amaraControl.send({ type: 'note.withdraw', noteId: mine })).toMatchObject({ ok: true });
    await eventually(() => expect(getNotes(b.doc).has(mine)).toBe(false));
    const rewritten = await recordOf(phaseSnap!.snapshotId, s.facilitatorToken);
    expect(rewritten.notes.map((n) => n.id)).toEqual([bens]);
    const md = await download(srv.url, `/api/snapshots/${phaseSnap!.snapshotId}/export?format=md`, s.facilitatorToken);
    expect(md.bytes.toString('utf8')).not.toContain('I would rather this were not filed');

    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    const benControl = await control(ben.participantToken);
    expect(await benControl.send({ type: 'note.withdraw', noteId: bens })).toMatchObject({ ok: false, error: { code: 'session_ended' } });
  });
});

/** Files of a data folder that hold the text, anywhere in their bytes. */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));
}

describe('erasing a session', () => {
  it('removes the session, its boards, snapshots, votes and actions for good: tokens, code and snapshot ids stop working, also after a restart', async () => {
    const server = await startInProcess();
    try {
      const stamp = `${Date.now()}`;
      const s = await createSession(server.url, `Erased team ${stamp}`, 'Fay', { phase: 'questions' });
      const amara = await joinSession(server.url, s.joinCode, 'Amara');
      const a = await stock(s.sessionId, amara.participantToken, server.wsUrl);
      const sharedText = `shared words ${stamp}`;
      addValidNote(a.doc, { text: sharedText, zone: 'questions' });
      const fay = await control(s.facilitatorToken, server.url);
      await eventually(async () => {
        const taken = await request(server.url, 'POST', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken, body: {} });
        expect((await recordOf(taken.body.snapshotId, s.facilitatorToken, server.url)).notes.map((n) => n.text)).toContain(sharedText);
      });
      expect(await fay.send({ type: 'phase.goto', phaseId: 'actions' })).toMatchObject({ ok: true });
      const actionText = `action words ${stamp}`;
      expect(await fay.send({ type: 'action.add', text: actionText })).toMatchObject({ ok: true });
      const [snap] = await snapshotsOf(s.sessionId, s.facilitatorToken, server.url);
      const kept = await createSession(server.url, `Kept team ${stamp}`, 'Kim', { phase: null });

      if (process.env.TEST_STORE !== 'postgres') {
        for (const text of [sharedText, actionText, `Erased team ${stamp}`]) expect(filesHolding(server.dataDir, text), text).not.toEqual([]);
      }
      const res = await request(server.url, 'DELETE', `/api/sessions/${s.sessionId}`, { token: s.facilitatorToken });
      expect(res.status).toBe(204);

      // Open sockets are told and cut off.
      await eventually(() => expect(a.closes).toContain(CLOSE_CODES.unauthorized));
      await eventually(() => expect(fay.closing).toMatchObject([{ code: 'unauthorized' }]));
      const gone = async (base: string) => {
        expect((await request(base, 'GET', `/api/sessions/${s.sessionId}`, { token: s.facilitatorToken })).status).toBe(401);
        expect((await request(base, 'GET', `/api/sessions/${s.sessionId}/snapshots`, { token: amara.participantToken })).status).toBe(401);
        expect((await request(base, 'GET', `/api/snapshots/${snap!.snapshotId}`, { token: s.facilitatorToken })).status).toBe(401);
        // Asked with a live token of another session, the snapshot id is simply not there.
        expect((await request(base, 'GET', `/api/snapshots/${snap!.snapshotId}`, { token: kept.facilitatorToken })).status).toBe(404);
        expect((await request(base, 'POST', '/api/join', { body: { joinCode: s.joinCode, name: 'Late' } })).status).toBe(404);
      };
      await gone(server.url);
      if (process.env.TEST_STORE !== 'postgres') {
        for (const text of [sharedText, actionText, `Erased team ${stamp}`, s.facilitatorToken]) expect(filesHolding(server.dataDir, text), text).toEqual([]);
        expect(filesHolding(server.dataDir, `Kept team ${stamp}`)).not.toEqual([]);
      }

      await server.close();
      const again = await startInProcess({}, server.dataDir);
      try {
        await gone(again.url);
        expect((await request(again.url, 'GET', `/api/sessions/${kept.sessionId}`, { token: kept.facilitatorToken })).status).toBe(200);
      } finally {
        await again.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('retention', () => {
  it('the sweep erases sessions past their retention, by a clock the test controls, and logs only their ids', async () => {
    let clock = Date.now();
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const server = await startInProcess({ RETENTION_SWEEP_MS: '0' }, undefined, { now: () => clock, log });
    try {
      const stale = await createSession(server.url, 'Stale secret title', 'Fay', { phase: null });
      const longer = await createSession(server.url, 'Kept for a year', 'Fay', { phase: null });
      const busy = await createSession(server.url, 'Still in use', 'Fay', { phase: null });
      expect((await request(server.url, 'PUT', `/api/sessions/${longer.sessionId}/retention`, { token: longer.facilitatorToken, body: { days: 365 } })).body).toMatchObject({ days: 365 });
      const view = await request(server.url, 'GET', `/api/sessions/${stale.sessionId}`, { token: stale.facilitatorToken });
      expect(view.body.retention.days).toBe(90);
      expect(view.body.retention.expiresAt - view.body.retention.lastActivityAt).toBe(90 * 86_400_000);

      clock += 60 * 86_400_000;
      // Sixty days on, the busy session has activity: its ninety days start again.
      expect(await commandOnce(server.url, busy.facilitatorToken, { type: 'phase.next' })).toMatchObject({ ok: true });
      await eventually(async () => {
        const r = await request(server.url, 'GET', `/api/sessions/${busy.sessionId}`, { token: busy.facilitatorToken });
        expect(r.body.retention.lastActivityAt).toBe(clock);
      });
      expect(await server.server.sweepRetention()).toEqual([]);

      clock += 31 * 86_400_000;
      expect(await server.server.sweepRetention()).toEqual([stale.sessionId]);
      expect((await request(server.url, 'GET', `/api/sessions/${stale.sessionId}`, { token: stale.facilitatorToken })).status).toBe(401);
      for (const live of [longer, busy]) expect((await request(server.url, 'GET', `/api/sessions/${live.sessionId}`, { token: live.facilitatorToken })).status).toBe(200);
      const erasures = lines.filter((l) => l.includes('retention ran out'));
      expect(erasures).toHaveLength(1);
      expect(JSON.parse(erasures[0]!)).toMatchObject({ sessionId: stale.sessionId });
      expect(lines.join('\n')).not.toContain('Stale secret title');

      clock += 400 * 86_400_000;
      expect((await server.server.sweepRetention()).sort()).toEqual([longer.sessionId, busy.sessionId].sort());
    } finally {
      await server.close();
    }
  });
});
