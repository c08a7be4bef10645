import { isActionsPhase, type Action, type BoardAccess, type Role, type Template } from '@balcony/shared';

export interface ActionViewer {
  participantId: string;
  role: Role;
  access: BoardAccess;
  phaseId: string;
  ended: boolean;
}

/**
 * Whether this person may write actions (add, change, remove): anyone who may write in the
 * template's actions phase, and a facilitator at any time, until the session ends. The server
 * judges by the same rule; the panel asks so that it never offers what would be refused.
 */
export function mayWriteActions(template: Template, v: ActionViewer): boolean {
  if (v.ended) return false;
  return v.role === 'facilitator' || (isActionsPhase(template, v.phaseId) && v.access.write);
}

/** Whether this person may mark an action done, dropped or open: writers, and its owner. */
export function mayMarkAction(template: Template, v: ActionViewer, action: Action): boolean {
  if (v.ended) return false;
  if (mayWriteActions(template, v)) return true;
  return v.role !== 'observer' && action.owner?.kind === 'participant' && action.owner.participantId === v.participantId;
}
