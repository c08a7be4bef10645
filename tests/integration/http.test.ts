import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ERROR_STATUS,
  JOIN_CODE_ALPHABET,
  LIMITS,
  TEMPLATE_FORMAT_VERSION,
  TEMPLATE_IDS,
  getTemplate,
  templateListResponseSchema,
  listNotes,
  getNotes,
  CLOSE_CODES,
  type CreateSessionResponse,
  type ErrorCode,
} from '@balcony/shared';
import { removeDataDir, spawnServer, type SpawnedServer } from '../support/spawnServer.js';
import { eventually } from '../support/eventually.js';
import { addValidNote, connectStock, createSession, joinSession, request, TEMPLATE, type Reply, type StockClient } from './helpers.js';

const JOIN_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`);
const BASE64URL_TOKEN = /^[A-Za-z0-9_-]{22,}$/;

/** The error envelope, its code known and its status the one that goes with the code. */
function expectError(res: Reply, status: number, code: ErrorCode, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  const error = res.body.error as Record<string, unknown>;
  expect(ERROR_CODES).toContain(error.code);
  expect(error.code).toBe(code);
  expect(ERROR_STATUS[code]).toBe(status);
  expect(typeof error.message).toBe('string');
  expect((error.message as string).length).toBeGreaterThan(0);
  for (const key of Object.keys(error)) expect(['code', 'message', 'field', 'path']).toContain(key);
  if (field === undefined) expect(error).not.toHaveProperty('field');
  else expect(error.field).toBe(field);
}

const servers: SpawnedServer[] = [];
const clients: StockClient[] = [];
let main: SpawnedServer;
let limited: SpawnedServer;
/** Restarted by the last test; started with the others to share the start-up time. */
let restartable: SpawnedServer;

beforeAll(async () => {
  const started = await Promise.allSettled([spawnServer(), spawnServer({ env: { JOIN_FAILURES_PER_WINDOW: '3' } }), spawnServer()]);
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  [main, limited, restartable] = servers as [SpawnedServer, SpawnedServer, SpawnedServer];
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(servers.map((s) => s.kill()));
  for (const dir of new Set(servers.map((s) => s.dataDir))) removeDataDir(dir);
});

describe('health', () => {
  it('answers 200 {"status":"ok"}', async () => {
    const res = await request(main.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/templates', () => {
  it('lists every built-in template with its phases and their minutes, as the schema says', async () => {
    const res = await request(main.url, 'GET', '/api/templates');
    expect(res.status).toBe(200);
    const body = templateListResponseSchema.parse(res.body);
    expect(body.templates.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const listed of body.templates) {
      const template = getTemplate(listed.id);
      expect(listed).toEqual({
        id: template.id,
        name: template.name,
        summary: template.summary,
        formatVersion: TEMPLATE_FORMAT_VERSION,
        phases: template.phases.map((p) => ({ id: p.id, name: p.name, minutes: p.minutes })),
      });
    }
    // The cultural web runs 75 minutes, as the exercise says.
    expect(body.templates.find((t) => t.id === 'cultural-web')!.phases.reduce((n, p) => n + p.minutes, 0)).toBe(75);
  });
});

describe('POST /api/sessions', () => {
  it('creates a session: 201 with id, join code, a long random token; trims strings and drops unknown keys', async () => {
    const res = await request<CreateSessionResponse>(main.url, 'POST', '/api/sessions', {
      body: { title: '  Monday reflection \n', template: TEMPLATE, facilitatorName: '  Ana  ', isAdmin: true, role: 'owner' },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['facilitatorToken', 'joinCode', 'participantId', 'sessionId']);
    expect(res.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.joinCode).toMatch(JOIN_CODE);
    // 22 base64url characters carry 132 bits.
    expect(res.body.facilitatorToken).toMatch(BASE64URL_TOKEN);

    const view = await request(main.url, 'GET', `/api/sessions/${res.body.sessionId}`, { token: res.body.facilitatorToken });
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      sessionId: res.body.sessionId,
      title: 'Monday reflection',
      template: getTemplate(TEMPLATE),
      role: 'facilitator',
      participantId: res.body.participantId,
      participants: [{ participantId: res.body.participantId, name: 'Ana', role: 'facilitator' }],
      joinLocked: false,
      endedAt: null,
      // Kept 90 days from its last activity, which is its creation so far.
      retention: { days: 90, lastActivityAt: expect.any(Number), expiresAt: view.body.retention.lastActivityAt + 90 * 86_400_000 },
      createdAt: view.body.retention.lastActivityAt,
      // A first session: it follows nothing up, has no follow-up yet and no action open.
      openActions: 0,
      previousSessionId: null,
      followUps: [],
    });
  });

  it('gives each session its own code and token', async () => {
    const [a, b] = await Promise.all([createSession(main.url), createSession(main.url)]);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.joinCode).not.toBe(b.joinCode);
    expect(a.facilitatorToken).not.toBe(b.facilitatorToken);
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    expectError(await request(main.url, 'POST', '/api/sessions', { rawBody: '{"title": "x",' }), 400, 'invalid_json');
  });

  it.each([
    ['a missing title', { template: TEMPLATE }, 'title'],
    ['a blank title', { title: '   ', template: TEMPLATE }, 'title'],
    ['a title of 121 characters', { title: 'x'.repeat(LIMITS.titleMax + 1), template: TEMPLATE }, 'title'],
    ['an unknown template', { title: 'T', template: 'kanban' }, 'template'],
    ['a facilitator name of 41 characters', { title: 'T', template: TEMPLATE, facilitatorName: 'n'.repeat(LIMITS.nameMax + 1) }, 'facilitatorName'],
    ['a title of the wrong type', { title: 42, template: TEMPLATE }, 'title'],
    ['a template of the wrong type', { title: 'T', template: ['what-works-circle'] }, 'template'],
  ])('refuses %s with 400 invalid_body naming the field', async (_label, body, field) => {
    expectError(await request(main.url, 'POST', '/api/sessions', { body }), 400, 'invalid_body', field);
  });

  it('refuses a body that is not an object with 400 invalid_body', async () => {
    expectError(await request(main.url, 'POST', '/api/sessions', { body: ['title'] }), 400, 'invalid_body');
  });

  it('refuses both a built-in and a template of its own, or neither, with invalid_body', async () => {
    expectError(await request(main.url, 'POST', '/api/sessions', { body: { title: 'T' } }), 400, 'invalid_body', 'template');
    const both = { title: 'T', template: TEMPLATE, templateJson: getTemplate(TEMPLATE) };
    expectError(await request(main.url, 'POST', '/api/sessions', { body: both }), 400, 'invalid_body', 'template');
  });

  /** A facilitator's own template: the learning circle, renamed, with a zone of its own. */
  function ownTemplate() {
    const t = structuredClone(getTemplate(TEMPLATE));
    t.id = 'our-circle';
    t.name = 'Our circle';
    t.frames[0]!.zones[0]!.id = 'ground-rules';
    t.phases[0]!.zones = ['ground-rules'];
    return t;
  }

  it('creates a session from a template of its own and keeps a copy of it', async () => {
    const own = ownTemplate();
    const res = await request<CreateSessionResponse>(main.url, 'POST', '/api/sessions', { body: { title: 'Own', templateJson: own } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const view = await request(main.url, 'GET', `/api/sessions/${res.body.sessionId}`, { token: res.body.facilitatorToken });
    expect(view.body.template).toEqual(own);
    // The board takes its zones: a note in the template's own zone is kept, one in a zone it lacks is not.
    const board = connectStock(main.wsUrl, res.body.sessionId, res.body.facilitatorToken);
    try {
      await board.synced();
      const kept = addValidNote(board.doc, { zone: 'ground-rules', authorId: res.body.participantId });
      const fresh = connectStock(main.wsUrl, res.body.sessionId, res.body.facilitatorToken);
      try {
        await eventually(async () => {
          await fresh.synced();
          expect(getNotes(fresh.doc).has(kept)).toBe(true);
        });
      } finally {
        fresh.destroy();
      }
      addValidNote(board.doc, { zone: 'agreements', authorId: res.body.participantId });
      await eventually(() => expect(board.closes).toContain(CLOSE_CODES.badMessage));
    } finally {
      board.destroy();
    }
  });

  it.each([
    ['a phase naming a frame it does not have', (t: any) => (t.phases[2].frame = 'elsewhere'), '$.phases[2].frame'],
    ['a zone id used twice', (t: any) => (t.frames[0].zones[3].id = t.frames[0].zones[1].id), '$.frames[0].zones[3].id'],
    ['another format version', (t: any) => (t.formatVersion = 1), '$.formatVersion'],
    ['a phase without a script', (t: any) => delete t.phases[4].script, '$.phases[4].script'],
    ['an unknown field', (t: any) => (t.frames[0].colour = 'blue'), '$.frames[0]'],
  ])('refuses a template with %s as invalid_template, with the JSON path', async (_label, spoil, path) => {
    const t = ownTemplate();
    spoil(t);
    const res = await request(main.url, 'POST', '/api/sessions', { body: { title: 'Own', templateJson: t } });
    expectError(res, 422, 'invalid_template', 'templateJson');
    expect(res.body.error.path).toBe(path);
    expect(res.body.error.message).toContain(path);
  });

  it('takes a template of up to 256 KiB, and refuses a larger body with 413', async () => {
    const t = ownTemplate();
    t.phases[0]!.script = 's'.repeat(3000);
    const ok = await request(main.url, 'POST', '/api/sessions', { body: { title: 'Own', templateJson: t } });
    expect(ok.status).toBe(201);
    const huge = { title: 'Own', templateJson: { ...t, padding: 'x'.repeat(LIMITS.sessionBodyBytesMax) } };
    expectError(await request(main.url, 'POST', '/api/sessions', { body: huge }), 413, 'payload_too_large');
    // Other bodies keep the small limit.
    const bigJoin = { joinCode: 'ABCDEF', name: 'x'.repeat(LIMITS.httpBodyBytesMax) };
    expectError(await request(main.url, 'POST', '/api/join', { body: bigJoin }), 413, 'payload_too_large');
  });

  it('accepts a title of exactly 120 characters', async () => {
    const res = await request(main.url, 'POST', '/api/sessions', { body: { title: 't'.repeat(LIMITS.titleMax), template: TEMPLATE } });
    expect(res.status).toBe(201);
  });
});

describe('POST /api/join', () => {
  it('joins with the code typed in lower case with spaces and hyphens', async () => {
    const created = await createSession(main.url, 'Join test', 'Fay');
    const typed = ` ${created.joinCode.slice(0, 3).toLowerCase()} - ${created.joinCode.slice(3).toLowerCase()} `;
    const res = await request(main.url, 'POST', '/api/join', { body: { joinCode: typed, name: '  Bo  ', extra: 1 } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['participantId', 'participantToken', 'sessionId']);
    expect(res.body.sessionId).toBe(created.sessionId);
    expect(res.body.participantToken).toMatch(BASE64URL_TOKEN);
    expect(res.body.participantToken).not.toBe(created.facilitatorToken);

    const view = await request(main.url, 'GET', `/api/sessions/${created.sessionId}`, { token: res.body.participantToken });
    expect(view.status).toBe(200);
    expect(view.body.role).toBe('participant');
    expect(view.body.participantId).toBe(res.body.participantId);
    // A participant never sees the join code.
    expect(view.body).not.toHaveProperty('joinCode');
    expect(view.body.participants).toEqual([
      { participantId: created.participantId, name: 'Fay', role: 'facilitator' },
      { participantId: res.body.participantId, name: 'Bo', role: 'participant' },
    ]);
  });

  it('answers an unknown code with 404 unknown_code', async () => {
    // Valid alphabet, but (almost surely) no session; retried with another code on the rare hit.
    let res: Reply | null = null;
    for (const code of ['ZZZZZZ', 'YYYYYY', 'WWWWWW']) {
      res = await request(main.url, 'POST', '/api/join', { body: { joinCode: code, name: 'Eve' } });
      if (res.status !== 201) break;
    }
    expectError(res!, 404, 'unknown_code', 'joinCode');
    // Letters outside the alphabet (I, O, 0, 1) are never a code.
    expectError(await request(main.url, 'POST', '/api/join', { body: { joinCode: 'IO01IO', name: 'Eve' } }), 404, 'unknown_code', 'joinCode');
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    expectError(await request(main.url, 'POST', '/api/join', { rawBody: 'joinCode=ABCDEF' }), 400, 'invalid_json');
  });

  it.each([
    ['a missing name', { joinCode: 'ABCDEF' }, 'name'],
    ['a name of 41 characters', { joinCode: 'ABCDEF', name: 'n'.repeat(LIMITS.nameMax + 1) }, 'name'],
    ['a name of the wrong type', { joinCode: 'ABCDEF', name: 7 }, 'name'],
    ['a join code of the wrong type', { joinCode: 123456, name: 'Eve' }, 'joinCode'],
  ])('refuses %s with 400 invalid_body naming the field', async (_label, body, field) => {
    expectError(await request(main.url, 'POST', '/api/join', { body }), 400, 'invalid_body', field);
  });
});

describe('GET /api/sessions/:id', () => {
  let a: CreateSessionResponse;
  let b: CreateSessionResponse;
  beforeAll(async () => {
    [a, b] = await Promise.all([createSession(main.url, 'A'), createSession(main.url, 'B')]);
  });

  it('answers 401 unauthorized without a token', async () => {
    expectError(await request(main.url, 'GET', `/api/sessions/${a.sessionId}`), 401, 'unauthorized');
    // A header that is not a bearer token is no token either.
    expectError(
      await request(main.url, 'GET', `/api/sessions/${a.sessionId}`, { headers: { authorization: `Basic ${a.facilitatorToken}` } }),
      401,
      'unauthorized',
    );
  });

  it('answers 401 unauthorized for an unknown token', async () => {
    expectError(await request(main.url, 'GET', `/api/sessions/${a.sessionId}`, { token: 'x'.repeat(43) }), 401, 'unauthorized');
  });

  it("answers 403 forbidden for another session's token", async () => {
    expectError(await request(main.url, 'GET', `/api/sessions/${a.sessionId}`, { token: b.facilitatorToken }), 403, 'forbidden');
  });

  it('answers 404 not_found for an unknown session', async () => {
    expectError(await request(main.url, 'GET', `/api/sessions/${randomUUID()}`, { token: a.facilitatorToken }), 404, 'not_found');
  });

  it('answers 404 not_found for an unknown API path', async () => {
    expectError(await request(main.url, 'GET', '/api/nothing-here'), 404, 'not_found');
  });

  it('lets the same token in from several clients at once', async () => {
    const views = await Promise.all(
      Array.from({ length: 8 }, () => request(main.url, 'GET', `/api/sessions/${a.sessionId}`, { token: a.facilitatorToken })),
    );
    for (const v of views) expect(v.status).toBe(200);

    const one = connectStock(main.wsUrl, a.sessionId, a.facilitatorToken);
    const two = connectStock(main.wsUrl, a.sessionId, a.facilitatorToken);
    clients.push(one, two);
    await Promise.all([one.synced(), two.synced()]);
    const fromOne = addValidNote(one.doc);
    const fromTwo = addValidNote(two.doc);
    for (const c of [one, two]) {
      await eventually(() => expect(listNotes(c.doc).map((n) => n.id).sort()).toEqual([fromOne, fromTwo].sort()));
    }
    expect(one.closes).toEqual([]);
    expect(two.closes).toEqual([]);
  });
});

describe('join rate limit per address (JOIN_FAILURES_PER_WINDOW=3)', () => {
  it('counts only wrong codes and answers 429 rate_limited with Retry-After once they run out', async () => {
    const created = await createSession(limited.url);
    // Successful joins do not count: a whole room behind one address can join.
    for (let i = 0; i < 5; i++) await joinSession(limited.url, created.joinCode, `P${i}`);
    // Nor do malformed bodies: they are no guess at a code.
    for (let i = 0; i < 5; i++) {
      expectError(await request(limited.url, 'POST', '/api/join', { body: { joinCode: 'ZZZZZZ' } }), 400, 'invalid_body', 'name');
    }
    for (let i = 0; i < 3; i++) {
      expectError(await request(limited.url, 'POST', '/api/join', { body: { joinCode: 'ZZZZZZ', name: 'Eve' } }), 404, 'unknown_code', 'joinCode');
    }
    const res = await fetch(`${limited.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: 'ZZZZZZ', name: 'Eve' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Once the address is limited, guessing stops even with the right code.
    expectError(await request(limited.url, 'POST', '/api/join', { body: { joinCode: created.joinCode, name: 'Eve' } }), 429, 'rate_limited');
    // Other endpoints are not affected.
    expect((await request(limited.url, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('tokens across a restart', () => {
  it('keeps tokens and the board valid after the server restarts on the same data', async () => {
    const first = restartable;
    const created = await createSession(first.url, 'Restart');
    const joined = await joinSession(first.url, created.joinCode, 'Pat');
    const writer = connectStock(first.wsUrl, created.sessionId, joined.participantToken);
    clients.push(writer);
    await writer.synced();
    const noteId = addValidNote(writer.doc, { text: 'before restart' });
    const check = connectStock(first.wsUrl, created.sessionId, created.facilitatorToken);
    clients.push(check);
    await eventually(() => expect(listNotes(check.doc).map((n) => n.id)).toContain(noteId));
    writer.destroy();
    check.destroy();
    await first.stop();

    const second = await spawnServer({ dataDir: first.dataDir });
    servers.push(second);
    for (const token of [created.facilitatorToken, joined.participantToken]) {
      const view = await request(second.url, 'GET', `/api/sessions/${created.sessionId}`, { token });
      expect(view.status).toBe(200);
      expect(view.body.title).toBe('Restart');
    }
    // The join code still works, and the same token opens the board from two clients at once.
    expect((await joinSession(second.url, created.joinCode, 'Late')).sessionId).toBe(created.sessionId);
    const one = connectStock(second.wsUrl, created.sessionId, joined.participantToken);
    const two = connectStock(second.wsUrl, created.sessionId, joined.participantToken);
    clients.push(one, two);
    await Promise.all([one.synced(), two.synced()]);
    for (const c of [one, two]) {
      expect(listNotes(c.doc).map((n) => [n.id, n.text])).toEqual([[noteId, 'before restart']]);
    }
  });
});
