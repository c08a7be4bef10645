import { LIMITS, actionElements, type Action, type ActionFieldsInput, type ActionOwner, type ActionStatus, type Template } from '@balcony/shared';

/** The owner select's value: nobody, a person of the session (`p:<id>`), or a name typed in. */
export type OwnerChoice = '' | 'other' | `p:${string}`;

/** What the action form holds while someone types: strings, as the fields give them. */
export interface ActionDraft {
  text: string;
  owner: OwnerChoice;
  ownerName: string;
  due: string;
  status: ActionStatus;
  noteIds: string[];
  themeId: string;
  element: string;
  stakeholder: string;
}

export const EMPTY_DRAFT: ActionDraft = { text: '', owner: '', ownerName: '', due: '', status: 'open', noteIds: [], themeId: '', element: '', stakeholder: '' };

export function draftOf(a: Action): ActionDraft {
  return {
    text: a.text,
    owner: a.owner === null ? '' : a.owner.kind === 'name' ? 'other' : `p:${a.owner.participantId}`,
    ownerName: a.owner?.kind === 'name' ? a.owner.name : '',
    due: a.due ?? '',
    status: a.status,
    noteIds: [...a.noteIds],
    themeId: a.themeId ?? '',
    element: a.element ?? '',
    stakeholder: a.stakeholder ?? '',
  };
}

export type DraftField = 'text' | 'ownerName' | 'due' | 'stakeholder';

export interface DraftProblem {
  field: DraftField;
  message: string;
}

function ownerOf(d: ActionDraft): ActionOwner | null {
  if (d.owner === 'other') return { kind: 'name', name: d.ownerName.trim() };
  if (d.owner.startsWith('p:')) return { kind: 'participant', participantId: d.owner.slice(2) };
  return null;
}

/** What is wrong with a draft, in words that say what to do; null when it can be sent. */
export function draftProblem(d: ActionDraft): DraftProblem | null {
  const text = d.text.trim();
  if (!text) return { field: 'text', message: 'Write what is to be done.' };
  if (text.length > LIMITS.actionTextMax) return { field: 'text', message: `An action holds at most ${LIMITS.actionTextMax} characters. Make it shorter.` };
  if (d.owner === 'other' && !d.ownerName.trim()) return { field: 'ownerName', message: 'Write the name of the person who will do it, or choose someone from the list.' };
  if (d.owner === 'other' && d.ownerName.trim().length > LIMITS.actionNameMax) return { field: 'ownerName', message: `A name holds at most ${LIMITS.actionNameMax} characters.` };
  if (d.due && !/^\d{4}-\d{2}-\d{2}$/.test(d.due)) return { field: 'due', message: 'Choose a date, or leave the date empty.' };
  if (d.stakeholder.trim().length > LIMITS.actionNameMax) return { field: 'stakeholder', message: `At most ${LIMITS.actionNameMax} characters.` };
  return null;
}

/**
 * The fields to send for a draft. Element and stakeholder go only to a template that has them:
 * the server refuses a stakeholder where the template names none.
 */
export function fieldsOf(d: ActionDraft, template: Template): ActionFieldsInput {
  const fields: ActionFieldsInput = {
    text: d.text.trim(),
    owner: ownerOf(d),
    due: d.due || null,
    status: d.status,
    noteIds: [...new Set(d.noteIds)],
    themeId: d.themeId || null,
  };
  if (actionElements(template).length > 0) fields.element = d.element || null;
  if (template.actionFields?.stakeholder) fields.stakeholder = d.stakeholder.trim() || null;
  return fields;
}
