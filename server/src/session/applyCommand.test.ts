import { describe, expect, it } from 'vitest';
import { carriedActions, commandSchema, followUpTemplate, getTemplate, initialSessionState, newAction, REVIEW_PHASE_ID, type Command, type Role, type SessionState } from '@balcony/shared';
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
  { type: 'session.end' },
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

describe('applyCommand: actions, the phase log and the end', () => {
  const inActions = (): SessionState => ({ ...start(), phase: { id: 'actions', index: 6 } });
  const targets = () => ({ notes: new Map([['n1', 'actions']]), themes: new Map([['t1', 'what-worked']]) });
  // Parsed as the server parses them, so that trimming and limits apply.
  const runWith = (state: SessionState, sender: string, command: Command) =>
    applyCommand(circle, state, sender, commandSchema.parse(command), { people, now: 5_000, targets, newId: () => 'act-1' });

  it('logs each phase entered, with the time, so the record can say how long each took', () => {
    let s = ok(run(start(), 'fay', { type: 'phase.next' }, 2_000));
    s = ok(run(s, 'fay', { type: 'phase.back' }, 3_000));
    expect(s.phaseLog).toEqual([
      { phaseId: 'welcome', at: 0 },
      { phaseId: 'story', at: 2_000 },
      { phaseId: 'welcome', at: 3_000 },
    ]);
  });

  it('lets a participant write an action in the actions phase, open and linked to what is on the board', () => {
    const s = ok(runWith(inActions(), 'amara', { type: 'action.add', text: ' Book a case discussion ', owner: { kind: 'participant', participantId: 'ben' }, due: '2027-01-10', noteIds: ['n1'] }));
    expect(s.actions).toEqual([
      { id: 'act-1', text: 'Book a case discussion', owner: { kind: 'participant', participantId: 'ben' }, due: '2027-01-10', status: 'open', noteIds: ['n1'], themeId: null, element: null, stakeholder: null, phaseId: 'actions', createdAt: 5_000, updatedAt: 5_000, carriedFrom: null, review: null },
    ]);
  });

  it("refuses a participant's action outside the actions phase, but not a facilitator's", () => {
    expect(runWith(start(), 'amara', { type: 'action.add', text: 'Too early' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(ok(runWith(start(), 'fay', { type: 'action.add', text: 'Noted early' })).actions).toHaveLength(1);
  });

  it('refuses links to notes, themes, people and elements that are not there', () => {
    const s = inActions();
    expect(runWith(s, 'amara', { type: 'action.add', text: 'x', noteIds: ['gone'] })).toMatchObject({ ok: false, code: 'not_found' });
    expect(runWith(s, 'amara', { type: 'action.add', text: 'x', themeId: 'gone' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(runWith(s, 'amara', { type: 'action.add', text: 'x', owner: { kind: 'participant', participantId: 'stranger' } })).toMatchObject({ ok: false, code: 'not_found' });
    // The learning circle's actions name no element and no stakeholder.
    expect(runWith(s, 'amara', { type: 'action.add', text: 'x', element: 'stories' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(runWith(s, 'amara', { type: 'action.add', text: 'x', stakeholder: 'Head of service' })).toMatchObject({ ok: false, code: 'invalid_command' });
  });

  it("lets an action's owner mark it done in any phase, and nobody else who is not writing actions", () => {
    let s = ok(runWith(inActions(), 'fay', { type: 'action.add', text: 'Try reflective huddles', owner: { kind: 'participant', participantId: 'amara' } }));
    s = { ...s, phase: { id: 'welcome', index: 0 } };
    expect(runWith(s, 'ben', { type: 'action.update', actionId: 'act-1', status: 'done' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(runWith(s, 'amara', { type: 'action.update', actionId: 'act-1', text: 'Rewritten' })).toMatchObject({ ok: false, code: 'forbidden' });
    const done = ok(runWith(s, 'amara', { type: 'action.update', actionId: 'act-1', status: 'done' }));
    expect(done.actions[0]).toMatchObject({ status: 'done', text: 'Try reflective huddles', updatedAt: 5_000 });
  });

  it('clears a field given as null and keeps one left out', () => {
    let s = ok(runWith(inActions(), 'amara', { type: 'action.add', text: 'Ask the family', due: '2027-02-01', owner: { kind: 'name', name: 'Priya' } }));
    s = ok(runWith(s, 'amara', { type: 'action.update', actionId: 'act-1', due: null }));
    expect(s.actions[0]).toMatchObject({ due: null, owner: { kind: 'name', name: 'Priya' } });
    expect(runWith(s, 'amara', { type: 'action.remove', actionId: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(ok(runWith(s, 'amara', { type: 'action.remove', actionId: 'act-1' })).actions).toEqual([]);
  });

  it('keeps every closed vote for the record when the next one opens', () => {
    let s = ok(applyCommand(circle, inActions(), 'fay', { type: 'vote.open', dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' }, { people, now: 1, newId: () => 'v1' }));
    s = ok(applyCommand(circle, s, 'amara', { type: 'vote.cast', targetId: 'n1' }, { people, now: 2, targets }));
    s = ok(run(s, 'fay', { type: 'vote.close' }));
    s = ok(applyCommand(circle, s, 'fay', { type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 1, targets: 'notes' }, { people, now: 3, newId: () => 'v2' }));
    expect(s.closedVotes).toEqual([{ id: 'v1', phaseId: 'actions', setup: { dotsPerPerson: 2, maxPerTarget: 1, targets: 'notes' }, results: [{ targetId: 'n1', votes: 1 }] }]);
  });

  it('ends the session once, and afterwards refuses every change to its outcome', () => {
    const ended = ok(run({ ...inActions(), timer: { endsAt: 9_000, remainingMs: 0, running: true }, hands: ['amara'] }, 'fay', { type: 'session.end' }, 7_000));
    expect(ended).toMatchObject({ endedAt: 7_000, timer: { running: false }, hands: [] });
    expect(ok(run(ended, 'fay', { type: 'session.end' }, 8_000)).endedAt).toBe(7_000);
    for (const command of [
      { type: 'phase.next' },
      { type: 'action.add', text: 'Late' },
      { type: 'note.withdraw', noteId: 'n1' },
      { type: 'vote.open', dotsPerPerson: 1, maxPerTarget: 1, targets: 'notes' },
      { type: 'hand.raise' },
    ] as Command[]) {
      expect(runWith(ended, 'fay', command), command.type).toMatchObject({ ok: false, code: 'session_ended' });
    }
  });
});

describe('applyCommand: the review of actions carried over', () => {
  const followUp = followUpTemplate(circle);
  const before = [
    newAction('c1', { text: 'Ask the family about respite', owner: { kind: 'participant', participantId: 'old-amara' } }, 'actions', 100),
    newAction('c2', { text: 'Book a case discussion', owner: { kind: 'participant', participantId: 'amara' } }, 'actions', 100),
  ];
  // c2's owner is a participant of this session (as an owner set again here would be).
  const carried = carriedActions(before, { sessionId: 's0', nameOf: (id) => (id === 'old-amara' ? 'Amara' : null) }, REVIEW_PHASE_ID, 200).map((a) =>
    a.id === 'c2' ? { ...a, owner: { kind: 'participant' as const, participantId: 'amara' } } : a,
  );
  const written = newAction('w1', { text: 'Written here' }, REVIEW_PHASE_ID, 300);
  const inReview = (): SessionState => ({
    ...initialSessionState(followUp, 'fay'),
    roles: { fay: 'facilitator', amara: 'participant', ben: 'participant', olu: 'observer' },
    actions: [...carried, written],
  });
  // A phase in which participants write notes, but not the review.
  const later = (): SessionState => ({ ...inReview(), phase: { id: 'questions', index: 3 } });
  const review = (state: SessionState, sender: string, actionId: string, outcome: 'done' | 'dropped' | 'carried' = 'done', note = 'Went well') =>
    applyCommand(followUp, state, sender, commandSchema.parse({ type: 'action.review', actionId, outcome, note }), {
      people: new Map([...people, ['olu', 'observer']]),
      now: 9_000,
    });

  it('lets anyone who may write in the review phase mark one, its status following the outcome', () => {
    const s = ok(review(inReview(), 'ben', 'c1', 'dropped', ' Not needed any more '));
    expect(s.actions[0]).toMatchObject({ id: 'c1', status: 'dropped', carriedFrom: 's0', review: { outcome: 'dropped', note: 'Not needed any more', by: 'ben', at: 9_000 }, updatedAt: 9_000 });
    const again = ok(review(s, 'ben', 'c1', 'carried', ''));
    expect(again.actions[0]).toMatchObject({ status: 'open', review: { outcome: 'carried', note: '' } });
    expect(ok(review(s, 'amara', 'c1', 'done')).actions[0]!.status).toBe('done');
  });

  it('refuses an observer, and a participant once the board is locked', () => {
    expect(review(inReview(), 'olu', 'c1')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(review({ ...inReview(), locked: true }, 'ben', 'c1')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('after the review phase, lets only a facilitator or the owner mark one', () => {
    expect(review(later(), 'ben', 'c1')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(review(later(), 'ben', 'c2')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(ok(review(later(), 'amara', 'c2')).actions[1]).toMatchObject({ status: 'done', review: { by: 'amara' } });
    expect(ok(review(later(), 'fay', 'c1', 'carried', 'Next month')).actions[0]).toMatchObject({ status: 'open', review: { outcome: 'carried', note: 'Next month', by: 'fay' } });
  });

  it('refuses an action written in this session, one that is not there, and every review once the session ended', () => {
    expect(review(inReview(), 'fay', 'w1')).toMatchObject({ ok: false, code: 'invalid_command' });
    expect(review(inReview(), 'fay', 'nope')).toMatchObject({ ok: false, code: 'not_found' });
    expect(review({ ...inReview(), endedAt: 8_000 }, 'fay', 'c1')).toMatchObject({ ok: false, code: 'session_ended' });
  });

  it('refuses a note longer than the limit or an outcome it does not know, at the schema', () => {
    expect(commandSchema.safeParse({ type: 'action.review', actionId: 'c1', outcome: 'done', note: 'x'.repeat(301) }).success).toBe(false);
    expect(commandSchema.safeParse({ type: 'action.review', actionId: 'c1', outcome: 'maybe', note: '' }).success).toBe(false);
  });
});
