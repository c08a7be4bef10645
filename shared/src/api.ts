import { z } from 'zod';
import { LIMITS } from './limits.js';
import { TEMPLATE_IDS } from './templates/index.js';
import { sessionRoleSchema, sessionStateViewSchema } from './sessionState.js';
import { templateSchema } from './templates/format.js';
import { stripUnsafeText } from './text.js';

/**
 * Text that others will read: unsafe characters are taken out first (see text.ts), then the rest
 * is trimmed, and what is left must not be empty. Limits count what is kept.
 */
const shownText = (max: number) =>
  z
    .string()
    .transform(stripUnsafeText)
    .pipe(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** HTTP bodies: strings are trimmed, unknown keys are dropped (zod's default strip). */
const name = shownText(LIMITS.nameMax);

/**
 * A session starts from a built-in template (`template`, its id) or from a template of the
 * facilitator's own (`templateJson`, the template itself, checked against the template schema
 * by the server, which answers `invalid_template` with the JSON path of the first problem).
 */
export const createSessionBodySchema = z
  .object({
    title: shownText(LIMITS.titleMax),
    template: z.enum(TEMPLATE_IDS).optional(),
    templateJson: z.unknown().optional(),
    facilitatorName: name.optional(),
    /** Nothing a participant's browser is sent links a note to its writer (docs/PROTOCOL.md). */
    anonymous: z.boolean().optional(),
  })
  .refine((b) => (b.template === undefined) !== (b.templateJson === undefined), {
    message: 'give either template (a built-in id) or templateJson (a template), not both',
    path: ['template'],
  });
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

export const createSessionResponseSchema = z.object({
  sessionId: z.string(),
  joinCode: z.string(),
  facilitatorToken: z.string(),
  participantId: z.string(),
});
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>;

export const joinBodySchema = z.object({
  joinCode: z.string().max(40),
  name,
});
export type JoinBody = z.infer<typeof joinBodySchema>;

export const joinResponseSchema = z.object({
  sessionId: z.string(),
  participantId: z.string(),
  participantToken: z.string(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** `POST /api/sessions/:sessionId/join-lock`: the facilitator closes or reopens joining by code. */
export const joinLockBodySchema = z.object({ locked: z.boolean() });
export type JoinLockBody = z.infer<typeof joinLockBodySchema>;

export const joinLockResponseSchema = z.object({
  sessionId: z.string(),
  joinLocked: z.boolean(),
  /** The session state's version after the request (the same as before when nothing changed). */
  version: z.number().int().positive(),
});
export type JoinLockResponse = z.infer<typeof joinLockResponseSchema>;

/** A person's role in a session; the session state holds each person's current one. */
export const roleSchema = sessionRoleSchema;
export type Role = z.infer<typeof roleSchema>;

export const participantSummarySchema = z.object({
  participantId: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

/** How long a session is kept after its last activity, and when that runs out. */
export const retentionSchema = z.object({
  days: z.number().int(),
  lastActivityAt: z.number().int(),
  expiresAt: z.number().int(),
});
export type Retention = z.infer<typeof retentionSchema>;

/** A session in a chain of follow-ups, as the library lists it. */
export const linkedSessionSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  createdAt: z.number().int(),
});
export type LinkedSession = z.infer<typeof linkedSessionSchema>;

export const sessionViewSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  createdAt: z.number().int(),
  /** The session's own copy of its template: a built-in changed later does not change it. */
  template: templateSchema,
  role: roleSchema,
  participantId: z.string(),
  participants: z.array(participantSummarySchema),
  /** Whether the join code still lets new people in. */
  joinLocked: z.boolean(),
  /** When the facilitator ended it; null while it runs. */
  endedAt: z.number().int().nullable(),
  retention: retentionSchema,
  /** Actions still open, for the library. */
  openActions: z.number().int().nonnegative(),
  /** The session this one follows up (it may have been erased since); null for a first session. */
  previousSessionId: z.string().nullable(),
  /** Follow-ups started from this session, oldest first. */
  followUps: z.array(linkedSessionSchema),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const healthResponseSchema = z.object({ status: z.literal('ok') });

/** `GET /api/templates`: the built-in templates, for choosing one, with their phases and timings. */
export const templateListResponseSchema = z.object({
  templates: z.array(
    z.object({
      id: z.enum(TEMPLATE_IDS),
      name: z.string(),
      summary: z.string(),
      formatVersion: z.number().int(),
      phases: z.array(z.object({ id: z.string(), name: z.string(), minutes: z.number().int() })),
    }),
  ),
});
export type TemplateListResponse = z.infer<typeof templateListResponseSchema>;

/** Why a snapshot was taken: the session moved to another phase, a facilitator asked, or it ended. */
export const SNAPSHOT_REASONS = ['phase', 'manual', 'end'] as const;
export const snapshotReasonSchema = z.enum(SNAPSHOT_REASONS);
export type SnapshotReason = z.infer<typeof snapshotReasonSchema>;

/**
 * A snapshot as listed. `phaseId` is the phase whose work it holds: for a phase change, the phase
 * being left; otherwise the phase the session was in.
 */
export const snapshotSummarySchema = z.object({
  snapshotId: z.string(),
  takenAt: z.number().int(),
  reason: snapshotReasonSchema,
  phaseId: z.string(),
  final: z.boolean(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** `GET /api/sessions/:sessionId/snapshots`, oldest first. */
export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });
export type SnapshotListResponse = z.infer<typeof snapshotListResponseSchema>;

/** `POST /api/sessions/:sessionId/snapshots` takes no fields; it answers 201 with the new snapshot. */
export const takeSnapshotBodySchema = z.object({}).strict();

/** The formats `GET /api/snapshots/:snapshotId/export?format=` offers. */
export const EXPORT_FORMATS = ['md', 'csv', 'json', 'pdf', 'svg', 'png'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportQuerySchema = z.object({
  format: exportFormatSchema,
  /** For svg and png: one frame's picture; every frame, one under another, when absent. */
  frame: z.string().min(1).max(40).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;



/** `PUT /api/sessions/:sessionId/retention` (facilitator). */
export const retentionBodySchema = z.object({ days: z.number().int().min(1).max(LIMITS.retentionDaysMax) });
export type RetentionBody = z.infer<typeof retentionBodySchema>;

/**
 * The snapshot's board, to open it read-only on the real board: `GET /api/snapshots/:snapshotId/board`.
 * `board` is the filed board's Yjs state (base64), `state` the session state as an observer is
 * sent it, `participants` the names the notes' authors had (empty in an anonymous session).
 */
export const snapshotBoardSchema = snapshotSummarySchema.extend({
  sessionId: z.string(),
  board: z.base64(),
  state: sessionStateViewSchema,
  participants: z.array(participantSummarySchema),
});
export type SnapshotBoard = z.infer<typeof snapshotBoardSchema>;

/** `POST /api/sessions/:sessionId/team-links` (facilitator): an optional label says whom it is for. */
export const createTeamLinkBodySchema = z.object({ label: shownText(LIMITS.teamLinkLabelMax).optional() });
export type CreateTeamLinkBody = z.infer<typeof createTeamLinkBodySchema>;

/** A team link as listed; the token is given once, when it is made (only its hash is kept). */
export const teamLinkSchema = z.object({
  linkId: z.string(),
  label: z.string().nullable(),
  createdAt: z.number().int(),
});
export type TeamLink = z.infer<typeof teamLinkSchema>;

/** `201` to `POST …/team-links`: the link, with its token; the page is `/t/<token>`. */
export const createdTeamLinkSchema = teamLinkSchema.extend({ token: z.string() });
export type CreatedTeamLink = z.infer<typeof createdTeamLinkSchema>;

/** `GET /api/sessions/:sessionId/team-links` (facilitator): the links not revoked, oldest first. */
export const teamLinkListResponseSchema = z.object({ links: z.array(teamLinkSchema) });
export type TeamLinkListResponse = z.infer<typeof teamLinkListResponseSchema>;

/**
 * `GET /api/team` with a team link's token as the bearer: what the link opens, and nothing more
 * (no participants, no join code, no live state). Its snapshots are read with the same token.
 */
export const teamViewSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  template: templateSchema,
  createdAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** The link's own label. */
  label: z.string().nullable(),
  /** Actions open in the newest snapshot. */
  openActions: z.number().int().nonnegative(),
  snapshots: z.array(snapshotSummarySchema),
});
export type TeamView = z.infer<typeof teamViewSchema>;

/**
 * `POST /api/sessions/:sessionId/follow-ups` (facilitator): a new session with the same template,
 * linked to this one, its open actions carried into a review phase first. It starts from the final
 * snapshot of an ended session; from a running one, a snapshot is taken first. `start: 'notes'`
 * starts its board from that snapshot's filed notes and themes (ids kept); `'empty'` starts it blank.
 */
export const FOLLOW_UP_STARTS = ['empty', 'notes'] as const;
export const followUpBodySchema = z.object({
  start: z.enum(FOLLOW_UP_STARTS),
  /** The new session's title; the one before's when absent. */
  title: shownText(LIMITS.titleMax).optional(),
  facilitatorName: name.optional(),
});
export type FollowUpBody = z.infer<typeof followUpBodySchema>;

/** `201` to `POST …/follow-ups`: the new session, as creating one answers, and what it carried. */
export const followUpResponseSchema = createSessionResponseSchema.extend({
  previousSessionId: z.string(),
  /** The snapshot it started from. */
  fromSnapshotId: z.string(),
  /** How many open actions it carried over; how many notes it started with. */
  carriedActions: z.number().int().nonnegative(),
  carriedNotes: z.number().int().nonnegative(),
});
export type FollowUpResponse = z.infer<typeof followUpResponseSchema>;
