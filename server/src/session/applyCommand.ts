import {
  roleIn,
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
]);

/** The timer stopped and set to a phase's time, as every phase starts. */
function timerFor(template: Template, index: number): SessionState['timer'] {
  return { endsAt: null, remainingMs: template.phases[index]!.minutes * 60_000, running: false };
}

function gotoPhase(template: Template, state: SessionState, index: number): CommandOutcome {
  if (index < 0) return refuse('invalid_command', 'This is the first phase.');
  if (index >= template.phases.length) return refuse('invalid_command', 'This is the last phase.');
  if (index === state.phase.index) return { ok: true, state };
  // A new phase starts with its own time, stopped: the facilitator starts it when the group is ready.
  return { ok: true, state: { ...state, phase: { id: template.phases[index]!.id, index }, timer: timerFor(template, index) } };
}

function facilitators(roles: SessionState['roles']): number {
  return Object.values(roles).filter((r) => r === 'facilitator').length;
}

/**
 * Works out a command's effect on a session's state: the new state, or why it is refused.
 * Pure, so that it can be retried against whatever state another node wrote first. `people`
 * are the session's participants with the role each joined with; `now` is the server clock.
 */
export function applyCommand(
  template: Template,
  state: SessionState,
  senderId: string,
  command: Command,
  people: ReadonlyMap<string, Role>,
  now: number,
): CommandOutcome {
  const role: SessionRole = roleIn(state, senderId, people.get(senderId));
  if (FACILITATOR_ONLY.has(command.type) && role !== 'facilitator') {
    return refuse('forbidden', 'Only a facilitator can do that.');
  }
  switch (command.type) {
    case 'phase.goto': {
      const index = template.phases.findIndex((p) => p.id === command.phaseId);
      if (index < 0) return refuse('not_found', `This session has no phase ${command.phaseId}.`);
      return gotoPhase(template, state, index);
    }
    case 'phase.next':
      return gotoPhase(template, state, state.phase.index + 1);
    case 'phase.back':
      return gotoPhase(template, state, state.phase.index - 1);
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
  }
}
