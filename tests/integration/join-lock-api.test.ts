import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type CreateSessionResponse } from '@balcony/shared';
import { createSession, expectApiError, joinSession, request, startInProcess, type InProcess } from './helpers.js';
import { CookieBrowser } from '../support/cookieBrowser.js';

let server: InProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

function setJoinLock(base: string, session: { sessionId: string }, token: string | undefined, body: unknown) {
  return request(base, 'POST', `/api/sessions/${session.sessionId}/join-lock`, { body, token });
}

describe('closing joining', () => {
  let session: CreateSessionResponse;
  let amara: { participantToken: string };
  beforeAll(async () => {
    // Left in its first phase: version 1 as created, 2 once Amara's role is written.
    session = await createSession(server.url, 'Lock test', 'Fay', { phase: null });
    amara = await joinSession(server.url, session.joinCode, 'Amara');
  });

  it('lets the facilitator close joining; a join then gets 403 joining_closed in plain words', async () => {
    const res = await setJoinLock(server.url, session, session.facilitatorToken, { locked: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionId: session.sessionId, joinLocked: true, version: 3 });
    for (const token of [session.facilitatorToken, amara.participantToken]) {
      const view = await request(server.url, 'GET', `/api/sessions/${session.sessionId}`, { token });
      expect(view.body.joinLocked).toBe(true);
    }
    const refused = await request(server.url, 'POST', '/api/join', { body: { joinCode: session.joinCode, name: 'Ben' } });
    expectApiError(refused, 'joining_closed');
    expect(refused.body.error.message).toBe("This session isn't taking new people. Ask your facilitator.");
  });

  it('keeps the people already in: their token still opens the session and the control socket', async () => {
    const view = await request(server.url, 'GET', `/api/sessions/${session.sessionId}`, { token: amara.participantToken });
    expect(view.status).toBe(200);
    const socket = io(server.url, {
      auth: { token: amara.participantToken, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
  });

  it('lets only the facilitator of the session change it', async () => {
    const other = await createSession(server.url);
    expectApiError(await setJoinLock(server.url, session, amara.participantToken, { locked: false }), 'forbidden');
    expectApiError(await setJoinLock(server.url, session, other.facilitatorToken, { locked: false }), 'forbidden');
    expectApiError(await setJoinLock(server.url, session, undefined, { locked: false }), 'unauthorized');
    expectApiError(await setJoinLock(server.url, { sessionId: crypto.randomUUID() }, session.facilitatorToken, { locked: false }), 'not_found');
    const bad = await setJoinLock(server.url, session, session.facilitatorToken, { locked: 'no' });
    expectApiError(bad, 'invalid_body');
    expect(bad.body.error.field).toBe('locked');
    // None of these changed anything.
    const view = await request(server.url, 'GET', `/api/sessions/${session.sessionId}`, { token: session.facilitatorToken });
    expect(view.body.joinLocked).toBe(true);
  });

  it('reopens joining', async () => {
    const res = await setJoinLock(server.url, session, session.facilitatorToken, { locked: false });
    expect(res.body).toEqual({ sessionId: session.sessionId, joinLocked: false, version: expect.any(Number) });
    expect((await joinSession(server.url, session.joinCode, 'Ben')).sessionId).toBe(session.sessionId);
  });
  it('does not count a closed session against the browser that tried it', async () => {
    const other = await createSession(server.url);
    await setJoinLock(server.url, other, other.facilitatorToken, { locked: true });
    const browser = new CookieBrowser(server.url);
    for (let i = 0; i < 10; i++) expectApiError(await browser.join(other.joinCode, 'Dee'), 'joining_closed');
    await setJoinLock(server.url, other, other.facilitatorToken, { locked: false });
    expect((await browser.join(other.joinCode, 'Dee')).status).toBe(201);
  });
});
