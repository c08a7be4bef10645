import { describe, expect, it } from 'vitest';
import { awarenessClientStateSchema, awarenessStateSchema } from './awareness.js';

describe('awareness schemas', () => {
  it('accepts a cursor and a drag', () => {
    const state = { cursor: { x: 10, y: 20 }, drag: { noteId: 'n1', zone: 'stories', x: 0.2, y: 0.9 } };
    expect(awarenessClientStateSchema.parse(state)).toEqual(state);
  });

  it('drops a user a client tries to set', () => {
    expect(awarenessClientStateSchema.parse({ user: { name: 'Mallory' } })).toEqual({});
  });

  it.each([
    ['a cursor of the wrong type', { cursor: 'here' }],
    ['a cursor at infinity', { cursor: { x: Infinity, y: 0 } }],
    ['a drag outside its zone', { drag: { noteId: 'n1', zone: 'stories', x: 1.5, y: 0 } }],
    ['a drag with a long note id', { drag: { noteId: 'n'.repeat(65), zone: 'stories', x: 0, y: 0 } }],
    ['a cursor with extra keys', { cursor: { x: 1, y: 1, z: 1 } }],
  ])('rejects %s', (_label, state) => {
    expect(awarenessClientStateSchema.safeParse(state).success).toBe(false);
  });

  it('needs a full user on a server-built state', () => {
    expect(awarenessStateSchema.safeParse({ user: { participantId: 'p', name: 'Amara', color: '#1F6FEB' } }).success).toBe(true);
    expect(awarenessStateSchema.safeParse({ user: { participantId: 'p', name: 'Amara' } }).success).toBe(false);
    expect(awarenessStateSchema.safeParse({ user: { participantId: 'p', name: 'n'.repeat(41), color: '#1F6FEB' } }).success).toBe(false);
  });
});
