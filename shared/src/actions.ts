import { z } from 'zod';
import { LIMITS } from './limits.js';
import { zoneIdSchema } from './templates/format.js';

/**
 * Actions are what a group agrees to do afterwards: the part of a workshop most often lost. They
 * live in the session state (server-written, by command), not on the board, so that each change
 * is checked whole and lands in every snapshot as it stood.
 */
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export const actionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

const units = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => s.length <= max, { message: `at most ${max} characters` });

export const actionTextSchema = units(LIMITS.actionTextMax).pipe(z.string().min(1, 'an action needs words'));

/** Who does it: someone in the session, or a name typed in (a colleague who was not there). */
export const actionOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('participant'), participantId: z.string().min(1).max(LIMITS.noteIdMax) }),
  z.strictObject({ kind: z.literal('name'), name: units(LIMITS.actionNameMax).pipe(z.string().min(1, 'a name is needed')) }),
]);
export type ActionOwner = z.infer<typeof actionOwnerSchema>;

/** A calendar date, as an `<input type="date">` gives it. */
export const dueDateSchema = z.iso.date();

const linkId = z.string().min(1).max(LIMITS.noteIdMax);

/** The fields a writer sets; every one but the text may be left out or cleared (null). */
export const actionFieldsInputSchema = z.strictObject({
  text: actionTextSchema,
  owner: actionOwnerSchema.nullable().optional(),
  due: dueDateSchema.nullable().optional(),
  status: actionStatusSchema.optional(),
  noteIds: z.array(linkId).max(LIMITS.actionLinksMax).optional(),
  themeId: linkId.nullable().optional(),
  /** In the cultural web: the element (a zone of the template's element frame) it works on. */
  element: zoneIdSchema.nullable().optional(),
  /** In the cultural web: whom to influence. */
  stakeholder: units(LIMITS.actionNameMax).nullable().optional(),
});
export type ActionFieldsInput = z.infer<typeof actionFieldsInputSchema>;

export const actionSchema = z.object({
  id: z.string().min(1).max(LIMITS.noteIdMax),
  text: z.string(),
  owner: actionOwnerSchema.nullable(),
  due: dueDateSchema.nullable(),
  status: actionStatusSchema,
  noteIds: z.array(z.string()),
  themeId: z.string().nullable(),
  element: z.string().nullable(),
  stakeholder: z.string().nullable(),
  /** The phase it was written in. */
  phaseId: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Action = z.infer<typeof actionSchema>;

/** A new action from what its writer gave: open, unowned and undated unless they said. */
export function newAction(id: string, input: ActionFieldsInput, phaseId: string, now: number): Action {
  return {
    id,
    text: input.text,
    owner: input.owner ?? null,
    due: input.due ?? null,
    status: input.status ?? 'open',
    noteIds: [...new Set(input.noteIds ?? [])],
    themeId: input.themeId ?? null,
    element: input.element ?? null,
    stakeholder: input.stakeholder || null,
    phaseId,
    createdAt: now,
    updatedAt: now,
  };
}

/** An action with some of its fields changed; `undefined` leaves a field, null clears it. */
export function changedAction(action: Action, change: Partial<ActionFieldsInput>, now: number): Action {
  const next: Action = { ...action, updatedAt: now };
  if (change.text !== undefined) next.text = change.text;
  if (change.owner !== undefined) next.owner = change.owner;
  if (change.due !== undefined) next.due = change.due;
  if (change.status !== undefined) next.status = change.status;
  if (change.noteIds !== undefined) next.noteIds = [...new Set(change.noteIds)];
  if (change.themeId !== undefined) next.themeId = change.themeId;
  if (change.element !== undefined) next.element = change.element;
  if (change.stakeholder !== undefined) next.stakeholder = change.stakeholder || null;
  return next;
}
