import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, expectApiError, joinSession, request, startInProcess, type InProcess } from './helpers.js';
import { CookieBrowser, type BrowserReply } from '../support/cookieBrowser.js';

let server: InProcess;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server.close();
});

/** A code in the alphabet that (almost surely) runs no session: one letter off the real one. */
function typo(code: string, n = 0): string {
  const letters = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'.replace(code[5]!, '');
  return code.slice(0, 5) + letters[n % letters.length]!;
}

describe('a typo does not lock out the room', () => {
  it('slows down the browser that keeps sending wrong codes, and lets a colleague with the right code straight in', async () => {
    const session = await createSession(server.url);
    const typist = new CookieBrowser(server.url);
    const replies: BrowserReply[] = [];
    for (let i = 0; i < 20; i++) replies.push(await typist.join(typo(session.joinCode, i), 'Ben'));

    // The cookie that tells this browser apart: random, unreadable by scripts, never sent cross-site.
    const cookie = replies[0]!.setCookie!;
    expect(cookie).toMatch(/^balcony_client=[A-Za-z0-9_-]{22};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/api/i);
    expect(replies.slice(1).every((r) => r.setCookie === null)).toBe(true);

    // Three free tries and a fourth that is still answered; from then on the browser waits.
    expect(replies.map((r) => r.status)).toEqual([404, 404, 404, 404, ...Array(16).fill(429)]);
    for (const r of replies.slice(4)) {
      expectApiError(r, 'rate_limited', /wrong codes/);
      expect(r.retryAfter).toBeGreaterThanOrEqual(1);
      expect(r.retryAfter).toBeLessThanOrEqual(2);
    }

    const colleague = new CookieBrowser(server.url);
    expect((await colleague.join(session.joinCode, 'Amara')).status).toBe(201);
    // A client that keeps no cookie at all (a script, curl) is judged by its address alone.
    expect((await joinSession(server.url, session.joinCode, 'Chi')).sessionId).toBe(session.sessionId);

    // Even with the right code the typist waits its turn; then it gets in, and is forgiven.
    expectApiError(await typist.join(session.joinCode, 'Ben'), 'rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await typist.join(session.joinCode, 'Ben')).status).toBe(201);
    expect((await typist.join(typo(session.joinCode), 'Ben 2')).status).toBe(404);
    expect((await typist.join(typo(session.joinCode), 'Ben 2')).status).toBe(404);
  });

  it('waits longer after each further wrong code', async () => {
    const session = await createSession(server.url);
    const typist = new CookieBrowser(server.url);
    for (let i = 0; i < 4; i++) expect((await typist.join(typo(session.joinCode), 'Ben')).status).toBe(404);
    const first = await typist.join(typo(session.joinCode), 'Ben');
    expect(first.retryAfter).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await typist.join(typo(session.joinCode), 'Ben')).status).toBe(404);
    const second = await typist.join(typo(session.joinCode), 'Ben');
    expect(second.status).toBe(429);
    expect(second.retryAfter).toBe(4);
  });

  it('counts only wrong codes: malformed bodies cost a browser nothing', async () => {
    const session = await createSession(server.url);
    const browser = new CookieBrowser(server.url);
    for (let i = 0; i < 10; i++) {
      const res = await browser.post('/api/join', i % 2 ? '{"joinCode":' : JSON.stringify({ joinCode: session.joinCode }));
      expect(res.status).toBe(400);
    }
    expect((await browser.join(session.joinCode, 'Dee')).status).toBe(201);
  });


  it('lets a room of 200 people behind one address in, each after mistyping twice', async () => {
    const session = await createSession(server.url, 'Training day');
    const room = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i + 1}`, browser: new CookieBrowser(server.url) }));
    const outcomes: number[][] = [];
    // Twenty at a time, as people in a room type at once.
    for (let start = 0; start < room.length; start += 20) {
      const batch = room.slice(start, start + 20).map(async ({ name, browser }, i) => {
        const statuses = [
          (await browser.join(typo(session.joinCode, start + i), name)).status,
          (await browser.join(typo(session.joinCode, start + i + 1), name)).status,
        ];
        const joined = await browser.join(session.joinCode, name);
        statuses.push(joined.status);
        // Each page then reads the session, as the board does when it opens.
        if (joined.status === 201) {
          statuses.push((await request(server.url, 'GET', `/api/sessions/${session.sessionId}`, { token: joined.body.participantToken })).status);
        }
        return statuses;
      });
      outcomes.push(...(await Promise.all(batch)));
    }
    expect(outcomes.filter((s) => s.join() !== '404,404,201,200')).toEqual([]);

    // The room is full now: the 201st person is told so in plain words.
    const late = await new CookieBrowser(server.url).join(session.joinCode, 'Late');
    expectApiError(late, 'session_full', /full/);
  });
});
