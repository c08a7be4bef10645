import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, expectApiError, joinSession, request, startInProcess, type InProcess } from './helpers.js';

/** Room for three people per session. */
let small: InProcess;

beforeAll(async () => {
  small = await startInProcess({ MAX_PARTICIPANTS: '3' });
});
afterAll(async () => {
  await small.close();
});

describe('participants cap (MAX_PARTICIPANTS=3)', () => {
  it('refuses the fourth person with 409 session_full, saying so in plain words', async () => {
    const session = await createSession(small.url);
    for (const name of ['Amara', 'Ben', 'Chi']) await joinSession(small.url, session.joinCode, name);
    const res = await request(small.url, 'POST', '/api/join', { body: { joinCode: session.joinCode, name: 'Dee' } });
    expectApiError(res, 'session_full', /full.*3 people.*facilitator/);
    expect(res.body.error).not.toHaveProperty('field');
  });

  it('holds the cap when many join at the same moment', async () => {
    const session = await createSession(small.url);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => request(small.url, 'POST', '/api/join', { body: { joinCode: session.joinCode, name: `P${i}` } })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of replies.filter((r) => r.status !== 201)) expectApiError(r, 'session_full');
    const view = await request(small.url, 'GET', `/api/sessions/${session.sessionId}`, { token: session.facilitatorToken });
    expect(view.body.participants).toHaveLength(4);
  });
});
