import { describe, expect, it } from 'vitest';
import { getTemplate, initialSessionState, type Command, type Role, type SessionState } from '@balcony/shared';
import { applyCommand } from './applyCommand.js';

const circle = getTemplate('what-works-circle');
const people = new Map<string, Role>([
  ['fay', 'facilitator'],
  ['amara', 'participant'],
  ['ben', 'participant'],
]);
const start = (): SessionState => ({ ...initialSessionState(circle, 'fay'), roles: { fay: 'facilitator', amara: 'participant', ben: 'participant' } });
const run = (state: SessionState, sender: string, command: Command, now = 1_000) => applyCommand(circle, state, sender, command, { people, now });
const ok = (outcome: ReturnType<typeof run>) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome.state;
};

const FACILITATOR_COMMANDS: Command[] = [
  { type: 'phase.goto', phaseId: 'story' },
  { type: 'phase.next' },
  { type: 'phase.back' },
  { type: 'timer.start' },
  { type: 'timer.pause' },
  { type: 'timer.add', seconds: 60 },
  { type: 'board.lock', locked: true },
  { type: 'role.set', participantId: 'amara', role: 'presenter' },
  { type: 'follow.set', target: 'story' },
  { type: 'hand.lower', participantId: 'ben' },
  { type: 'pause.dismiss' },
];

describe('applyCommand', () => {
  it.each(FACILITATOR_COMMANDS)('refuses $type from a participant', (command) => {
    expect(run(start(), 'amara', command)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('moves through the phases, each starting with its own time, stopped', () => {
    let s = ok(run(start(), 'fay', { type: 'timer.start' }));
    s = ok(run(s, 'fay', { type: 'phase.next' }));
    expect(s.phase).toEqual({ id: 'story', index: 1 });
    expect(s.timer).toEqual({ endsAt: null, remainingMs: 10 * 60_000, running: false });
    s = ok(run(s, 'fay', { type: 'phase.goto', phaseId: 'actions' }));
    expect(s.phase.index).toBe(6);
    expect(run(s, 'fay', { type: 'phase.next' })).toMatchObject({ ok: false, code: 'invalid_command' });
    expect(run(start(), 'fay', { type: 'phase.back' })).toMatchObject({ ok: false, code: 'invalid_command' });
    expect(run(s, 'fay', { type: 'phase.goto', phaseId: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('runs the timer from endsAt, pauses with what is left, and adds time either way', () => {
    let s = ok(run(start(), 'fay', { type: 'timer.start' }, 10_000));
    expect(s.timer).toEqual({ endsAt: 10_000 + 300_000, remainingMs: 300_000, running: true });
    s = ok(run(s, 'fay', { type: 'timer.add', seconds: 60 }, 20_000));
    expect(s.timer.endsAt).toBe(370_000);
    s = ok(run(s, 'fay', { type: 'timer.pause' }, 70_000));
    expect(s.timer).toEqual({ endsAt: null, remainingMs: 300_000, running: false });
    s = ok(run(s, 'fay', { type: 'timer.add', seconds: -600 }, 80_000));
    expect(s.timer.remainingMs).toBe(0);
  });

  it('keeps at least one facilitator, and lets one hand the role on', () => {
    expect(run(start(), 'fay', { type: 'role.set', participantId: 'fay', role: 'participant' })).toMatchObject({ ok: false, code: 'last_facilitator' });
    let s = ok(run(start(), 'fay', { type: 'role.set', participantId: 'amara', role: 'facilitator' }));
    s = ok(run(s, 'fay', { type: 'role.set', participantId: 'fay', role: 'participant' }));
    expect(s.roles).toMatchObject({ fay: 'participant', amara: 'facilitator' });
    expect(run(s, 'fay', { type: 'phase.next' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(s, 'amara', { type: 'role.set', participantId: 'nobody', role: 'observer' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('counts a facilitator the state does not list yet (a session from before roles were kept)', () => {
    const legacy = { ...start(), roles: {} };
    expect(run(legacy, 'fay', { type: 'role.set', participantId: 'fay', role: 'observer' })).toMatchObject({ ok: false, code: 'last_facilitator' });
  });

  it('keeps hands in the order raised; anyone lowers their own, a facilitator anyone\'s', () => {
    let s = ok(run(start(), 'ben', { type: 'hand.raise' }));
    s = ok(run(s, 'amara', { type: 'hand.raise' }));
    s = ok(run(s, 'ben', { type: 'hand.raise' }));
    expect(s.hands).toEqual(['ben', 'amara']);
    expect(run(s, 'amara', { type: 'hand.lower', participantId: 'ben' })).toMatchObject({ ok: false, code: 'forbidden' });
    s = ok(run(s, 'amara', { type: 'hand.lower' }));
    s = ok(run(s, 'fay', { type: 'hand.lower', participantId: 'ben' }));
    expect(s.hands).toEqual([]);
  });

  it('follows only to a frame or zone the template has', () => {
    expect(ok(run(start(), 'fay', { type: 'follow.set', target: 'circle' })).follow).toBe('circle');
    expect(run(start(), 'fay', { type: 'follow.set', target: 'paradigm' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('records a pause request once per person, and lets a facilitator clear it', () => {
    let s = ok(run(start(), 'amara', { type: 'pause.request' }, 5));
    s = ok(run(s, 'amara', { type: 'pause.request' }, 6));
    expect(s.pauseRequests).toEqual([{ participantId: 'amara', at: 5 }]);
    s = ok(run(s, 'fay', { type: 'pause.dismiss', participantId: 'amara' }));
    expect(s.pauseRequests).toEqual([]);
  });

  describe('votes', () => {
    const zone = circle.frames[0]!.zones[0]!.id;
    const targets = { notes: new Map([['n1', zone], ['n2', 'elsewhere']]), themes: new Map([['t1', zone]]) };
    const vote = (state: SessionState, sender: string, command: Command) =>
      applyCommand(circle, state, sender, command, { people, now: 1, targets: () => targets, newId: () => 'v1' });
    const learning = (): SessionState => ({ ...start(), phase: { id: 'learning', index: 5 } });
    const open = (setup: Partial<{ dotsPerPerson: number; maxPerTarget: number; zones: string[] }> = {}) =>
      ok(vote(learning(), 'fay', { type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes', ...setup }));

    it('opens a vote in the current phase with no dots, only for a facilitator', () => {
      expect(open().vote).toEqual({
        id: 'v1',
        setup: { dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' },
        phaseId: 'learning',
        open: true,
        dots: {},
        results: null,
      });
      expect(vote(learning(), 'amara', { type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(vote(open(), 'fay', { type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' })).toMatchObject({ ok: false, code: 'invalid_command' });
      expect(vote(learning(), 'fay', { type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 2, targets: 'notes' })).toMatchObject({ ok: false, code: 'invalid_command' });
      expect(vote(learning(), 'fay', { type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 1, targets: 'notes', zones: ['nowhere'] })).toMatchObject({ ok: false, code: 'not_found' });
    });

    it('caps dots per person and per target with vote_limit, and takes one back on retract', () => {
      let s = ok(vote(open(), 'amara', { type: 'vote.cast', targetId: 'n1' }));
      expect(vote(s, 'amara', { type: 'vote.cast', targetId: 'n1' })).toMatchObject({ ok: false, code: 'vote_limit' });
      s = ok(vote(s, 'amara', { type: 'vote.cast', targetId: 'n2' }));
      expect(s.vote!.dots).toEqual({ amara: ['n1', 'n2'] });
      s = ok(vote(s, 'amara', { type: 'vote.retract', targetId: 'n1' }));
      expect(s.vote!.dots).toEqual({ amara: ['n2'] });
      s = ok(vote(s, 'amara', { type: 'vote.retract', targetId: 'n2' }));
      expect(s.vote!.dots).toEqual({});
      expect(vote(s, 'amara', { type: 'vote.retract', targetId: 'n2' })).toMatchObject({ ok: false, code: 'not_found' });
    });

    it('refuses a target that is not on the board, of the wrong kind, or outside the vote\'s zones', () => {
      expect(vote(open(), 'amara', { type: 'vote.cast', targetId: 'gone' })).toMatchObject({ ok: false, code: 'not_found' });
      expect(vote(open(), 'amara', { type: 'vote.cast', targetId: 't1' })).toMatchObject({ ok: false, code: 'not_found' });
      expect(vote(open({ zones: [zone] }), 'amara', { type: 'vote.cast', targetId: 'n2' })).toMatchObject({ ok: false, code: 'not_found' });
    });

    it('lets only those who may write in the phase vote, and nobody once it is closed', () => {
      const observing = { ...open(), roles: { ...open().roles, ben: 'observer' as const } };
      expect(vote(observing, 'ben', { type: 'vote.cast', targetId: 'n1' })).toMatchObject({ ok: false, code: 'forbidden' });
      const closed = ok(vote(ok(vote(open(), 'amara', { type: 'vote.cast', targetId: 'n1' })), 'fay', { type: 'vote.close' }));
      expect(closed.vote).toMatchObject({ open: false, results: [{ targetId: 'n1', votes: 1 }] });
      expect(vote(closed, 'amara', { type: 'vote.cast', targetId: 'n1' })).toMatchObject({ ok: false, code: 'invalid_command' });
      expect(vote(closed, 'fay', { type: 'vote.close' })).toMatchObject({ ok: false, code: 'invalid_command' });
    });

    it('lets a reveal come from a facilitator only, and "reveal mine" from anyone who may write', () => {
      expect(vote(learning(), 'amara', { type: 'reveal' })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(vote(learning(), 'fay', { type: 'reveal' })).toMatchObject({ ok: true });
      expect(vote(learning(), 'amara', { type: 'reveal.mine' })).toMatchObject({ ok: true });
      expect(vote({ ...learning(), locked: true }, 'amara', { type: 'reveal.mine' })).toMatchObject({ ok: false, code: 'forbidden' });
    });
  });
});
