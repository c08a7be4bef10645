import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '@balcony/shared';
import { createSession, request, startInProcess, TEMPLATE, type InProcess } from './helpers.js';

let server: InProcess;

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  await server.close();
});

describe('request bodies', () => {
  const post = (path: string, body: string, contentType?: string, token?: string) =>
    request(server.url, 'POST', path, {
      rawBody: body,
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      token,
    });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no type at all', undefined],
  ])('refuses a POST sent as %s with 415 unsupported_media_type', async (_label, type) => {
    const body = JSON.stringify({ title: 'T', template: TEMPLATE });
    // fetch would add text/plain to a string body; a Blob without a type sends no Content-Type.
    const res =
      type === undefined
        ? await fetch(`${server.url}/api/sessions`, { method: 'POST', body: new Blob([body]) })
        : await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(ERROR_STATUS.unsupported_media_type).toBe(415);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('unsupported_media_type');
    expect(json.error.message).toMatch(/application\/json/);

    const join = await post('/api/join', JSON.stringify({ joinCode: 'ABCDEF', name: 'Eve' }), 'text/plain');
    expect(join.status).toBe(415);
    const created = await createSession(server.url);
    const lock = await post(`/api/sessions/${created.sessionId}/join-lock`, '{"locked":true}', 'text/plain', created.facilitatorToken);
    expect(lock.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    const res = await post('/api/sessions', JSON.stringify({ title: 'T', template: TEMPLATE }), 'application/json; charset=utf-8');
    expect(res.status).toBe(201);
  });
});
