import { describe, expect, it } from 'vitest';
import { initialSessionState, parseSessionState, stateFor, tallyVotes, timeLeftMs, type SessionState } from './sessionState.js';
import { getTemplate } from './templates/index.js';

const circle = getTemplate('what-works-circle');

describe('session state', () => {
  it('starts in the first phase, its time set and stopped, the creator facilitating', () => {
    const state = initialSessionState(circle, 'fay');
    expect(state).toEqual({
      joinLocked: false,
      anonymous: false,
      phase: { id: 'welcome', index: 0 },
      timer: { endsAt: null, remainingMs: 5 * 60_000, running: false },
      locked: false,
      roles: { fay: 'facilitator' },
      follow: null,
      hands: [],
      pauseRequests: [],
      privateCounts: {},
      vote: null,
      closedVotes: [],
      phaseLog: [{ phaseId: 'welcome', at: 0 }],
      actions: [],
      endedAt: null,
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

  describe('votes', () => {
    const voting = (open: boolean): SessionState => ({
      ...initialSessionState(circle, 'fay'),
      roles: { fay: 'facilitator', amara: 'participant', ben: 'participant' },
      privateCounts: { amara: 2, ben: 0 },
      vote: {
        id: 'v1',
        setup: { dotsPerPerson: 3, maxPerTarget: 2, targets: 'notes' },
        phaseId: 'learning',
        open,
        dots: { amara: ['n1', 'n1', 'n2'], ben: ['n2', 'n3'] },
        results: open ? null : tallyVotes({ amara: ['n1', 'n1', 'n2'], ben: ['n2', 'n3'] }),
      },
    });

    it('sends a participant only their own dots while a vote is open, and no count', () => {
      const view = stateFor(voting(true), 'ben');
      expect(view.vote).toMatchObject({ open: true, mine: ['n2', 'n3'], castTotal: null, results: null });
      expect(JSON.stringify(view)).not.toContain('n1');
      expect(view.privateCounts).toEqual({ ben: 0 });
    });

    it('sends a facilitator the number of dots cast, never whose', () => {
      const view = stateFor(voting(true), 'fay');
      expect(view.vote).toMatchObject({ open: true, mine: [], castTotal: 5, results: null });
      expect(JSON.stringify(view.vote)).not.toContain('amara');
      expect(view.privateCounts).toEqual({ amara: 2, ben: 0 });
    });

    it('sends everyone the results once closed, most dots first, ties by id', () => {
      const results = [
        { targetId: 'n1', votes: 2 },
        { targetId: 'n2', votes: 2 },
        { targetId: 'n3', votes: 1 },
      ];
      expect(stateFor(voting(false), 'amara').vote).toMatchObject({ open: false, results, castTotal: null });
      expect(stateFor(voting(false), 'fay').vote?.results).toEqual(results);
    });

    it('reads a state stored before votes and private writing with none of either', () => {
      expect(parseSessionState('{"joinLocked":false}')).toMatchObject({ anonymous: false, privateCounts: {}, vote: null, closedVotes: [], phaseLog: [], actions: [], endedAt: null });
    });
  });
});
