import { currentPhase, type SessionStateView, type Template } from '@balcony/shared';

/**
 * Whether a new note goes to this person's private board: in an anonymous session always (the
 * server reveals it without its writer's name), otherwise while the phase keeps writing private
 * until the facilitator reveals it.
 */
export function writesPrivately(template: Template, state: Pick<SessionStateView, 'anonymous' | 'phase'>): boolean {
  return state.anonymous || currentPhase(template, state).privateUntilRevealed;
}

/** Whether the phase itself is one of private writing, which the facilitator ends with a reveal. */
export function phaseIsPrivate(template: Template, state: Pick<SessionStateView, 'phase'>): boolean {
  return currentPhase(template, state).privateUntilRevealed;
}

/** How many private notes there are in all, as the state counts them for a facilitator. */
export function privateTotal(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((n, c) => n + c, 0);
}

export function privateNotesWords(n: number): string {
  return n === 1 ? '1 private note' : `${n} private notes`;
}

/** Said with a private note, and in its accessible name. */
export const ONLY_YOU = 'Only you can see this';
