import { describe, expect, it } from 'vitest';
import { getTemplate, type Action } from '@balcony/shared';
import { mayMarkAction, mayWriteActions, type ActionViewer } from './actionRights';

const circle = getTemplate('what-works-circle');
const write = { write: true, editOthers: false } as const;
const readOnly = { write: false, code: 'notYourPhase', reason: 'Others write in this phase' } as const;

const amara: ActionViewer = { participantId: 'p-amara', role: 'participant', access: write, phaseId: 'actions', ended: false };
const fay: ActionViewer = { participantId: 'p-fay', role: 'facilitator', access: write, phaseId: 'welcome', ended: false };
const owned = { owner: { kind: 'participant', participantId: 'p-amara' } } as Action;

describe('mayWriteActions', () => {
  it('lets a writer of the actions phase write actions, and nobody else in other phases but the facilitator', () => {
    expect(mayWriteActions(circle, amara)).toBe(true);
    expect(mayWriteActions(circle, { ...amara, phaseId: 'learning' })).toBe(false);
    expect(mayWriteActions(circle, { ...amara, access: readOnly })).toBe(false);
    expect(mayWriteActions(circle, fay)).toBe(true);
  });

  it('lets nobody write once the session has ended', () => {
    expect(mayWriteActions(circle, { ...fay, ended: true })).toBe(false);
  });
});

describe('mayMarkAction', () => {
  it('lets the owner mark their action in any phase', () => {
    expect(mayMarkAction(circle, { ...amara, phaseId: 'learning', access: readOnly }, owned)).toBe(true);
    expect(mayMarkAction(circle, { ...amara, participantId: 'p-ben', phaseId: 'learning' }, owned)).toBe(false);
    expect(mayMarkAction(circle, { ...amara, ended: true }, owned)).toBe(false);
  });
});
