import { describe, expect, it } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import { PeersIndex } from './peers';

/** Just enough of an awareness for PeersIndex to read: states by client id. */
function fakeAwareness(states: Map<number, Record<string, unknown>>): Awareness {
  return {
    clientID: 1,
    getStates: () => states,
    getLocalState: () => states.get(1) ?? null,
    setLocalState: () => {},
    on: () => {},
    off: () => {},
  } as unknown as Awareness;
}

describe('PeersIndex', () => {
  it('reads named people as they are', () => {
    const peers = new PeersIndex(
      fakeAwareness(new Map([[2, { user: { participantId: 'p-ben', name: 'Ben', color: '#123456' }, cursor: { x: 1, y: 2 } }]])),
    );
    expect(peers.get()[0]!.user?.name).toBe('Ben');
    expect(peers.nameOf(2)).toBe('Ben');
  });

  it('keeps the cursor of someone an anonymous session does not name, unnamed', () => {
    const peers = new PeersIndex(fakeAwareness(new Map([[3, { cursor: { x: 10, y: 20 } }]])));
    const [peer] = peers.get();
    expect(peer!.user).toBeNull();
    expect(peer!.cursor).toEqual({ x: 10, y: 20 });
    expect(peers.nameOf(3)).toBeUndefined();
  });

  it('leaves out a user that does not read', () => {
    const peers = new PeersIndex(fakeAwareness(new Map([[4, { user: { name: 42 }, cursor: { x: 1, y: 1 } }]])));
    expect(peers.get()).toEqual([]);
  });
});
