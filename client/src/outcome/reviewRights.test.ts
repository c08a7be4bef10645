import { describe, expect, it } from 'vitest';
import { followUpTemplate, getTemplate, REVIEW_PHASE_ID, type Action } from '@balcony/shared';
import { inReviewPhase, mayReviewAction } from './reviewRights';
import type { ActionViewer } from './actionRights';

const followUp = followUpTemplate(getTemplate('what-works-circle'));
const write = { write: true, editOthers: false } as const;
const readOnly = { write: false, code: 'notYourPhase', reason: 'Others write in this phase' } as const;

const ben: ActionViewer = { participantId: 'p-ben', role: 'participant', access: write, phaseId: REVIEW_PHASE_ID, ended: false };
const carried = { id: 'c1', carriedFrom: 's0', owner: { kind: 'name', name: 'Amara' } } as Action;
const ownedByBen = { ...carried, owner: { kind: 'participant', participantId: 'p-ben' } } as Action;
const writtenHere = { ...carried, carriedFrom: null } as Action;

describe('mayReviewAction', () => {
  it('lets anyone who may write in the review phase review an action carried over', () => {
    expect(inReviewPhase(followUp, REVIEW_PHASE_ID)).toBe(true);
    expect(mayReviewAction(followUp, ben, carried)).toBe(true);
    expect(mayReviewAction(followUp, { ...ben, access: readOnly }, carried)).toBe(false);
    expect(mayReviewAction(followUp, { ...ben, role: 'observer', access: readOnly }, carried)).toBe(false);
  });

  it('after the review phase, lets only a facilitator or the owner review one', () => {
    const later = { ...ben, phaseId: 'learning' };
    expect(inReviewPhase(followUp, 'learning')).toBe(false);
    expect(mayReviewAction(followUp, later, carried)).toBe(false);
    expect(mayReviewAction(followUp, later, ownedByBen)).toBe(true);
    expect(mayReviewAction(followUp, { ...later, role: 'facilitator' }, carried)).toBe(true);
  });

  it('never offers to review an action written in this session, nor anything once the session ended', () => {
    expect(mayReviewAction(followUp, { ...ben, role: 'facilitator' }, writtenHere)).toBe(false);
    expect(mayReviewAction(followUp, { ...ben, role: 'facilitator', ended: true }, carried)).toBe(false);
  });
});
