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

/**
 * How the group found an action carried over from the session before, in the follow-up's review
 * phase: done, dropped, or carried on (it stays open, in this session's actions).
 */
export const REVIEW_OUTCOMES = ['done', 'dropped', 'carried'] as const;
export const reviewOutcomeSchema = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

export const reviewNoteSchema = units(LIMITS.reviewNoteMax);

export const actionReviewSchema = z.object({
  outcome: reviewOutcomeSchema,
  /** What was said about it; may be empty. */
  note: z.string(),
  /** Who marked it, and when. */
  by: z.string(),
  at: z.number().int(),
});
export type ActionReview = z.infer<typeof actionReviewSchema>;

/** The status an action takes from its review. */
export const REVIEW_STATUS: Record<ReviewOutcome, ActionStatus> = { done: 'done', dropped: 'dropped', carried: 'open' };

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
  /** The phase it was written in (for one carried over, the follow-up's review phase). */
  phaseId: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /**
   * The session it was carried over from, for an action still open when a follow-up began: it
   * keeps its id, so that a comparison along the chain finds it again. Null for one written here.
   */
  carriedFrom: z.string().nullable().default(null),
  /** For one carried over: how the review phase found it; null until it has been reviewed. */
  review: actionReviewSchema.nullable().default(null),
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
    carriedFrom: null,
    review: null,
  };
}

/**
 * The actions a follow-up starts with: those still open in the session before, as they stood,
 * marked as carried from it and not yet reviewed. Done and dropped ones stay behind.
 */
export function carriedActions(
  actions: readonly Action[],
  from: { sessionId: string; nameOf: (participantId: string) => string | null },
  reviewPhaseId: string,
  now: number,
): Action[] {
  return actions
    .filter((a) => a.status === 'open')
    .map((a) => ({
      ...a,
      // The follow-up's people are new participants: an owner from the session before is kept by name.
      owner: a.owner?.kind === 'participant' ? ownerByName(from.nameOf(a.owner.participantId)) : a.owner,
      phaseId: reviewPhaseId,
      carriedFrom: from.sessionId,
      review: null,
      updatedAt: now,
    }));
}

function ownerByName(name: string | null): ActionOwner | null {
  return name ? { kind: 'name', name: name.slice(0, LIMITS.actionNameMax) } : null;
}

/** An action carried over, after the review marked it: its status follows the outcome. */
export function reviewedAction(action: Action, outcome: ReviewOutcome, note: string, by: string, now: number): Action {
  return { ...action, status: REVIEW_STATUS[outcome], review: { outcome, note, by, at: now }, updatedAt: now };
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
