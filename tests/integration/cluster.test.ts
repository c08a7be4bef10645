import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  createdTeamLinkSchema,
  followUpResponseSchema,
  deleteNote,
  getNotes,
  presenceEventSchema,
  versionedSessionStateViewSchema,
  type PresenceEvent,
  type VersionedSessionStateView,
} from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { command, commandOnce, controlConnected, openControl, recordStates } from '../support/control.js';
import { POSTGRES_URL, createSchema, dropSchema, freshSchema } from '../support/postgres.js';
import { PrivateRedis, REDIS_URL } from '../support/redis.js';
import {
  addValidNote,
  connectStock,
  createSession,
  joinSession,
  request,
  startInProcess,
  type InProcess,
  type StockClient,
} from './helpers.js';

// Several nodes need a database they share and a Redis: .ci/run provides both when they answer.
describe.skipIf(!POSTGRES_URL || !REDIS_URL)('several nodes serving one session', () => {
  let schema: string;
  let databaseUrl: string;
  const nodes: InProcess[] = [];
  const clients: StockClient[] = [];
  const sockets: Socket[] = [];
  const redises: PrivateRedis[] = [];

  /** A node on the shared database and the given Redis, its keys apart from other test runs'. */
  async function startNode(redisUrl = REDIS_URL!, prefix = `test-${schema}`, env: Record<string, string> = {}): Promise<InProcess> {
    const node = await startInProcess({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, ...env });
    nodes.push(node);
    return node;
  }
  function client(node: InProcess, sessionId: string, token: string): StockClient {
    const c = connectStock(node.wsUrl, sessionId, token);
    clients.push(c);
    return c;
  }
  const noteIdsOf = (c: StockClient) => [...getNotes(c.doc).keys()].sort();
  /** A control socket as the page opens one; it reconnects only when the test asks for that. */
  function control(node: InProcess, token: string, reconnection = false): Socket {
    const s = io(node.url, { auth: { token, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], reconnection, forceNew: true });
    sockets.push(s);
    return s;
  }

  beforeAll(async () => {
    schema = freshSchema();
    await createSchema(POSTGRES_URL!, schema);
    const url = new URL(POSTGRES_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(nodes.splice(0).map((n) => n.close()));
    for (const r of redises.splice(0)) await r.kill();
  });
  afterAll(async () => {
    await dropSchema(POSTGRES_URL!, schema);
  });

  it('spreads one session over three nodes: notes and cursors reach everyone, and a late node serves it all', async () => {
    const [a, b, c] = [await startNode(), await startNode(undefined, undefined, { METRICS: '1' }), await startNode()];
    const session = await createSession(a.url);
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const sam = await joinSession(c.url, session.joinCode, 'Sam');
    const onA = client(a, session.sessionId, session.facilitatorToken);
    const onB = client(b, session.sessionId, pat.participantToken);
    const onC = client(c, session.sessionId, sam.participantToken);
    await Promise.all([onA, onB, onC].map((x) => x.synced()));

    const written: string[] = [];
    for (let i = 0; i < 5; i++) for (const x of [onA, onB, onC]) written.push(addValidNote(x.doc, { text: `note ${i}` }));
    await eventually(() => {
      for (const x of [onA, onB, onC]) expect(noteIdsOf(x)).toEqual([...written].sort());
    });
    // Node B applied the ten notes written on A and C, and timed how long each took to arrive.
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^balcony_board_updates_relayed_in_total 10$/m);
    expect(metrics).toMatch(/^balcony_relay_lag_seconds_count [1-9]\d*$/m);

    // A cursor set on one node is seen on the others.
    onB.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await eventually(() => expect(onA.provider.awareness.getStates().get(onB.doc.clientID)).toMatchObject({ cursor: { x: 10, y: 20 } }));
    await eventually(() => expect(onC.provider.awareness.getStates().get(onB.doc.clientID)).toMatchObject({ cursor: { x: 10, y: 20 } }));
    // And gone everywhere once its socket closes.
    onB.provider.disconnect();
    await eventually(() => expect(onA.provider.awareness.getStates().has(onB.doc.clientID)).toBe(false));

    // A node started later on the same database serves the whole board.
    const late = await startNode();
    const onLate = client(late, session.sessionId, sam.participantToken);
    await onLate.synced();
    expect(noteIdsOf(onLate)).toEqual([...written].sort());
  });

  it('shows who is online wherever their tab is connected', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url);
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const seen: PresenceEvent[] = [];
    const fay = control(a, session.facilitatorToken);
    fay.on('presence', (p: unknown) => seen.push(presenceEventSchema.parse(p)));
    const onlineNow = () => seen.at(-1)?.participants.find((p) => p.participantId === pat.participantId)?.online;
    await eventually(() => expect(onlineNow()).toBe(false));

    const patSocket = control(b, pat.participantToken);
    await eventually(() => expect(onlineNow()).toBe(true));
    patSocket.disconnect();
    await eventually(() => expect(onlineNow()).toBe(false));
  });

  it('checks a write on the node it reaches against notes written on another', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url);
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const fay = client(a, session.sessionId, session.facilitatorToken);
    const patOnB = client(b, session.sessionId, pat.participantToken);
    await Promise.all([fay.synced(), patOnB.synced()]);
    const faysNote = addValidNote(fay.doc, { text: 'Only Fay may take this away' });
    await eventually(() => expect(getNotes(patOnB.doc).has(faysNote)).toBe(true));

    // Pat's stock client deletes Fay's note; node B must refuse it though node A accepted the note.
    deleteNote(patOnB.doc, faysNote);
    await eventually(() => expect(patOnB.closes.length).toBeGreaterThan(0));
    const fresh = client(b, session.sessionId, pat.participantToken);
    await fresh.synced();
    expect(getNotes(fresh.doc).has(faysNote)).toBe(true);
    expect(getNotes(fay.doc).has(faysNote)).toBe(true);
  });

  it('loses nothing when Redis restarts mid-session, and every replica converges afterwards', async () => {
    const redis = await PrivateRedis.start();
    redises.push(redis);
    const prefix = `restart-${randomUUID().slice(0, 8)}`;
    const [a, b] = [await startNode(redis.url, prefix), await startNode(redis.url, prefix)];
    const session = await createSession(a.url);
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const onA = client(a, session.sessionId, session.facilitatorToken);
    const onB = client(b, session.sessionId, pat.participantToken);
    await Promise.all([onA.synced(), onB.synced()]);
    const before = addValidNote(onA.doc, { text: 'before the restart' });
    await eventually(() => expect(getNotes(onB.doc).has(before)).toBe(true));

    await redis.kill();
    // Written while the nodes cannot reach each other: stored, but not relayed.
    const during = [addValidNote(onA.doc, { text: 'while Redis was down' }), addValidNote(onB.doc, { text: 'on B meanwhile' })];
    await redis.startAgain();

    await eventually(
      () => {
        for (const x of [onA, onB]) expect(noteIdsOf(x)).toEqual([before, ...during].sort());
      },
      { timeout: 20_000 },
    );
    // And the relay works again afterwards.
    const after = addValidNote(onB.doc, { text: 'after the restart' });
    await eventually(() => expect(getNotes(onA.doc).has(after)).toBe(true));
  });

  it('is ready only while its store and Redis answer', async () => {
    const redis = await PrivateRedis.start();
    redises.push(redis);
    const node = await startNode(redis.url, `ready-${randomUUID().slice(0, 8)}`);
    await eventually(async () => {
      const res = await request(node.url, 'GET', '/api/ready');
      expect([res.status, res.body]).toEqual([200, { status: 'ready', store: 'ok', redis: 'ok', draining: false }]);
    });
    await redis.kill();
    await eventually(async () => {
      const res = await request(node.url, 'GET', '/api/ready');
      expect([res.status, res.body]).toEqual([503, { status: 'unavailable', store: 'ok', redis: 'unreachable', draining: false }]);
    });
    // Liveness is another question: the process answers.
    expect((await request(node.url, 'GET', '/api/health')).status).toBe(200);
    await redis.startAgain();
    await eventually(async () => expect((await request(node.url, 'GET', '/api/ready')).status).toBe(200), { timeout: 15_000 });
  });

  it('drains on shutdown: board sockets closed with 4503 come back on another node with nothing lost', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url);
    const onA = client(a, session.sessionId, session.facilitatorToken);
    await onA.synced();
    const written = [addValidNote(onA.doc, { text: 'just before the node stops' })];
    await a.close();
    expect(onA.closes).toContain(4503);
    nodes.splice(nodes.indexOf(a), 1);

    // The same person, reconnecting through the load balancer, lands on the other node.
    const again = client(b, session.sessionId, session.facilitatorToken);
    await again.synced();
    expect(noteIdsOf(again)).toEqual(written);
  });

  it('counts rate limits across nodes: wrong join codes on one node slow the next try on another', async () => {
    const prefix = `limits-${randomUUID().slice(0, 8)}`;
    const env = { JOIN_FAILURES_PER_WINDOW: '3' };
    const [a, b] = [await startNode(REDIS_URL!, prefix, env), await startNode(REDIS_URL!, prefix, env)];
    const wrong = (node: InProcess, i: number) =>
      request(node.url, 'POST', '/api/join', { body: { joinCode: 'ZZZZZZ', name: 'Guess' }, headers: { cookie: `balcony_client=guesser-${i}` } });
    // Three browsers behind one address, their tries spread over the two nodes.
    expect((await wrong(a, 1)).status).toBe(404);
    expect((await wrong(b, 2)).status).toBe(404);
    expect((await wrong(a, 3)).status).toBe(404);
    // The next try, on the node that saw only one of them, already counts all three.
    const res = await wrong(b, 4);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it("runs phases across nodes: a command on one opens the board to a person on another, and their read-only write arrives", async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Team reflection', 'Fay', { phase: null });
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const onB = client(b, session.sessionId, pat.participantToken);
    const watcher = client(a, session.sessionId, session.facilitatorToken);
    const patState = openControl(b.url, pat.participantToken);
    sockets.push(patState);
    const heard = recordStates(patState);
    await controlConnected(patState);
    await Promise.all([onB.synced(), watcher.synced()]);

    // The welcome phase: Pat, on node B, may not write; the facilitator's node never sees it.
    const id = addValidNote(onB.doc, { text: 'What would the child say?' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getNotes(watcher.doc).has(id)).toBe(false);
    expect(onB.closes).toEqual([]);

    // The facilitator, on node A, moves to the group's phase: node B follows, tells Pat, and asks again.
    const ack = await commandOnce(a.url, session.facilitatorToken, { type: 'phase.goto', phaseId: 'questions' });
    expect(ack).toMatchObject({ ok: true });
    await eventually(() => expect(heard.latest()).toMatchObject({ version: ack.ok ? ack.version : -1, state: { phase: { id: 'questions' } } }));
    await eventually(() => expect(getNotes(watcher.doc).has(id)).toBe(true));

    // And a lock set on B holds on A: Pat's next note waits again.
    expect(await commandOnce(b.url, session.facilitatorToken, { type: 'board.lock', locked: true })).toMatchObject({ ok: true });
    await eventually(async () => expect((await a.server.runtimes.get(session.sessionId)).state.state.locked).toBe(true));
    await eventually(async () => expect((await b.server.runtimes.get(session.sessionId)).state.state.locked).toBe(true));
    const held = addValidNote(onB.doc, { text: 'Held back' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getNotes(watcher.doc).has(held)).toBe(false);
  });

  it('keeps private writing private across nodes, reveals it from another node, and counts votes cast on both', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Our culture', 'Fay', { template: 'cultural-web', phase: 'current-silent' });
    const amara = await joinSession(b.url, session.joinCode, 'Amara');
    const ben = await joinSession(a.url, session.joinCode, 'Ben');
    const fay = openControl(a.url, session.facilitatorToken);
    sockets.push(fay);
    const fayStates = recordStates(fay);
    await controlConnected(fay);
    const secret = `private-${randomUUID()}`;
    // Amara writes on node b; Ben reads the shared board on node a.
    const mine = client(b, `${session.sessionId}/private`, amara.participantToken);
    await mine.synced();
    const noteId = addValidNote(mine.doc, { authorId: amara.participantId, text: secret, zone: 'stories' });
    const benBoard = client(a, session.sessionId, ben.participantToken);
    await benBoard.synced();
    await eventually(() => expect(fayStates.latest()?.state.privateCounts[amara.participantId]).toBe(1));
    expect(JSON.stringify(benBoard.doc.toJSON())).not.toContain(secret);

    // The facilitator reveals on node a, which did not hold Amara's private board.
    expect(await command(fay, { type: 'reveal' })).toMatchObject({ ok: true });
    await eventually(() => expect(getNotes(benBoard.doc).get(noteId)?.get('authorId')).toBe(amara.participantId));
    await eventually(() => expect(getNotes(mine.doc).size).toBe(0));

    expect(await command(fay, { type: 'phase.goto', phaseId: 'current-reveal' })).toMatchObject({ ok: true });
    expect(await command(fay, { type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 1, targets: 'notes' })).toMatchObject({ ok: true });
    const onB = openControl(b.url, amara.participantToken);
    const onA = openControl(a.url, ben.participantToken);
    sockets.push(onB, onA);
    const amaraStates = recordStates(onB);
    await Promise.all([controlConnected(onB), controlConnected(onA)]);
    expect(await command(onB, { type: 'vote.cast', targetId: noteId })).toMatchObject({ ok: true });
    expect(await command(onA, { type: 'vote.cast', targetId: noteId })).toMatchObject({ ok: true });
    // A second tab of Amara's, on the other node, is still Amara.
    const amaraOnA = openControl(a.url, amara.participantToken);
    sockets.push(amaraOnA);
    await controlConnected(amaraOnA);
    expect(await command(amaraOnA, { type: 'vote.cast', targetId: noteId })).toMatchObject({ ok: false, error: { code: 'vote_limit' } });
    expect(await command(fay, { type: 'vote.close' })).toMatchObject({ ok: true });
    await eventually(() => expect(amaraStates.latest()?.state.vote?.results).toEqual([{ targetId: noteId, votes: 2 }]));
  });

  it('orders changes to the session made on two nodes at once, and every node and socket follows', async () => {
    const [a, b] = [await startNode(), await startNode()];
    // Version 1 as created, 2 once Pat's role is written.
    const session = await createSession(a.url, 'Team reflection', 'Fay', { phase: null });
    const pat = await joinSession(b.url, session.joinCode, 'Pat');
    const heard: Record<'a' | 'b', VersionedSessionStateView[]> = { a: [], b: [] };
    for (const [key, node, token] of [['a', a, session.facilitatorToken], ['b', b, pat.participantToken]] as const) {
      const s = control(node, token);
      s.on('state', (p: unknown) => heard[key].push(versionedSessionStateViewSchema.parse(p)));
    }
    await eventually(() => expect(heard.a.length && heard.b.length).toBeTruthy());

    // The facilitator, in two tabs on two nodes, closes and opens joining ten times at once.
    const lock = (node: InProcess, locked: boolean) =>
      request(node.url, 'POST', `/api/sessions/${session.sessionId}/join-lock`, { token: session.facilitatorToken, body: { locked } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => lock(i % 2 === 0 ? a : b, i % 2 === 0)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));

    // However they interleaved, each change that changed something is one version, none lost:
    // the versions heard run from the one on connecting (2) without a gap, and both nodes end
    // at the same last one.
    const last = (await a.server.store.loadSessionState(session.sessionId))!;
    await eventually(() => {
      for (const key of ['a', 'b'] as const) {
        const versions = [...new Set(heard[key].map((h) => h.version))].sort((x, y) => x - y);
        expect(versions, `${key}: ${JSON.stringify(heard[key].map((h) => h.version))}`).toEqual(Array.from({ length: last.version - 1 }, (_, i) => i + 2));
      }
    });
    const top = (key: 'a' | 'b') => heard[key].reduce((m, h) => (h.version > m.version ? h : m));
    expect(top('a')).toEqual({ version: last.version, state: JSON.parse(last.state) });
    expect(top('b')).toEqual(top('a'));
    for (const node of [a, b]) {
      await eventually(async () => expect((await node.server.runtimes.get(session.sessionId)).state.version).toBe(last.version));
    }
    // Joining follows the last change, on either node.
    const joinedNow = await request(b.url, 'POST', '/api/join', { body: { joinCode: session.joinCode, name: 'Late' } });
    expect(joinedNow.status).toBe(top('a').state.joinLocked ? 403 : 201);
  });

  it('lets a control socket that lost its connection pick up where it was, events missed meanwhile included', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Team reflection', 'Fay', { phase: null });
    const s = control(a, session.facilitatorToken, true);
    const versions: number[] = [];
    s.on('state', (p: unknown) => versions.push(versionedSessionStateViewSchema.parse(p).version));
    await eventually(() => expect(versions).toEqual([1]));

    // The connection drops (not a disconnect the client asked for), and while it is away the
    // session changes on the other node.
    s.io.engine.close();
    await eventually(() => expect(s.connected).toBe(false));
    const locked = await request(b.url, 'POST', `/api/sessions/${session.sessionId}/join-lock`, { token: session.facilitatorToken, body: { locked: true } });
    expect(locked.status).toBe(200);

    await eventually(() => expect(s.connected).toBe(true), { timeout: 15_000 });
    expect(s.recovered).toBe(true);
    await eventually(() => expect(versions).toContain(2));
  });

  it('files snapshots of what every node wrote, ends the session for all, and erases it from every node', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Circle over two nodes', 'Fay', { phase: 'questions' });
    const amara = await joinSession(b.url, session.joinCode, 'Amara');
    const onA = client(a, session.sessionId, session.facilitatorToken);
    const onB = client(b, session.sessionId, amara.participantToken);
    await Promise.all([onA.synced(), onB.synced()]);
    const text = `question-${randomUUID()}`;
    const noteId = addValidNote(onB.doc, { authorId: amara.participantId, text, zone: 'questions' });
    await eventually(() => expect(getNotes(onA.doc).has(noteId)).toBe(true));

    // The phase changes on node a; its snapshot holds the note written on node b.
    expect(await commandOnce(a.url, session.facilitatorToken, { type: 'phase.next' })).toMatchObject({ ok: true });
    const list = await request(b.url, 'GET', `/api/sessions/${session.sessionId}/snapshots`, { token: amara.participantToken });
    // The first holds the welcome phase, left as the session was set up.
    expect(list.body.snapshots).toMatchObject([
      { reason: 'phase', phaseId: 'welcome' },
      { reason: 'phase', phaseId: 'questions' },
    ]);
    const record = await request(b.url, 'GET', `/api/snapshots/${list.body.snapshots[1].snapshotId}`, { token: amara.participantToken });
    expect(record.body.notes).toMatchObject([{ text, author: 'Amara' }]);

    // Ended from node b: node a's runtime hears of it, and the code works on neither.
    const fayOnB = openControl(b.url, session.facilitatorToken);
    sockets.push(fayOnB);
    await controlConnected(fayOnB);
    expect(await command(fayOnB, { type: 'session.end' })).toMatchObject({ ok: true });
    for (const node of [a, b]) expect((await request(node.url, 'POST', '/api/join', { body: { joinCode: session.joinCode, name: 'Late' } })).status).toBe(404);
    const snapshots = await request(a.url, 'GET', `/api/sessions/${session.sessionId}/snapshots`, { token: session.facilitatorToken });
    expect(snapshots.body.snapshots.map((x: { final: boolean }) => x.final)).toEqual([false, false, true]);
    await eventually(() => expect(a.server.runtimes.get(session.sessionId).then((r) => r.ended)).resolves.toBe(true));

    // Erased on node a: the sockets on node b are cut off as well, and nothing answers for it.
    expect((await request(a.url, 'DELETE', `/api/sessions/${session.sessionId}`, { token: session.facilitatorToken })).status).toBe(204);
    await eventually(() => expect(onB.closes).toContain(4401));
    await eventually(() => expect(fayOnB.connected).toBe(false));
    for (const node of [a, b]) {
      expect((await request(node.url, 'GET', `/api/sessions/${session.sessionId}`, { token: amara.participantToken })).status).toBe(401);
    }
  });

  it('takes a team link made on one node on another, and refuses it on both once revoked on either', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Circle with a team link', 'Fay', { phase: null });
    const taken = await request(a.url, 'POST', `/api/sessions/${session.sessionId}/snapshots`, { token: session.facilitatorToken, body: {} });
    expect(taken.status).toBe(201);
    const made = await request(a.url, 'POST', `/api/sessions/${session.sessionId}/team-links`, { token: session.facilitatorToken, body: { label: 'For the team' } });
    expect(made.status).toBe(201);
    const { linkId, token } = createdTeamLinkSchema.parse(made.body);
    const reads = [`/api/team`, `/api/sessions/${session.sessionId}/snapshots`, `/api/snapshots/${taken.body.snapshotId}`, `/api/snapshots/${taken.body.snapshotId}/board`];

    for (const path of reads) expect((await request(b.url, 'GET', path, { token })).status, path).toBe(200);
    const listed = await request(b.url, 'GET', `/api/sessions/${session.sessionId}/team-links`, { token: session.facilitatorToken });
    expect(listed.body.links.map((l: { linkId: string }) => l.linkId)).toEqual([linkId]);

    const revoked = await request(b.url, 'DELETE', `/api/sessions/${session.sessionId}/team-links/${linkId}`, { token: session.facilitatorToken });
    expect(revoked.status).toBe(204);
    for (const node of [a, b]) {
      for (const path of reads) expect((await request(node.url, 'GET', path, { token })).status, path).toBe(401);
    }
    // Revoked once: node a finds nothing left to revoke.
    expect((await request(a.url, 'DELETE', `/api/sessions/${session.sessionId}/team-links/${linkId}`, { token: session.facilitatorToken })).status).toBe(404);
  });

  it('starts a follow-up on one node from notes and actions written on another, and runs it on either', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const session = await createSession(a.url, 'Circle to follow up', 'Fay', { phase: 'actions' });
    const amara = await joinSession(b.url, session.joinCode, 'Amara');
    const onB = client(b, session.sessionId, amara.participantToken);
    await onB.synced();
    const text = `take-away-${randomUUID()}`;
    const noteId = addValidNote(onB.doc, { authorId: amara.participantId, text, zone: 'actions' });
    const fayOnB = openControl(b.url, session.facilitatorToken);
    sockets.push(fayOnB);
    await controlConnected(fayOnB);
    expect(await command(fayOnB, { type: 'action.add', text: 'Ring the school', owner: { kind: 'participant', participantId: amara.participantId } })).toMatchObject({ ok: true });

    // Node a files what node b was sent; the follow-up started there starts from it.
    await eventually(async () => {
      const snap = await request(a.url, 'POST', `/api/sessions/${session.sessionId}/snapshots`, { token: session.facilitatorToken, body: {} });
      const record = await request(a.url, 'GET', `/api/snapshots/${snap.body.snapshotId}`, { token: session.facilitatorToken });
      expect(record.body.notes.map((n: { id: string }) => n.id)).toEqual([noteId]);
    });
    const res = await request(a.url, 'POST', `/api/sessions/${session.sessionId}/follow-ups`, { token: session.facilitatorToken, body: { start: 'notes' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const next = followUpResponseSchema.parse(res.body);
    expect(next).toMatchObject({ carriedActions: 1, carriedNotes: 1 });
    const onBNext = client(b, next.sessionId, next.facilitatorToken);
    await onBNext.synced();
    expect(getNotes(onBNext.doc).get(noteId)?.get('text')?.toString()).toBe(text);
    const fayNext = openControl(b.url, next.facilitatorToken);
    sockets.push(fayNext);
    const states = recordStates(fayNext);
    await controlConnected(fayNext);
    await eventually(() => expect(states.latest()?.state.actions.map((x) => [x.text, x.owner, x.carriedFrom])).toEqual([['Ring the school', { kind: 'name', name: 'Amara' }, session.sessionId]]));
    const reviewed = await command(fayNext, { type: 'action.review', actionId: states.latest()!.state.actions[0]!.id, outcome: 'done', note: 'Rang on Monday' });
    expect(reviewed).toMatchObject({ ok: true });
    const view = await request(a.url, 'GET', `/api/sessions/${next.sessionId}`, { token: next.facilitatorToken });
    expect(view.body).toMatchObject({ previousSessionId: session.sessionId, openActions: 0 });
    const before = await request(b.url, 'GET', `/api/sessions/${session.sessionId}`, { token: amara.participantToken });
    expect(before.body.followUps.map((f: { sessionId: string }) => f.sessionId)).toEqual([next.sessionId]);
  });
});
