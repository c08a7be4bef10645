import { z } from 'zod';
import { LIMITS } from './limits.js';
import { TEMPLATE_IDS } from './templates/index.js';
import { sessionRoleSchema } from './sessionState.js';
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

export const sessionViewSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
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
