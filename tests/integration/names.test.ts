import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startInProcess, TEMPLATE, type InProcess } from './helpers.js';

let server: InProcess;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server.close();
});

describe('names and titles', () => {
  it('takes control and bidirectional characters out of names and titles', async () => {
    const res = await request(server.url, 'POST', '/api/sessions', {
      body: { title: 'Team\u202E weiver\u202C\nMarch\u0007', template: TEMPLATE, facilitatorName: '\u2066Fay\u2069\u200F\u0000' },
    });
    expect(res.status).toBe(201);
    const joined = await request(server.url, 'POST', '/api/join', { body: { joinCode: res.body.joinCode, name: '\u061CAma\u0085ra\u009B\u200E' } });
    expect(joined.status).toBe(201);
    const view = await request(server.url, 'GET', `/api/sessions/${res.body.sessionId}`, { token: res.body.facilitatorToken });
    expect(view.body.title).toBe('Team weiver March');
    expect(view.body.participants.map((p: { name: string }) => p.name)).toEqual(['Fay', 'Ama ra']);
  });

  it.each([
    ['a title of only bidirectional marks', '/api/sessions', { title: '\u202E\u202A\u2067', template: TEMPLATE }, 'title'],
    ['a title of only control characters and spaces', '/api/sessions', { title: ' \u0000\u001B \u007F ', template: TEMPLATE }, 'title'],
    ['a facilitator name of only marks', '/api/sessions', { title: 'T', template: TEMPLATE, facilitatorName: '\u200E\u200F' }, 'facilitatorName'],
    ['a name of only marks', '/api/join', { joinCode: 'ABCDEF', name: '\u061C\u2066\u2069' }, 'name'],
  ])('refuses %s with 400 invalid_body naming the field', async (_label, path, body, field) => {
    const res = await request(server.url, 'POST', path, { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_body', field });
  });
});
