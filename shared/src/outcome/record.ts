import { z } from 'zod';
import { actionStatusSchema, reviewOutcomeSchema } from '../actions.js';
import { sessionRoleSchema, voteTargetKindSchema } from '../sessionState.js';
import { outcomeKindSchema } from '../templates/format.js';

/**
 * The outcome record: what a session produced, as a supervisor files it. Derived by one pure
 * function (derive.ts) from the board, the session state and the template, stored with every
 * snapshot, and rendered by every export. `recordVersion` goes up when a reader of the old shape
 * could misread the new one.
 */
export const RECORD_VERSION = 1;

/** A note as filed: its words, where it was, and what the group did with it. */
export const recordNoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The writer's name; null in an anonymous session, or for a writer no longer known. */
  author: z.string().nullable(),
  frameId: z.string(),
  zoneId: z.string(),
  /** Where in its zone, as fractions of the zone's bounds (as the board keeps it). */
  x: z.number(),
  y: z.number(),
  color: z.string(),
  themeId: z.string().nullable(),
  starred: z.boolean(),
  /** Dots from every closed vote. */
  votes: z.number().int().nonnegative(),
  createdAt: z.number(),
});
export type RecordNote = z.infer<typeof recordNoteSchema>;

export const recordThemeSchema = z.object({
  id: z.string(),
  title: z.string(),
  frameId: z.string(),
  zoneId: z.string(),
  x: z.number(),
  y: z.number(),
  color: z.string(),
  noteIds: z.array(z.string()),
  votes: z.number().int().nonnegative(),
});
export type RecordTheme = z.infer<typeof recordThemeSchema>;

/** One voted-on item, as a reader sees it: its words (a note's text, a theme's title) and its dots. */
export const recordVoteItemSchema = z.object({
  targetId: z.string(),
  kind: z.enum(['note', 'theme']),
  text: z.string(),
  zoneId: z.string(),
  votes: z.number().int().positive(),
});
export type RecordVoteItem = z.infer<typeof recordVoteItemSchema>;

export const recordVoteSchema = z.object({
  id: z.string(),
  phaseId: z.string(),
  phaseName: z.string(),
  targets: voteTargetKindSchema,
  results: z.array(recordVoteItemSchema),
});
export type RecordVote = z.infer<typeof recordVoteSchema>;

export const recordActionSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The owner's name: a participant's, or the name typed in. */
  owner: z.string().nullable(),
  ownerParticipantId: z.string().nullable(),
  due: z.string().nullable(),
  status: actionStatusSchema,
  noteIds: z.array(z.string()),
  themeId: z.string().nullable(),
  element: z.object({ zoneId: z.string(), label: z.string() }).nullable(),
  stakeholder: z.string().nullable(),
  phaseId: z.string(),
});
export type RecordAction = z.infer<typeof recordActionSchema>;

/**
 * An action carried over from the session before, as the follow-up's review found it: the outcome
 * and note are null until it was reviewed.
 */
export const recordReviewItemSchema = z.object({
  actionId: z.string(),
  text: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  fromSessionId: z.string(),
  outcome: reviewOutcomeSchema.nullable(),
  note: z.string().nullable(),
});
export type RecordReviewItem = z.infer<typeof recordReviewItemSchema>;

export const recordPhaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  plannedMinutes: z.number().int(),
  /** Time spent in the phase, over every visit; 0 for a phase never reached. */
  spentMs: z.number().int().nonnegative(),
  reached: z.boolean(),
});
export type RecordPhase = z.infer<typeof recordPhaseSchema>;

export const recordParticipantsSchema = z.object({
  anonymous: z.boolean(),
  /** Every role someone held, in the order facilitator, presenter, participant, observer. */
  byRole: z.array(z.object({ role: sessionRoleSchema, count: z.number().int().positive(), names: z.array(z.string()) })),
});
export type RecordParticipants = z.infer<typeof recordParticipantsSchema>;

export const recordZoneSchema = z.object({ id: z.string(), label: z.string(), noteIds: z.array(z.string()) });
export const recordFrameSchema = z.object({ id: z.string(), label: z.string(), zones: z.array(recordZoneSchema) });
export type RecordFrame = z.infer<typeof recordFrameSchema>;

const zoneNotesSchema = z.object({ zoneId: z.string(), label: z.string(), frameLabel: z.string(), notes: z.array(recordNoteSchema) });
export type RecordZoneNotes = z.infer<typeof zoneNotesSchema>;

const base = { id: z.string(), label: z.string() };

/**
 * The record's sections, in the template's order, each with what it shows written out in full,
 * so that a renderer (Markdown, PDF, the record page) walks them without looking anything up.
 */
export const recordSectionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('summary'), title: z.string(), date: z.string(), templateName: z.string(), notes: z.array(recordNoteSchema) }),
  z.object({ ...base, kind: z.literal('participants'), participants: recordParticipantsSchema }),
  z.object({ ...base, kind: z.literal('phases'), phases: z.array(recordPhaseSchema) }),
  z.object({ ...base, kind: z.literal('notes'), zones: z.array(zoneNotesSchema) }),
  z.object({ ...base, kind: z.literal('starred'), notes: z.array(recordNoteSchema) }),
  z.object({ ...base, kind: z.literal('themes'), themes: z.array(recordThemeSchema.extend({ notes: z.array(recordNoteSchema) })) }),
  z.object({ ...base, kind: z.literal('votes'), votes: z.array(recordVoteSchema) }),
  z.object({ ...base, kind: z.literal('priorities'), items: z.array(recordVoteItemSchema) }),
  z.object({
    ...base,
    kind: z.literal('paradigms'),
    /** Per paradigm zone: the statements the facilitator confirmed (starred), and the other proposals. */
    statements: z.array(z.object({ zoneId: z.string(), label: z.string(), frameLabel: z.string(), confirmed: z.array(recordNoteSchema), proposals: z.array(recordNoteSchema) })),
  }),
  z.object({
    ...base,
    kind: z.literal('scale'),
    scales: z.array(
      z.object({
        zoneId: z.string(),
        label: z.string(),
        from: z.number(),
        to: z.number(),
        fromLabel: z.string(),
        toLabel: z.string(),
        /** Each marker's value, read from where it sits, lowest first. */
        markers: z.array(z.object({ value: z.number(), note: recordNoteSchema })),
      }),
    ),
  }),
  z.object({ ...base, kind: z.literal('actions'), actions: z.array(recordActionSchema) }),
  /** A follow-up's review of the actions carried over; first in a follow-up's record, whatever the template says. */
  z.object({ ...base, kind: z.literal('review'), items: z.array(recordReviewItemSchema) }),
]);
export type RecordSection = z.infer<typeof recordSectionSchema>;
export type RecordSectionOf<K extends RecordSection['kind']> = Extract<RecordSection, { kind: K }>;

// Every kind a template may name is one the record can show.
outcomeKindSchema.options satisfies readonly RecordSection['kind'][];

export const outcomeRecordSchema = z.object({
  recordVersion: z.literal(RECORD_VERSION),
  sessionId: z.string(),
  title: z.string(),
  template: z.object({ id: z.string(), name: z.string() }),
  /** The session's day (UTC, YYYY-MM-DD) and when it began, epoch ms. */
  date: z.string(),
  startedAt: z.number(),
  /** When this record was derived (the snapshot's time). */
  takenAt: z.number(),
  /** The session had ended: this is its final record. */
  ended: z.boolean(),
  /** The phase the session was in. */
  phase: z.object({ id: z.string(), name: z.string() }),
  anonymous: z.boolean(),
  participants: recordParticipantsSchema,
  phases: z.array(recordPhaseSchema),
  frames: z.array(recordFrameSchema),
  notes: z.array(recordNoteSchema),
  themes: z.array(recordThemeSchema),
  /** Starred note ids, in board order. */
  starred: z.array(z.string()),
  votes: z.array(recordVoteSchema),
  actions: z.array(recordActionSchema),
  /** The session this one follows up; null for a first session (and in records made before follow-ups). */
  previousSessionId: z.string().nullable().default(null),
  /** A follow-up's review of the actions it carried over; empty otherwise. */
  review: z.array(recordReviewItemSchema).default([]),
  sections: z.array(recordSectionSchema),
});
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;
