import { describe, expect, it } from 'vitest';
import { createSessionBodySchema, joinBodySchema, sessionViewSchema } from './api.js';
import { errorBodySchema } from './errors.js';

describe('createSessionBodySchema', () => {
  it('trims strings and drops unknown keys', () => {
    const parsed = createSessionBodySchema.parse({ title: '  Team culture  ', template: 'cultural-web', facilitatorName: ' Sam ', admin: true });
    expect(parsed).toEqual({ title: 'Team culture', template: 'cultural-web', facilitatorName: 'Sam' });
  });

  it.each([
    ['missing title', { template: 'cultural-web' }, 'title'],
    ['empty title after trimming', { title: '   ', template: 'cultural-web' }, 'title'],
    ['title too long', { title: 'x'.repeat(121), template: 'cultural-web' }, 'title'],
    ['title of the wrong type', { title: 42, template: 'cultural-web' }, 'title'],
    ['unknown template', { title: 'T', template: 'kanban' }, 'template'],
    ['missing template', { title: 'T' }, 'template'],
    ['name too long', { title: 'T', template: 'cultural-web', facilitatorName: 'n'.repeat(41) }, 'facilitatorName'],
    ['empty name', { title: 'T', template: 'cultural-web', facilitatorName: '' }, 'facilitatorName'],
  ])('rejects %s', (_label, body, field) => {
    const result = createSessionBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(field);
  });

  it('accepts exactly 120 characters of title and 40 of name', () => {
    expect(createSessionBodySchema.safeParse({ title: 't'.repeat(120), template: 'what-works-circle', facilitatorName: 'n'.repeat(40) }).success).toBe(true);
  });
});

describe('joinBodySchema', () => {
  it('keeps the code as typed (the server normalises it) and trims the name', () => {
    expect(joinBodySchema.parse({ joinCode: 'abc-def', name: ' Amara ', extra: 1 })).toEqual({ joinCode: 'abc-def', name: 'Amara' });
  });

  it.each([
    ['missing name', { joinCode: 'ABCDEF' }, 'name'],
    ['name too long', { joinCode: 'ABCDEF', name: 'n'.repeat(41) }, 'name'],
    ['missing code', { name: 'Amara' }, 'joinCode'],
    ['code of the wrong type', { joinCode: 123456, name: 'Amara' }, 'joinCode'],
  ])('rejects %s', (_label, body, field) => {
    const result = joinBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(field);
  });
});

describe('sessionViewSchema', () => {
  it('rejects an unknown role', () => {
    const view = { sessionId: 's', title: 't', template: 'cultural-web', role: 'admin', participantId: 'p', participants: [] };
    expect(sessionViewSchema.safeParse(view).success).toBe(false);
  });
});

describe('errorBodySchema', () => {
  it('accepts a declared code with a field', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'invalid_body', message: 'm', field: 'title' } }).success).toBe(true);
  });
  it('rejects a code that is not declared', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'oops', message: 'm' } }).success).toBe(false);
  });
});
