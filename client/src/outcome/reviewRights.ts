import { isReviewPhase, type Action, type Template } from '@balcony/shared';
import type { ActionViewer } from './actionRights';

/** Whether this session's phase, by id, is a follow-up's review of the actions carried over. */
export function inReviewPhase(template: Template, phaseId: string): boolean {
  const phase = template.phases.find((p) => p.id === phaseId);
  return phase !== undefined && isReviewPhase(phase);
}

/**
 * Whether this person may mark an action carried over done, dropped or carried on: anyone who may
 * write in the review phase; a facilitator, or the action's owner, in any phase; nobody once the
 * session has ended. The server judges by the same rule (applyCommand's review); the board asks
 * so that it never offers what would be refused.
 */
export function mayReviewAction(template: Template, v: ActionViewer, action: Action): boolean {
  if (v.ended || action.carriedFrom === null) return false;
  if (v.role === 'facilitator') return true;
  if (inReviewPhase(template, v.phaseId) && v.access.write) return true;
  return v.role !== 'observer' && action.owner?.kind === 'participant' && action.owner.participantId === v.participantId;
}
