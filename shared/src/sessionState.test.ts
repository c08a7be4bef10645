import { describe, expect, it } from 'vitest';
import { initialSessionState, parseSessionState, setJoinLocked } from './sessionState.js';

describe('session state', () => {
  it('starts open to joining, and reads back what was written', () => {
    const state = initialSessionState();
    expect(state).toEqual({ joinLocked: false });
    expect(parseSessionState(JSON.stringify(setJoinLocked(state, true)))).toEqual({ joinLocked: true });
  });

  it('leaves the state it is given alone when changing it', () => {
    const state = initialSessionState();
    setJoinLocked(state, true);
    expect(state.joinLocked).toBe(false);
  });

  it('refuses a stored state that is not one', () => {
    expect(() => parseSessionState('{"joinLocked":"yes"}')).toThrow();
    expect(() => parseSessionState('not json')).toThrow();
  });
});
