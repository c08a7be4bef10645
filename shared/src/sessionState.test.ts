import { describe, expect, it } from 'vitest';
import { initialSessionState, parseSessionState, stateFor, timeLeftMs } from './sessionState.js';
import { getTemplate } from './templates/index.js';

const circle = getTemplate('what-works-circle');

describe('session state', () => {
  it('starts in the first phase, its time set and stopped, the creator facilitating', () => {
    const state = initialSessionState(circle, 'fay');
    expect(state).toEqual({
      joinLocked: false,
      phase: { id: 'welcome', index: 0 },
      timer: { endsAt: null, remainingMs: 5 * 60_000, running: false },
      locked: false,
      roles: { fay: 'facilitator' },
      follow: null,
      hands: [],
      pauseRequests: [],
    });
    expect(parseSessionState(JSON.stringify(state))).toEqual(state);
  });

  it('reads a state stored before facilitation existed, keeping its join lock', () => {
    const state = parseSessionState('{"joinLocked":true}');
    expect(state.joinLocked).toBe(true);
    expect(state.roles).toEqual({});
    expect(state.phase.index).toBe(0);
  });

  it('refuses a stored state that is not one', () => {
    expect(() => parseSessionState('{"joinLocked":"yes"}')).toThrow();
    expect(() => parseSessionState('not json')).toThrow();
  });

  it('sends pause requests to facilitators, and to anyone else only their own', () => {
    const state = {
      ...initialSessionState(circle, 'fay'),
      roles: { fay: 'facilitator' as const, amara: 'participant' as const, ben: 'presenter' as const },
      pauseRequests: [
        { participantId: 'amara', at: 1 },
        { participantId: 'ben', at: 2 },
      ],
    };
    expect(stateFor(state, 'fay').pauseRequests).toHaveLength(2);
    expect(stateFor(state, 'amara').pauseRequests).toEqual([{ participantId: 'amara', at: 1 }]);
    expect(stateFor(state, 'cleo').pauseRequests).toEqual([]);
  });

  it('counts time left from endsAt while running, and goes below zero once it has run out', () => {
    expect(timeLeftMs({ endsAt: 10_000, remainingMs: 60_000, running: true }, 4_000)).toBe(6_000);
    expect(timeLeftMs({ endsAt: 10_000, remainingMs: 60_000, running: true }, 12_000)).toBe(-2_000);
    expect(timeLeftMs({ endsAt: null, remainingMs: 60_000, running: false }, 12_000)).toBe(60_000);
  });
});
