import {
  accessIn,
  actionElements,
  changedAction,
  currentPhase,
  isActionsPhase,
  isReviewPhase,
  newAction,
  reviewedAction,
  LIMITS,
  type Action,
  type ActionFieldsInput,
  roleIn,
  tallyVotes,
  templateZones,
  type StoredVote,
  type Command,
  type Role,
  type CommandErrorCode,
  type SessionRole,
  type SessionState,
  type Template,
  resolveTarget,
} from '@balcony/shared';

export type CommandOutcome = { ok: true; state: SessionState } | { ok: false; code: CommandErrorCode; message: string };

const refuse = (code: CommandErrorCode, message: string): CommandOutcome => ({ ok: false, code, message });

/** Commands only a facilitator may give; the rest anyone may, for themselves. */
const FACILITATOR_ONLY: ReadonlySet<Command['type']> = new Set([
  'phase.goto',
  'phase.next',
  'phase.back',
  'timer.start',
  'timer.pause',
  'timer.add',
  'board.lock',
  'role.set',
  'follow.set',
  'pause.dismiss',
  'reveal',
  'vote.open',
  'vote.close',
  'session.end',
]);

/** What may still be done once a session has ended: nothing changes its outcome any more. */
const AFTER_END: ReadonlySet<Command['type']> = new Set(['hand.lower', 'pause.dismiss', 'session.end']);

/** What is on the shared board that a vote may be cast on: each note's and theme's zone, by id. */
export interface VoteTargets {
  notes: ReadonlyMap<string, string>;
  themes: ReadonlyMap<string, string>;
}

/** What a command may need of the world beyond the state: the server clock, the people, the board. */
export interface CommandContext {
  /** The session's participants, with the role each joined with. */
  people: ReadonlyMap<string, Role>;
  now: number;
  /** What is on the board: asked for by `vote.cast` and by actions linked to notes or a theme. */
  targets?: () => VoteTargets;
  /** A fresh id, for a new vote. */
  newId?: () => string;
}

/** The timer stopped and set to a phase's time, as every phase starts. */
function timerFor(template: Template, index: number): SessionState['timer'] {
  return { endsAt: null, remainingMs: template.phases[index]!.minutes * 60_000, running: false };
}

function gotoPhase(template: Template, state: SessionState, index: number, now: number): CommandOutcome {
  if (index < 0) return refuse('invalid_command', 'This is the first phase.');
  if (index >= template.phases.length) return refuse('invalid_command', 'This is the last phase.');
  if (index === state.phase.index) return { ok: true, state };
  const id = template.phases[index]!.id;
  // A new phase starts with its own time, stopped: the facilitator starts it when the group is ready.
  return {
    ok: true,
    state: { ...state, phase: { id, index }, timer: timerFor(template, index), phaseLog: [...state.phaseLog, { phaseId: id, at: now }] },
  };
}

function facilitators(roles: SessionState['roles']): number {
  return Object.values(roles).filter((r) => r === 'facilitator').length;
}

/**
 * Works out a command's effect on a session's state: the new state, or why it is refused.
 * Pure, so that it can be retried against whatever state another node wrote first. `reveal` and
 * `reveal.mine` are checked here; moving the notes is the caller's (runCommand's) work.
 */
export function applyCommand(
  template: Template,
  state: SessionState,
  senderId: string,
  command: Command,
  ctx: CommandContext,
): CommandOutcome {
  const { people, now } = ctx;
  const role: SessionRole = roleIn(state, senderId, people.get(senderId));
  if (FACILITATOR_ONLY.has(command.type) && role !== 'facilitator') {
    return refuse('forbidden', 'Only a facilitator can do that.');
  }
  if (state.endedAt !== null && !AFTER_END.has(command.type)) {
    return refuse('session_ended', 'This session has ended: its record is kept as it was.');
  }
  switch (command.type) {
    case 'phase.goto': {
      const index = template.phases.findIndex((p) => p.id === command.phaseId);
      if (index < 0) return refuse('not_found', `This session has no phase ${command.phaseId}.`);
      return gotoPhase(template, state, index, now);
    }
    case 'phase.next':
      return gotoPhase(template, state, state.phase.index + 1, now);
    case 'phase.back':
      return gotoPhase(template, state, state.phase.index - 1, now);
    case 'timer.start': {
      if (state.timer.running) return { ok: true, state };
      return { ok: true, state: { ...state, timer: { endsAt: now + state.timer.remainingMs, remainingMs: state.timer.remainingMs, running: true } } };
    }
    case 'timer.pause': {
      if (!state.timer.running || state.timer.endsAt === null) return { ok: true, state };
      return { ok: true, state: { ...state, timer: { endsAt: null, remainingMs: state.timer.endsAt - now, running: false } } };
    }
    case 'timer.add': {
      const ms = command.seconds * 1000;
      const t = state.timer;
      if (t.running && t.endsAt !== null) {
        // Taking time off never puts the end in the past.
        const endsAt = Math.max(now, t.endsAt + ms);
        return { ok: true, state: { ...state, timer: { endsAt, remainingMs: endsAt - now, running: true } } };
      }
      return { ok: true, state: { ...state, timer: { ...t, remainingMs: Math.max(0, t.remainingMs + ms) } } };
    }
    case 'board.lock':
      return { ok: true, state: { ...state, locked: command.locked } };
    case 'role.set': {
      if (!people.has(command.participantId)) return refuse('not_found', 'That person is not in this session.');
      // Everyone's role written out, so that the count below sees those who still hold their first.
      const roles: SessionState['roles'] = {};
      for (const [id, joinedAs] of people) roles[id] = roleIn(state, id, joinedAs);
      roles[command.participantId] = command.role;
      if (facilitators(roles) === 0) return refuse('last_facilitator', 'A session needs a facilitator: make someone else facilitator first.');
      return { ok: true, state: { ...state, roles } };
    }
    case 'follow.set': {
      if (command.target !== null && !resolveTarget(template, command.target)) {
        return refuse('not_found', `This session's board has no frame or zone ${command.target}.`);
      }
      return { ok: true, state: { ...state, follow: command.target } };
    }
    case 'hand.raise':
      if (state.hands.includes(senderId)) return { ok: true, state };
      return { ok: true, state: { ...state, hands: [...state.hands, senderId] } };
    case 'hand.lower': {
      const whose = command.participantId ?? senderId;
      if (whose !== senderId && role !== 'facilitator') return refuse('forbidden', "Only a facilitator can lower someone else's hand.");
      return { ok: true, state: { ...state, hands: state.hands.filter((h) => h !== whose) } };
    }
    case 'pause.request':
      if (state.pauseRequests.some((p) => p.participantId === senderId)) return { ok: true, state };
      return { ok: true, state: { ...state, pauseRequests: [...state.pauseRequests, { participantId: senderId, at: now }] } };
    case 'pause.dismiss': {
      const whose = command.participantId;
      return { ok: true, state: { ...state, pauseRequests: whose ? state.pauseRequests.filter((p) => p.participantId !== whose) : [] } };
    }
    case 'reveal':
      return { ok: true, state };
    case 'reveal.mine':
      if (!accessIn(template, state, senderId, people.get(senderId)).write) {
        return refuse('forbidden', 'You cannot put notes on the board now.');
      }
      return { ok: true, state };
    case 'vote.open':
    case 'vote.close':
    case 'vote.cast':
    case 'vote.retract':
      return applyVoteCommand(template, state, senderId, command, ctx);
    case 'action.add':
    case 'action.update':
    case 'action.remove':
      return applyActionCommand(template, state, senderId, role, command, ctx);
    case 'action.review':
      return applyReview(template, state, senderId, role, command, ctx);
    case 'note.withdraw':
      // Whose note it is, the board and the snapshots say: the caller checks and carries it out.
      return { ok: true, state };
    case 'session.end':
      if (state.endedAt !== null) return { ok: true, state };
      return {
        ok: true,
        state: { ...state, endedAt: now, timer: { endsAt: null, remainingMs: 0, running: false }, follow: null, hands: [], pauseRequests: [] },
      };
  }
}

type ActionCommand = Extract<Command, { type: 'action.add' | 'action.update' | 'action.remove' }>;

/**
 * Actions are written in the template's actions phase by anyone who may write then, and by a
 * facilitator at any time. Marking one done or dropped is also its owner's, in any phase.
 */
function applyActionCommand(
  template: Template,
  state: SessionState,
  senderId: string,
  role: SessionRole,
  command: ActionCommand,
  ctx: CommandContext,
): CommandOutcome {
  const facilitator = role === 'facilitator';
  const writing = facilitator || (isActionsPhase(template, state.phase.id) && accessIn(template, state, senderId, ctx.people.get(senderId)).write);
  if (command.type === 'action.add') {
    if (!writing) return refuse('forbidden', 'Actions are written in the actions phase.');
    if (state.actions.length >= LIMITS.actionsPerSession) return refuse('invalid_command', `A session holds at most ${LIMITS.actionsPerSession} actions.`);
    const { type: _type, ...input } = command;
    const problem = linkProblem(template, input, ctx);
    if (problem) return problem;
    const action = newAction(ctx.newId?.() ?? `a${ctx.now}`, input, state.phase.id, ctx.now);
    return { ok: true, state: { ...state, actions: [...state.actions, action] } };
  }
  const at = state.actions.findIndex((a) => a.id === command.actionId);
  if (at < 0) return refuse('not_found', 'There is no such action.');
  const action = state.actions[at]!;
  if (command.type === 'action.remove') {
    if (!writing) return refuse('forbidden', 'Actions are written in the actions phase.');
    return { ok: true, state: { ...state, actions: state.actions.filter((a) => a.id !== action.id) } };
  }
  const { type: _type, actionId: _id, ...change } = command;
  const onlyStatus = Object.keys(change).every((k) => k === 'status');
  const owner = action.owner?.kind === 'participant' && action.owner.participantId === senderId && role !== 'observer';
  if (!writing && !(onlyStatus && owner)) {
    return refuse('forbidden', onlyStatus ? "Only the action's owner or a facilitator can mark it." : 'Actions are written in the actions phase.');
  }
  const problem = linkProblem(template, change, ctx);
  if (problem) return problem;
  const actions = [...state.actions];
  actions[at] = changedAction(action, change, ctx.now);
  return { ok: true, state: { ...state, actions } };
}

/**
 * A follow-up's review of an action carried over: in the review phase by anyone who may write
 * then; by a facilitator, or the action's owner (as a participant of this session), in any phase.
 */
function applyReview(
  template: Template,
  state: SessionState,
  senderId: string,
  role: SessionRole,
  command: Extract<Command, { type: 'action.review' }>,
  ctx: CommandContext,
): CommandOutcome {
  const at = state.actions.findIndex((a) => a.id === command.actionId);
  if (at < 0) return refuse('not_found', 'There is no such action.');
  const action = state.actions[at]!;
  if (action.carriedFrom === null) return refuse('invalid_command', 'Only an action carried over from the session before is reviewed.');
  const inReview = isReviewPhase(currentPhase(template, state)) && accessIn(template, state, senderId, ctx.people.get(senderId)).write;
  const owner = action.owner?.kind === 'participant' && action.owner.participantId === senderId && role !== 'observer';
  if (role !== 'facilitator' && !inReview && !owner) {
    return refuse('forbidden', 'Actions carried over are reviewed in the review phase.');
  }
  const actions = [...state.actions];
  actions[at] = reviewedAction(action, command.outcome, command.note, senderId, ctx.now);
  return { ok: true, state: { ...state, actions } };
}

/** An action may name only what is there: people of the session, notes and themes on the board, elements of the template. */
function linkProblem(template: Template, input: Partial<ActionFieldsInput>, ctx: CommandContext): CommandOutcome | null {
  if (input.owner?.kind === 'participant' && !ctx.people.has(input.owner.participantId)) {
    return refuse('not_found', 'That person is not in this session.');
  }
  if (input.element != null && !actionElements(template).some((z) => z.id === input.element)) {
    return refuse('not_found', `This session's template has no element ${input.element}.`);
  }
  if (input.stakeholder != null && !template.actionFields?.stakeholder) {
    return refuse('invalid_command', "This session's template does not name stakeholders.");
  }
  const wantsBoard = (input.noteIds?.length ?? 0) > 0 || input.themeId != null;
  if (!wantsBoard) return null;
  const targets = ctx.targets?.();
  const missingNote = input.noteIds?.find((id) => !targets?.notes.has(id));
  if (missingNote) return refuse('not_found', 'An action can be linked only to notes on the board.');
  if (input.themeId != null && !targets?.themes.has(input.themeId)) return refuse('not_found', 'An action can be linked only to a theme on the board.');
  return null;
}

type VoteCommand = Extract<Command, { type: `vote.${string}` }>;

function applyVoteCommand(template: Template, state: SessionState, senderId: string, command: VoteCommand, ctx: CommandContext): CommandOutcome {
  const vote = state.vote;
  if (command.type === 'vote.open') {
    if (vote?.open) return refuse('invalid_command', 'A vote is open: close it before starting another.');
    const { type: _type, ...setup } = command;
    if (setup.maxPerTarget > setup.dotsPerPerson) return refuse('invalid_command', 'Nobody can put more dots on one note than they have.');
    const zones = new Set(templateZones(template).map((z) => z.id));
    const unknown = setup.zones?.find((z) => !zones.has(z));
    if (unknown) return refuse('not_found', `This session's board has no zone ${unknown}.`);
    const id = ctx.newId?.() ?? String(ctx.now);
    return { ok: true, state: { ...state, vote: { id, setup, phaseId: state.phase.id, open: true, dots: {}, results: null } } };
  }
  if (!vote?.open) return refuse('invalid_command', 'No vote is open.');
  if (command.type === 'vote.close') {
    const results = tallyVotes(vote.dots);
    const closed = { id: vote.id, phaseId: vote.phaseId, setup: vote.setup, results };
    return { ok: true, state: { ...state, vote: { ...vote, open: false, results }, closedVotes: [...state.closedVotes, closed] } };
  }
  if (!accessIn(template, state, senderId, ctx.people.get(senderId)).write) {
    return refuse('forbidden', 'You cannot vote in this phase.');
  }
  const mine = vote.dots[senderId] ?? [];
  const onTarget = mine.filter((t) => t === command.targetId).length;
  if (command.type === 'vote.retract') {
    if (onTarget === 0) return refuse('not_found', 'You have no dot on that.');
    const at = mine.lastIndexOf(command.targetId);
    return withDots(state, vote, senderId, [...mine.slice(0, at), ...mine.slice(at + 1)]);
  }
  const targets = ctx.targets?.();
  const zone = targets && (vote.setup.targets === 'notes' ? targets.notes : targets.themes).get(command.targetId);
  if (zone === undefined || (vote.setup.zones && !vote.setup.zones.includes(zone))) {
    return refuse('not_found', `There is no ${vote.setup.targets === 'notes' ? 'note' : 'theme'} to vote on with that id.`);
  }
  if (mine.length >= vote.setup.dotsPerPerson) {
    return refuse('vote_limit', `You have used all ${vote.setup.dotsPerPerson} of your dots. Take one back to move it.`);
  }
  if (onTarget >= vote.setup.maxPerTarget) {
    return refuse('vote_limit', `At most ${vote.setup.maxPerTarget} of your dots can go on one ${vote.setup.targets === 'notes' ? 'note' : 'theme'}.`);
  }
  return withDots(state, vote, senderId, [...mine, command.targetId]);
}

function withDots(state: SessionState, vote: StoredVote, senderId: string, mine: string[]): CommandOutcome {
  const dots = { ...vote.dots, [senderId]: mine };
  if (mine.length === 0) delete dots[senderId];
  return { ok: true, state: { ...state, vote: { ...vote, dots } } };
}
