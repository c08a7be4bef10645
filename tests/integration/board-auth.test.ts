import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotes, type CreateSessionResponse } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { addValidNote, connectStock, createSession, joinSession, openRaw, startInProcess, type InProcess, type StockClient } from './helpers.js';

let srv: InProcess;
let a: CreateSessionResponse;
let b: CreateSessionResponse;
const clients: StockClient[] = [];

beforeAll(async () => {
  srv = await startInProcess();
  [a, b] = await Promise.all([createSession(srv.url, 'A'), createSession(srv.url, 'B')]);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await srv?.close();
  if (srv) rmSync(srv.dataDir, { recursive: true, force: true });
});

describe('board upgrade refusal', () => {
  it.each([
    ['a wrong token', () => ({ session: a.sessionId, token: 'not-a-real-token-at-all-000000000000000' as string | null })],
    ['no token', () => ({ session: a.sessionId, token: null })],
    ['an empty token', () => ({ session: a.sessionId, token: '' })],
    ["another session's token", () => ({ session: a.sessionId, token: b.facilitatorToken })],
    ['an unknown session id with a valid token', () => ({ session: randomUUID(), token: a.facilitatorToken })],
  ])('refuses %s with HTTP 401 before the upgrade', async (_label, target) => {
    const { session, token } = target();
    const result = await openRaw(srv.wsUrl, session, token);
    expect(result).toEqual({ ok: false, status: 401 });
  });

  it.each([['../../etc/passwd'], ['not-a-session'], ['%E0%A4%A'], ['']])('answers a malformed board path %j with HTTP 400', async (session) => {
    const result = await openRaw(srv.wsUrl, session, a.facilitatorToken);
    expect(result).toEqual({ ok: false, status: 400 });
  });

  it('creates no room for a refused socket, nor for an unknown session', async () => {
    const unknown = randomUUID();
    for (const attempt of [
      { session: unknown, token: a.facilitatorToken },
      { session: unknown, token: 'nope' },
      { session: b.sessionId, token: a.facilitatorToken },
    ]) {
      expect(await openRaw(srv.wsUrl, attempt.session, attempt.token)).toEqual({ ok: false, status: 401 });
    }
    expect(srv.server.rooms.isLoaded(unknown)).toBe(false);
    expect(srv.server.rooms.isLoaded(b.sessionId)).toBe(false);
  });

  it('accepts a valid token (the refusals above are not a broken endpoint)', async () => {
    const opened = await openRaw(srv.wsUrl, a.sessionId, a.facilitatorToken);
    expect(opened.ok).toBe(true);
    if (opened.ok) opened.ws.terminate();
  });
});

describe('a stock provider with a bad token', () => {
  it('never receives a note while an honest client writes', async () => {
    const joined = await joinSession(srv.url, a.joinCode, 'Honest');
    const honest = connectStock(srv.wsUrl, a.sessionId, joined.participantToken);
    clients.push(honest);
    await honest.synced();
    const ids = [addValidNote(honest.doc, { text: 'private' }), addValidNote(honest.doc, { text: 'also private' })];

    const intruders = [
      connectStock(srv.wsUrl, a.sessionId, 'forged-token-forged-token-forged-token-xx'),
      connectStock(srv.wsUrl, a.sessionId, b.facilitatorToken),
      connectStock(srv.wsUrl, randomUUID(), a.facilitatorToken),
    ];
    clients.push(...intruders);
    let seen = 0;
    for (const intruder of intruders) intruder.doc.on('update', () => seen++);

    // The honest client goes on writing while the intruders are refused again and again.
    for (const intruder of intruders) {
      await eventually(() => expect(intruder.closes.length).toBeGreaterThanOrEqual(3), 10_000);
    }
    ids.push(addValidNote(honest.doc, { text: 'written while refused' }));
    for (const intruder of intruders) {
      await eventually(() => expect(intruder.closes.length).toBeGreaterThanOrEqual(4), 10_000);
    }

    expect(seen).toBe(0);
    for (const intruder of intruders) {
      expect(intruder.provider.synced).toBe(false);
      expect(listNotes(intruder.doc)).toEqual([]);
      // A refused upgrade is a failed connection (1006), never an opened socket that was closed.
      expect(new Set(intruder.closes)).toEqual(new Set([1006]));
    }
    // The honest writes did happen.
    const check = connectStock(srv.wsUrl, a.sessionId, a.facilitatorToken);
    clients.push(check);
    await eventually(() => expect(listNotes(check.doc).map((n) => n.id).sort()).toEqual([...ids].sort()));
  });
});
