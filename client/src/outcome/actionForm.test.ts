import { describe, expect, it } from 'vitest';
import { getTemplate, type Action } from '@balcony/shared';
import { EMPTY_DRAFT, draftOf, draftProblem, fieldsOf } from './actionForm';

const circle = getTemplate('what-works-circle');
const web = getTemplate('cultural-web');

const action: Action = {
  id: 'a1',
  text: 'Share the genogram template',
  owner: { kind: 'participant', participantId: 'p-amara' },
  due: '2027-03-02',
  status: 'open',
  noteIds: ['n1'],
  themeId: null,
  element: null,
  stakeholder: null,
  phaseId: 'actions',
  createdAt: 1,
  updatedAt: 1,
  carriedFrom: null,
  review: null,
};

describe('draftProblem', () => {
  it('asks for words', () => {
    expect(draftProblem({ ...EMPTY_DRAFT, text: '   ' })?.field).toBe('text');
  });

  it('asks for a name when someone else does it', () => {
    expect(draftProblem({ ...EMPTY_DRAFT, text: 'Call', owner: 'other', ownerName: ' ' })?.field).toBe('ownerName');
    expect(draftProblem({ ...EMPTY_DRAFT, text: 'Call', owner: 'other', ownerName: 'Dee' })).toBeNull();
  });

  it('refuses words longer than an action holds', () => {
    expect(draftProblem({ ...EMPTY_DRAFT, text: 'x'.repeat(301) })?.message).toContain('300');
  });
});

describe('fieldsOf', () => {
  it('turns the form into the command’s fields, empty ones cleared', () => {
    expect(fieldsOf({ ...EMPTY_DRAFT, text: ' Call Dee ', owner: 'other', ownerName: ' Dee ' }, circle)).toEqual({
      text: 'Call Dee',
      owner: { kind: 'name', name: 'Dee' },
      due: null,
      status: 'open',
      noteIds: [],
      themeId: null,
    });
  });

  it('round-trips an action through the form', () => {
    const fields = fieldsOf(draftOf(action), circle);
    expect(fields).toMatchObject({ text: action.text, owner: action.owner, due: action.due, noteIds: ['n1'] });
  });

  it('sends element and stakeholder only where the template has them', () => {
    const draft = { ...EMPTY_DRAFT, text: 'Talk to the head of service', element: 'power', stakeholder: ' Head of service ' };
    expect(fieldsOf(draft, web)).toMatchObject({ element: 'power', stakeholder: 'Head of service' });
    expect(fieldsOf(draft, circle)).not.toHaveProperty('element');
    expect(fieldsOf(draft, circle)).not.toHaveProperty('stakeholder');
  });
});
