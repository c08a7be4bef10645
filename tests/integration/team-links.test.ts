import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LIMITS,
  PROTOCOL_VERSION,
  connectErrorDataSchema,
  createdTeamLinkSchema,
  getNotes,
  listNotes,
  setNoteNoRecord,
  snapshotBoardSchema,
  snapshotListResponseSchema,
  teamLinkListResponseSchema,
  teamViewSchema,
  type CreateSessionResponse,
  type CreatedTeamLink,
  type SnapshotSummary,
} from '@balcony/shared';
import { configFromEnv } from '../../server/src/config.js';
import { createApp, type AppHooks } from '../../server/src/http/app.js';
import { createLogger } from '../../server/src/logger.js';
import { eventually } from '../support/eventually.js';
import { controlSession, openControl, type ControlSocket } from '../support/control.js';
import {
  ROOT,
  addValidNote,
  connectStock,
  createSession,
  expectApiError,
  joinSession,
  openRaw,
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

async function control(token: string, url = srv.url) {
  const session = await controlSession(url, token);
  sockets.push(session.socket);
  return session;
}

async function makeLink(sessionId: string, facilitatorToken: string, body: unknown = {}, base = srv.url): Promise<CreatedTeamLink> {
  const res = await request(base, 'POST', `/api/sessions/${sessionId}/team-links`, { token: facilitatorToken, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return createdTeamLinkSchema.parse(res.body);
}

async function takeSnapshot(sessionId: string, facilitatorToken: string, base = srv.url): Promise<SnapshotSummary> {
  const res = await request(base, 'POST', `/api/sessions/${sessionId}/snapshots`, { token: facilitatorToken, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as SnapshotSummary;
}

const linksOf = async (sessionId: string, token: string, base = srv.url) => {
  const res = await request(base, 'GET', `/api/sessions/${sessionId}/team-links`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return teamLinkListResponseSchema.parse(res.body).links;
};

/** A session with a group member, a snapshot, and a team link. */
async function withLink(title = 'Tuesday circle', base = srv.url) {
  const s = await createSession(base, title, 'Fay', { phase: null });
  const amara = await joinSession(base, s.joinCode, 'Amara');
  const snap = await takeSnapshot(s.sessionId, s.facilitatorToken, base);
  const link = await makeLink(s.sessionId, s.facilitatorToken, { label: 'For the whole team' }, base);
  return { s, amara, snap, link };
}

/** The read routes a team link opens, for a session and one of its snapshots. */
const readRoutes = (sessionId: string, snapshotId: string) => [
  '/api/team',
  `/api/sessions/${sessionId}/snapshots`,
  `/api/snapshots/${snapshotId}`,
  `/api/snapshots/${snapshotId}/board`,
  `/api/snapshots/${snapshotId}/export?format=md`,
];

/** Every route of the API as mounted, `METHOD /path`, read from the app itself. */
function mountedApiRoutes(): string[] {
  const never = () => {
    throw new Error('not called while routes are listed');
  };
  const hooks: AppHooks = {
    authenticate: never,
    onParticipantJoined: never,
    onSessionStateChanged: never,
    readiness: never,
    outcomes: { snapshots: { take: never, takeRecord: never }, erase: never, onActivity: never, now: Date.now },
  };
  const app = createApp(configFromEnv({ DATA_DIR: srv.dataDir }, ROOT), srv.server.store, createLogger('silent'), hooks);
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const found: string[] = [];
  // Only inside routers: the routes of the app itself are the client's pages, not the API.
  const walk = (stack: Layer[], inRouter: boolean) => {
    for (const layer of stack) {
      if (layer.route && inRouter) for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} /api${String(layer.route.path)}`);
      else if (layer.handle?.stack) walk(layer.handle.stack, true);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, false);
  return found.sort();
}

describe('a team link', () => {
  it('reads its own session\'s snapshots, records, boards and exports, and answers 401 on every other route of the API', async () => {
    const { s, snap, link } = await withLink();
    const other = await withLink('Another team');
    const rawPath = (p: string) => p.replace(s.sessionId, ':sessionId').replace(snap.snapshotId, ':snapshotId').replace(link.linkId, ':linkId').split('?')[0]!;
    type Route = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown; team: number | 'public'; otherTeam?: number };
    const routes: Route[] = [
      // Open to anyone: a team token there is the same as none.
      { method: 'GET', path: '/api/health', team: 'public' },
      { method: 'GET', path: '/api/ready', team: 'public' },
      { method: 'GET', path: '/api/templates', team: 'public' },
      { method: 'POST', path: '/api/sessions', body: { title: 'Started by anyone', template: 'what-works-circle', facilitatorName: 'Kim' }, team: 'public' },
      { method: 'POST', path: '/api/join', body: { joinCode: s.joinCode, name: 'Kim' }, team: 'public' },
      // What a link opens.
      { method: 'GET', path: '/api/team', team: 200 },
      { method: 'GET', path: `/api/sessions/${s.sessionId}/snapshots`, team: 200, otherTeam: 403 },
      { method: 'GET', path: `/api/snapshots/${snap.snapshotId}`, team: 200, otherTeam: 404 },
      { method: 'GET', path: `/api/snapshots/${snap.snapshotId}/board`, team: 200, otherTeam: 404 },
      { method: 'GET', path: `/api/snapshots/${snap.snapshotId}/export?format=json`, team: 200, otherTeam: 404 },
      // Everything else is a participant's.
      { method: 'GET', path: `/api/sessions/${s.sessionId}`, team: 401 },
      { method: 'POST', path: `/api/sessions/${s.sessionId}/join-lock`, body: { locked: true }, team: 401 },
      { method: 'POST', path: `/api/sessions/${s.sessionId}/snapshots`, body: {}, team: 401 },
      { method: 'PUT', path: `/api/sessions/${s.sessionId}/retention`, body: { days: 7 }, team: 401 },
      { method: 'DELETE', path: `/api/sessions/${s.sessionId}`, team: 401 },
      { method: 'POST', path: `/api/sessions/${s.sessionId}/team-links`, body: { label: 'Made by a link' }, team: 401 },
      { method: 'GET', path: `/api/sessions/${s.sessionId}/team-links`, team: 401 },
      { method: 'DELETE', path: `/api/sessions/${s.sessionId}/team-links/${link.linkId}`, team: 401 },
      { method: 'POST', path: `/api/sessions/${s.sessionId}/follow-ups`, body: { start: 'empty' }, team: 401 },
    ];
    // The table is the whole API: a route added later must say here what a team link gets there.
    expect(routes.map((r) => `${r.method} ${rawPath(r.path)}`).sort()).toEqual(mountedApiRoutes());

    for (const route of routes) {
      const send = (token: string | undefined) => request(srv.url, route.method, route.path, { token, ...(route.body !== undefined ? { body: route.body } : {}) });
      const res = await send(link.token);
      const label = `${route.method} ${route.path}: ${JSON.stringify(res.body)}`;
      if (route.team === 'public') {
        expect(res.status, label).toBe((await send(undefined)).status);
        expect(res.status, label).toBeLessThan(400);
      } else {
        expect(res.status, label).toBe(route.team);
        if (route.team === 401) expect(res.body.error.code, label).toBe('unauthorized');
      }
      if (route.otherTeam !== undefined) expect((await send(other.link.token)).status, `${label} with another session's link`).toBe(route.otherTeam);
    }

    // Nothing it was refused happened.
    const view = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}`, { token: s.facilitatorToken });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ joinLocked: false, retention: { days: 90 }, endedAt: null });
    const listed = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}/snapshots`, { token: s.facilitatorToken });
    expect(snapshotListResponseSchema.parse(listed.body).snapshots).toEqual([snap]);
    expect(await linksOf(s.sessionId, s.facilitatorToken)).toEqual([{ linkId: link.linkId, label: 'For the whole team', createdAt: link.createdAt }]);
  });

  it('says what it opens, and nothing more: title, template, its label, the snapshots and the actions still open in the newest', async () => {
    const s = await createSession(srv.url, 'Case review', 'Fay', { phase: null });
    const amara = await joinSession(srv.url, s.joinCode, 'Amara');
    const link = await makeLink(s.sessionId, s.facilitatorToken, { label: '  Our team  ', unknown: 'dropped' });
    expect(link.label).toBe('Our team');
    const plain = await makeLink(s.sessionId, s.facilitatorToken);
    expect(plain.label).toBeNull();

    const before = await request(srv.url, 'GET', '/api/team', { token: link.token });
    expect(teamViewSchema.parse(before.body)).toEqual({
      sessionId: s.sessionId,
      title: 'Case review',
      template: expect.objectContaining({ id: 'what-works-circle' }),
      createdAt: expect.any(Number),
      endedAt: null,
      label: 'Our team',
      openActions: 0,
      snapshots: [],
    });
    // Whitelisted: no join code, no participants, no live state.
    expect(Object.keys(before.body).sort()).toEqual(Object.keys(teamViewSchema.shape).sort());
    expect(JSON.stringify(before.body)).not.toContain(s.joinCode);
    expect(JSON.stringify(before.body)).not.toContain(amara.participantId);

    const fay = await control(s.facilitatorToken);
    expect(await fay.send({ type: 'phase.goto', phaseId: 'actions' })).toMatchObject({ ok: true });
    for (const text of ['Bring a case to the next circle', 'Ask the family what helped', 'Book the room']) {
      expect(await fay.send({ type: 'action.add', text })).toMatchObject({ ok: true });
    }
    const done = (await eventually(() => {
      const actions = fay.states.latest()!.state.actions;
      expect(actions).toHaveLength(3);
      return actions;
    }))[2]!;
    expect(await fay.send({ type: 'action.update', actionId: done.id, status: 'done' })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.actions.filter((a) => a.status === 'open')).toHaveLength(2));
    const first = await takeSnapshot(s.sessionId, s.facilitatorToken);
    expect(await fay.send({ type: 'session.end' })).toMatchObject({ ok: true });
    await eventually(() => expect(fay.states.latest()!.state.endedAt).not.toBeNull());

    const after = teamViewSchema.parse((await request(srv.url, 'GET', '/api/team', { token: plain.token })).body);
    expect(after.label).toBeNull();
    expect(after.openActions).toBe(2);
    expect(after.endedAt).toBe(fay.states.latest()!.state.endedAt);
    const listed = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}/snapshots`, { token: plain.token });
    expect(after.snapshots).toEqual(snapshotListResponseSchema.parse(listed.body).snapshots);
    expect(after.snapshots.map((x) => [x.snapshotId === first.snapshotId, x.reason, x.final])).toEqual([
      [false, 'phase', false],
      [true, 'manual', false],
      [false, 'end', true],
    ]);
  });

  it('opens a snapshot\'s board as an observer sees it: the filed notes and not a don\'t-record one, no private counts or pause requests', async () => {
    const s = await createSession(srv.url, 'Circle: the board', 'Fay');
    const amara = await joinSession(srv.url, s.joinCode, 'Amara');
    const a = connectStock(srv.wsUrl, s.sessionId, amara.participantToken);
    clients.push(a);
    await a.synced();
    const kept = addValidNote(a.doc, { text: 'What did you draw on?', zone: 'takeaways' });
    const secret = 'Said to be heard about a named colleague';
    const heard = addValidNote(a.doc, { text: secret, zone: 'takeaways' });
    setNoteNoRecord(a.doc, heard, true);
    const amaraControl = await control(amara.participantToken);
    expect(await amaraControl.send({ type: 'pause.request' })).toMatchObject({ ok: true });
    const fay = await control(s.facilitatorToken);
    await eventually(() => expect(fay.states.latest()!.state.pauseRequests).toHaveLength(1));
    const snap = await eventually(async () => {
      const taken = await takeSnapshot(s.sessionId, s.facilitatorToken);
      const record = await request(srv.url, 'GET', `/api/snapshots/${taken.snapshotId}`, { token: s.facilitatorToken });
      expect(record.body.notes.map((n: { id: string }) => n.id)).toEqual([kept]);
      return taken;
    });
    const link = await makeLink(s.sessionId, s.facilitatorToken);

    for (const token of [link.token, amara.participantToken]) {
      const res = await request(srv.url, 'GET', `/api/snapshots/${snap.snapshotId}/board`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const board = snapshotBoardSchema.parse(res.body);
      expect(board).toMatchObject({ ...snap, sessionId: s.sessionId });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(board.board, 'base64'));
      expect([...getNotes(doc).keys()]).toEqual([kept]);
      expect(listNotes(doc)[0]).toMatchObject({ text: 'What did you draw on?', authorId: amara.participantId });
      expect(JSON.stringify(res.body)).not.toContain(secret);
      // As nobody in particular sees it, facilitator or not.
      expect(board.state.pauseRequests).toEqual([]);
      expect(board.state.privateCounts).toEqual({});
      expect(board.state.phase.id).toBe('learning');
      expect(board.participants.map((p) => [p.name, p.role]).sort()).toEqual([
        ['Amara', 'participant'],
        ['Fay', 'facilitator'],
      ]);
      doc.destroy();
    }
  });

  it("names nobody on an anonymous session's board", async () => {
    const s = await createSession(srv.url, 'Anonymous circle', 'Fay', { anonymous: true });
    await joinSession(srv.url, s.joinCode, 'Amara');
    const snap = await takeSnapshot(s.sessionId, s.facilitatorToken);
    const link = await makeLink(s.sessionId, s.facilitatorToken);
    const board = snapshotBoardSchema.parse((await request(srv.url, 'GET', `/api/snapshots/${snap.snapshotId}/board`, { token: link.token })).body);
    expect(board.participants).toEqual([]);
    expect(board.state.anonymous).toBe(true);
  });

  it('opens no control socket and no board socket, and is sent no note', async () => {
    // In a phase where everyone writes, so that there is something to be sent.
    const s = await createSession(srv.url, 'Circle: sockets', 'Fay');
    const amara = await joinSession(srv.url, s.joinCode, 'Amara');
    const link = await makeLink(s.sessionId, s.facilitatorToken);
    const refusal = await new Promise<unknown>((resolve, reject) => {
      const socket = openControl(srv.url, link.token);
      sockets.push(socket);
      socket.on('connect', () => reject(new Error('a team link opened a control socket')));
      socket.on('connect_error', (err) => resolve((err as Error & { data: unknown }).data));
    });
    expect(connectErrorDataSchema.parse(refusal)).toMatchObject({ code: 'unauthorized' });

    expect(await openRaw(srv.wsUrl, s.sessionId, link.token)).toEqual({ ok: false, status: 401 });
    expect(await openRaw(srv.wsUrl, s.sessionId, link.token, { private: true })).toEqual({ ok: false, status: 401 });

    const honest = connectStock(srv.wsUrl, s.sessionId, amara.participantToken);
    clients.push(honest);
    await honest.synced();
    const intruder = connectStock(srv.wsUrl, s.sessionId, link.token);
    clients.push(intruder);
    let seen = 0;
    intruder.doc.on('update', () => seen++);
    const denied = recordDenials(honest);
    const written = [addValidNote(honest.doc, { text: 'Written while the link knocks' })];
    await eventually(() => expect(intruder.closes.length).toBeGreaterThanOrEqual(2), 10_000);
    written.push(addValidNote(honest.doc, { text: 'And again' }));
    await eventually(() => expect(intruder.closes.length).toBeGreaterThanOrEqual(3), 10_000);
    // The writes were taken: a second honest reader has them.
    const check = connectStock(srv.wsUrl, s.sessionId, s.facilitatorToken);
    clients.push(check);
    await eventually(() => expect(listNotes(check.doc).map((n) => n.id).sort()).toEqual([...written].sort()));
    expect(denied).toEqual([]);
    expect(seen).toBe(0);
    expect(intruder.provider.synced).toBe(false);
    expect(listNotes(intruder.doc)).toEqual([]);
    // Refused before the upgrade, every time: no socket was ever opened to be closed.
    expect(new Set(intruder.closes)).toEqual(new Set([1006]));
  });
});

describe('making, listing and revoking team links', () => {
  it("is a facilitator's alone, by the role held now", async () => {
    const { s, amara, link } = await withLink('Circle: who makes links');
    const other = await createSession(srv.url, 'Another team', 'Olu', { phase: null });
    const base = `/api/sessions/${s.sessionId}/team-links`;
    const tokens = { participant: amara.participantToken, otherSession: other.facilitatorToken, none: undefined, unknown: 'not-a-token' };
    const expected = { participant: 403, otherSession: 403, none: 401, unknown: 401 };
    for (const [who, token] of Object.entries(tokens) as [keyof typeof tokens, string | undefined][]) {
      expect((await request(srv.url, 'POST', base, { token, body: {} })).status, `POST as ${who}`).toBe(expected[who]);
      expect((await request(srv.url, 'GET', base, { token })).status, `GET as ${who}`).toBe(expected[who]);
      expect((await request(srv.url, 'DELETE', `${base}/${link.linkId}`, { token })).status, `DELETE as ${who}`).toBe(expected[who]);
    }
    // An unknown session: 404 to a token of another, as every session route answers.
    expect((await request(srv.url, 'GET', `/api/sessions/no-such-session/team-links`, { token: s.facilitatorToken })).status).toBe(404);
    expect(await linksOf(s.sessionId, s.facilitatorToken)).toHaveLength(1);

    const fay = await control(s.facilitatorToken);
    expect(await fay.send({ type: 'role.set', participantId: amara.participantId, role: 'facilitator' })).toMatchObject({ ok: true });
    const hers = await makeLink(s.sessionId, amara.participantToken, { label: 'For the managers' });
    expect((await linksOf(s.sessionId, amara.participantToken)).map((l) => l.linkId)).toEqual([link.linkId, hers.linkId]);
    expect(await fay.send({ type: 'role.set', participantId: amara.participantId, role: 'participant' })).toMatchObject({ ok: true });
    expect((await request(srv.url, 'DELETE', `${base}/${hers.linkId}`, { token: amara.participantToken })).status).toBe(403);
  });

  it('gives each token once, lists live links oldest first without tokens, and revokes a link of this session only', async () => {
    const { s, snap, link } = await withLink('Circle: revoking');
    const other = await withLink('Another team');
    const second = await makeLink(s.sessionId, s.facilitatorToken, { label: 'For Amara' });
    expect(second.token).not.toBe(link.token);
    const listed = await request(srv.url, 'GET', `/api/sessions/${s.sessionId}/team-links`, { token: s.facilitatorToken });
    expect(listed.body).toEqual({
      links: [
        { linkId: link.linkId, label: 'For the whole team', createdAt: link.createdAt },
        { linkId: second.linkId, label: 'For Amara', createdAt: second.createdAt },
      ],
    });
    expect(JSON.stringify(listed.body)).not.toContain(link.token);

    // Another session's link, or one that never was: not found, and nothing revoked.
    for (const linkId of [other.link.linkId, 'no-such-link']) {
      expectApiError(await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}/team-links/${linkId}`, { token: s.facilitatorToken }), 'not_found');
    }
    expect((await request(srv.url, 'GET', '/api/team', { token: other.link.token })).status).toBe(200);

    const revoked = await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}/team-links/${link.linkId}`, { token: s.facilitatorToken });
    expect(revoked.status).toBe(204);
    expectApiError(await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}/team-links/${link.linkId}`, { token: s.facilitatorToken }), 'not_found');
    expect((await linksOf(s.sessionId, s.facilitatorToken)).map((l) => l.linkId)).toEqual([second.linkId]);
    for (const path of readRoutes(s.sessionId, snap.snapshotId)) {
      expectApiError(await request(srv.url, 'GET', path, { token: link.token }), 'unauthorized');
      expect((await request(srv.url, 'GET', path, { token: second.token })).status, path).toBe(200);
    }
  });

  it(`keeps at most ${LIMITS.teamLinksPerSession} live links a session, and makes room for one revoked`, async () => {
    const s = await createSession(srv.url, 'Circle: many links', 'Fay', { phase: null });
    const made: CreatedTeamLink[] = [];
    for (let i = 0; i < LIMITS.teamLinksPerSession; i++) made.push(await makeLink(s.sessionId, s.facilitatorToken, { label: `Link ${i + 1}` }));
    const refused = await request(srv.url, 'POST', `/api/sessions/${s.sessionId}/team-links`, { token: s.facilitatorToken, body: { label: 'One too many' } });
    expectApiError(refused, 'too_many_links', /revoke/i);
    expect(refused.status).toBe(409);
    const links = await linksOf(s.sessionId, s.facilitatorToken);
    expect(links.map((l) => l.label)).toEqual(made.map((l) => l.label));
    expect((await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}/team-links/${made[3]!.linkId}`, { token: s.facilitatorToken })).status).toBe(204);
    await makeLink(s.sessionId, s.facilitatorToken, { label: 'In its place' });
    expect(await linksOf(s.sessionId, s.facilitatorToken)).toHaveLength(LIMITS.teamLinksPerSession);
  });

  it('refuses bad bodies with invalid_body, and makes no link', async () => {
    const s = await createSession(srv.url, 'Circle: bad bodies', 'Fay', { phase: null });
    const path = `/api/sessions/${s.sessionId}/team-links`;
    const bodies: [unknown, string | undefined][] = [
      [{ label: 'x'.repeat(LIMITS.teamLinkLabelMax + 1) }, 'label'],
      [{ label: 42 }, 'label'],
      [{ label: '   ' }, 'label'],
      [{ label: ['For', 'the team'] }, 'label'],
      [{ label: null }, 'label'],
      [[], undefined],
    ];
    for (const [body, field] of bodies) {
      const res = await request(srv.url, 'POST', path, { token: s.facilitatorToken, body });
      expectApiError(res, 'invalid_body');
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expectApiError(await request(srv.url, 'POST', path, { token: s.facilitatorToken, rawBody: '{"label": ' }), 'invalid_json');
    expect(await linksOf(s.sessionId, s.facilitatorToken)).toEqual([]);
    // The longest label allowed is kept whole.
    const longest = 'y'.repeat(LIMITS.teamLinkLabelMax);
    expect((await makeLink(s.sessionId, s.facilitatorToken, { label: longest })).label).toBe(longest);
  });
});

describe('a team link that ends', () => {
  it('answers 401 everywhere once revoked, also after a restart, while a live one still reads', async () => {
    const server = await startInProcess();
    let again: InProcess | null = null;
    try {
      const { s, snap, link } = await withLink('Circle: restart', server.url);
      const live = await makeLink(s.sessionId, s.facilitatorToken, { label: 'Still live' }, server.url);
      expect((await request(server.url, 'DELETE', `/api/sessions/${s.sessionId}/team-links/${link.linkId}`, { token: s.facilitatorToken })).status).toBe(204);
      const check = async (base: string) => {
        for (const path of readRoutes(s.sessionId, snap.snapshotId)) {
          expectApiError(await request(base, 'GET', path, { token: link.token }), 'unauthorized');
          expect((await request(base, 'GET', path, { token: live.token })).status, path).toBe(200);
        }
      };
      await check(server.url);
      await server.close();
      again = await startInProcess({}, server.dataDir);
      await check(again.url);
      expect((await linksOf(s.sessionId, s.facilitatorToken, again.url)).map((l) => l.linkId)).toEqual([live.linkId]);
    } finally {
      await server.close();
      await again?.close();
    }
  });

  it('goes with its session when the session is erased', async () => {
    const { s, snap, link } = await withLink('Circle: erased');
    const kept: { s: CreateSessionResponse; link: CreatedTeamLink } = await withLink('Circle: kept');
    expect((await request(srv.url, 'GET', '/api/team', { token: link.token })).status).toBe(200);
    expect((await request(srv.url, 'DELETE', `/api/sessions/${s.sessionId}`, { token: s.facilitatorToken })).status).toBe(204);
    for (const path of readRoutes(s.sessionId, snap.snapshotId)) expectApiError(await request(srv.url, 'GET', path, { token: link.token }), 'unauthorized');
    expect((await request(srv.url, 'GET', '/api/team', { token: kept.link.token })).body.sessionId).toBe(kept.s.sessionId);
  });
});
