import { accessIn, currentPhase, initialSessionState, type BoardAccess, type Phase, type Role, type SessionStateView, type Template, type VersionedSessionStateView } from '@balcony/shared';

/**
 * The session's state as this device knows it: the server's last word, or until there is one
 * (the first moments, a start while offline) the state a session starts in, with roles left to
 * what each person joined as.
 */
export function stateOrStart(template: Template, held: VersionedSessionStateView | null): SessionStateView {
  return held?.state ?? { ...initialSessionState(template, ''), roles: {}, vote: null };
}

/** What one person may do now, and in which phase. */
export interface Standing {
  phase: Phase;
  access: BoardAccess;
}

export function standingOf(template: Template, state: SessionStateView, participantId: string, role: Role): Standing {
  return { phase: currentPhase(template, state), access: accessIn(template, state, participantId, role) };
}

/** Whether two answers to "may I write" say the same, so that an unchanged one keeps its object. */
export function sameAccess(a: BoardAccess, b: BoardAccess): boolean {
  return a.write ? b.write && a.editOthers === b.editOthers : !b.write && a.code === b.code;
}
