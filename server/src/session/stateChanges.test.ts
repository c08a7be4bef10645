import { describe, expect, it } from 'vitest';
import { getTemplate, initialSessionState, type SessionState } from '@balcony/shared';
import { changeSessionState } from './stateChanges.js';

const base = initialSessionState(getTemplate('what-works-circle'), 'fay');
const json = (joinLocked: boolean) => JSON.stringify({ ...base, joinLocked });
const state = (joinLocked: boolean): SessionState => ({ ...base, joinLocked });

/** A store of one session's state, where another writer can slip in before the next write. */
function storeWith(state: string) {
  let current = { version: 1, state };
  let interloper: string | null = null;
  const writes: number[] = [];
  return {
    slipIn: (s: string) => (interloper = s),
    writes,
    get current() {
      return current;
    },
    async loadSessionState() {
      return current;
    },
    async replaceSessionState(_id: string, expected: number, next: string) {
      if (interloper !== null) {
        current = { version: current.version + 1, state: interloper };
        interloper = null;
      }
      writes.push(expected);
      if (expected !== current.version) return false;
      current = { version: expected + 1, state: next };
      return true;
    },
  };
}

describe('changeSessionState', () => {
  it('writes the change as the next version', async () => {
    const store = storeWith(json(false));
    const { current, changed } = await changeSessionState(store, 's', (s) => ({ ...s, joinLocked: true }));
    expect(changed).toBe(true);
    expect(current).toEqual({ version: 2, state: state(true) });
    expect(store.current).toEqual({ version: 2, state: json(true) });
  });

  it('works the change out again from what another writer wrote first, and lands after it', async () => {
    const store = storeWith(json(false));
    store.slipIn(json(true));
    const seen: boolean[] = [];
    const { current } = await changeSessionState(store, 's', (s) => {
      seen.push(s.joinLocked);
      return { ...s, joinLocked: !s.joinLocked };
    });
    // First from version 1 (refused), then from the other writer's version 2.
    expect(seen).toEqual([false, true]);
    expect(store.writes).toEqual([1, 2]);
    expect(current).toEqual({ version: 3, state: state(false) });
  });

  it('writes nothing for a change that changes nothing', async () => {
    const store = storeWith(json(true));
    const { current, changed } = await changeSessionState(store, 's', (s) => ({ ...s, joinLocked: true }));
    expect(changed).toBe(false);
    expect(current.version).toBe(1);
    expect(store.writes).toEqual([]);
  });
});
