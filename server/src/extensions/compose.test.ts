import { describe, expect, it } from 'vitest';
import type { Store } from '../store/types.js';
import { composeExtensions } from './compose.js';
import type { ConnectionInfo, Extension } from './types.js';

const persistence = {} as Store;
const conn = {} as ConnectionInfo;
const auth: Extension = { name: 'auth', onAuthenticate: async () => ({ ok: false, error: new Error('no') as never }) };
const keeper: Extension = { name: 'keeper', persistence };

describe('composeExtensions', () => {
  it('runs connect hooks in order; a refusal stops the rest and gives back the places taken before it', () => {
    const calls: string[] = [];
    const counting = (name: string, ok: boolean): Extension => ({
      name,
      onConnect: () => (calls.push(`connect ${name}`), ok ? { ok: true } : { ok: false, reason: `${name} says no` }),
      onDisconnect: () => void calls.push(`disconnect ${name}`),
    });
    const hooks = composeExtensions([auth, keeper, counting('a', true), counting('b', true), counting('c', false), counting('d', true)]);
    expect(hooks.connect(conn)).toEqual({ ok: false, reason: 'c says no' });
    expect(calls).toEqual(['connect a', 'connect b', 'connect c', 'disconnect b', 'disconnect a']);
  });

  it('takes the first answer for a token, and the first budget an extension says is spent', async () => {
    const first: Extension = { name: 'first', onAuthenticate: async () => null };
    const hooks = composeExtensions([
      first,
      auth,
      keeper,
      { name: 'free', onMessage: () => null },
      { name: 'strict', onMessage: (_c, bytes) => (bytes > 10 ? 'bytes' : null) },
    ]);
    expect((await hooks.authenticate('t')).ok).toBe(false);
    expect(hooks.message(conn, 5)).toBeNull();
    expect(hooks.message(conn, 50)).toBe('bytes');
    expect(hooks.persistence).toBe(persistence);
  });

  it('refuses to start without exactly one place to keep boards, or without authentication', () => {
    expect(() => composeExtensions([auth])).toThrow(/keep the boards/);
    expect(() => composeExtensions([auth, keeper, { name: 'second', persistence }])).toThrow(/keep the boards/);
    expect(() => composeExtensions([keeper])).toThrow(/authenticates/);
  });
});
