import type { Phase, Template } from './templates/format.js';
import type { SessionRole, SessionState } from './sessionState.js';

/** Why someone cannot write now, as a code for tests and the words the board shows. */
export const READ_ONLY_REASONS = {
  observer: 'You are observing',
  locked: 'Board locked',
  listening: 'The presenter is listening',
  presenterOnly: 'The presenter writes in this phase',
  facilitatorOnly: 'The facilitator writes in this phase',
  notYourPhase: 'Others write in this phase',
  ended: 'The session has ended',
  /** A snapshot opened later (the snapshot page): it is kept as it was, and nobody changes it. */
  snapshot: 'This is a snapshot',
} as const;
export type ReadOnlyCode = keyof typeof READ_ONLY_REASONS;

export type BoardAccess =
  | { write: true; editOthers: boolean }
  | { write: false; code: ReadOnlyCode; reason: string };

const readOnly = (code: ReadOnlyCode): BoardAccess => ({ write: false, code, reason: READ_ONLY_REASONS[code] });

/**
 * Who may write on the board now: the phase's writers, the person's role, and the lock. A
 * facilitator always may (they run the board, and may edit anyone's note); an observer never;
 * while the board is locked nobody else. Otherwise a presenter writes where the phase names
 * `presenter`, and everyone else where it names `participant`.
 */
export function boardAccess(phase: Pick<Phase, 'writers'>, role: SessionRole, locked: boolean): BoardAccess {
  if (role === 'facilitator') return { write: true, editOthers: true };
  if (role === 'observer') return readOnly('observer');
  if (locked) return readOnly('locked');
  const writers = phase.writers;
  if (role === 'presenter') {
    if (writers.includes('presenter')) return { write: true, editOthers: false };
    return readOnly(writers.includes('participant') ? 'listening' : 'facilitatorOnly');
  }
  if (writers.includes('participant')) return { write: true, editOthers: false };
  if (writers.includes('presenter')) return readOnly('presenterOnly');
  return readOnly(writers.includes('facilitator') ? 'facilitatorOnly' : 'notYourPhase');
}

/** The phase a state is in; the first one when a stored id no longer names a phase. */
export function currentPhase(template: Template, state: Pick<SessionState, 'phase'>): Phase {
  return template.phases.find((p) => p.id === state.phase.id) ?? template.phases[0]!;
}

/** Someone's role in a state; a person the state does not list has the role they joined with. */
export function roleIn(state: Pick<SessionState, 'roles'>, participantId: string, joinedAs: SessionRole = 'participant'): SessionRole {
  return state.roles[participantId] ?? joinedAs;
}

/** boardAccess for one person in a session's state; once the session has ended, nobody writes. */
export function accessIn(
  template: Template,
  state: Pick<SessionState, 'phase' | 'roles' | 'locked'> & { endedAt?: number | null },
  participantId: string,
  joinedAs?: SessionRole,
): BoardAccess {
  if (state.endedAt != null) return readOnly('ended');
  return boardAccess(currentPhase(template, state), roleIn(state, participantId, joinedAs), state.locked);
}
