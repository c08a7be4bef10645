import { z } from 'zod';

/** Board coordinates are abstract units on a frame's board (1600×1000 for the built-ins). */
const point = z.tuple([z.number(), z.number()]);

export const zoneShapeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rect'), x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() }),
  z.strictObject({ kind: z.literal('circle'), cx: z.number(), cy: z.number(), r: z.number().positive() }),
  z.strictObject({ kind: z.literal('polygon'), points: z.array(point).min(3).max(64) }),
]);
export type ZoneShape = z.infer<typeof zoneShapeSchema>;

const idSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes, starting with a letter');
export const zoneIdSchema = idSchema;

/**
 * A zone read as a scale (Signs of Safety's 0 to 10): notes in it are markers, and where a
 * marker sits from left to right is the value it gives. `markersPerPerson` caps each person's.
 */
export const zoneScaleSchema = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  fromLabel: z.string().min(1).max(120),
  toLabel: z.string().min(1).max(120),
  markersPerPerson: z.number().int().min(1).max(10),
});
export type ZoneScale = z.infer<typeof zoneScaleSchema>;

export const zoneSchema = z.strictObject({
  id: zoneIdSchema,
  label: z.string().min(1).max(60),
  /** Guiding question, shown in muted text while the zone is empty. */
  prompt: z.string().min(1).max(400),
  shape: zoneShapeSchema,
  scale: zoneScaleSchema.optional(),
});
export type Zone = z.infer<typeof zoneSchema>;

/**
 * One board of zones. A template has one or more: the cultural web has the web as it is, the
 * web as the team wants it, and keep / change / start / stop. Zone ids are unique across the
 * template, so a note's zone says which frame it is on.
 */
export const frameSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(60),
  /** How the frame is drawn: `web` draws the cultural web's ring, `columns` and `grid` plain zones. */
  layout: z.enum(['web', 'columns', 'grid', 'scale']),
  board: z.strictObject({ width: z.number().positive().max(10_000), height: z.number().positive().max(10_000) }),
  zones: z.array(zoneSchema).min(1).max(40),
});
export type Frame = z.infer<typeof frameSchema>;

/** Who may write in a phase. Facilitators always may; the list says who else. */
export const phaseWriterSchema = z.enum(['facilitator', 'participant', 'presenter']);
export type PhaseWriter = z.infer<typeof phaseWriterSchema>;

export const phaseSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(80),
  minutes: z.number().int().min(0).max(240),
  /** What everyone sees: the phase's prompt. */
  instructions: z.string().min(1).max(1000),
  /** What the facilitator says and does, shown only on the console. */
  script: z.string().min(1).max(3000),
  /** The frame the board opens on in this phase. */
  frame: idSchema,
  writers: z.array(phaseWriterSchema),
  privateUntilRevealed: z.boolean(),
  voting: z.boolean(),
  /** Zones this phase works in (highlighted); empty means the whole frame. */
  zones: z.array(zoneIdSchema),
  /** The phase in which the group writes its actions on the actions panel. */
  actions: z.boolean().optional(),
  /** A follow-up's first phase: the group reviews the actions carried over (templates/followUp.ts). */
  review: z.boolean().optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

/**
 * What a section of the outcome record shows. `notes`, `starred`, `themes`, `paradigms` and
 * `scale` read the zones the section names (all of the template's when it names none); `votes`
 * lists every closed vote's results and `priorities` the `top` items of the last one.
 */
export const OUTCOME_KINDS = ['summary', 'participants', 'phases', 'notes', 'starred', 'themes', 'votes', 'priorities', 'paradigms', 'scale', 'actions'] as const;
export const outcomeKindSchema = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof outcomeKindSchema>;

export const outcomeSectionSchema = z.strictObject({
  id: z.string().min(1).max(40),
  label: z.string().min(1).max(120),
  /** Absent in templates written before sections said what they show: they read as `notes`. */
  kind: outcomeKindSchema.optional(),
  zones: z.array(zoneIdSchema).max(40).optional(),
  /** How many items a `priorities` section lists (three when absent). */
  top: z.number().int().min(1).max(20).optional(),
});
export type OutcomeSection = z.infer<typeof outcomeSectionSchema>;

/**
 * What an action may be linked to beyond notes and themes: in the cultural web, the element (a
 * zone of `elementFrame`) it works on, and the stakeholder to influence.
 */
export const actionFieldsSchema = z.strictObject({
  elementFrame: idSchema.optional(),
  stakeholder: z.boolean().optional(),
});
export type ActionFields = z.infer<typeof actionFieldsSchema>;

/** The version of the template format this code reads; a file of another version is refused. */
export const TEMPLATE_FORMAT_VERSION = 2;

export const templateSchema = z
  .strictObject({
    formatVersion: z.literal(TEMPLATE_FORMAT_VERSION),
    id: idSchema,
    name: z.string().min(1).max(80),
    summary: z.string().min(1).max(300),
    frames: z.array(frameSchema).min(1).max(8),
    phases: z.array(phaseSchema).min(1).max(30),
    outcome: z.array(outcomeSectionSchema).max(20),
    actionFields: actionFieldsSchema.optional(),
  })
  .superRefine((t, ctx) => {
    const frames = new Set<string>();
    const zones = new Map<string, string>();
    t.frames.forEach((frame, f) => {
      if (frames.has(frame.id)) ctx.addIssue({ code: 'custom', message: `duplicate frame id ${frame.id}`, path: ['frames', f, 'id'] });
      frames.add(frame.id);
      frame.zones.forEach((zone, i) => {
        if (zones.has(zone.id)) ctx.addIssue({ code: 'custom', message: `duplicate zone id ${zone.id}`, path: ['frames', f, 'zones', i, 'id'] });
        zones.set(zone.id, frame.id);
        if (zone.scale && zone.scale.to <= zone.scale.from) {
          ctx.addIssue({ code: 'custom', message: 'a scale must run from a lower to a higher number', path: ['frames', f, 'zones', i, 'scale'] });
        }
      });
    });
    const phases = new Set<string>();
    t.phases.forEach((phase, i) => {
      if (phases.has(phase.id)) ctx.addIssue({ code: 'custom', message: `duplicate phase id ${phase.id}`, path: ['phases', i, 'id'] });
      phases.add(phase.id);
      if (!frames.has(phase.frame)) ctx.addIssue({ code: 'custom', message: `unknown frame ${phase.frame}`, path: ['phases', i, 'frame'] });
      phase.zones.forEach((z, j) => {
        if (!zones.has(z)) ctx.addIssue({ code: 'custom', message: `unknown zone ${z}`, path: ['phases', i, 'zones', j] });
        else if (zones.get(z) !== phase.frame) {
          ctx.addIssue({ code: 'custom', message: `zone ${z} is not on the phase's frame ${phase.frame}`, path: ['phases', i, 'zones', j] });
        }
      });
    });
    t.outcome.forEach((section, i) => {
      section.zones?.forEach((z, j) => {
        if (!zones.has(z)) ctx.addIssue({ code: 'custom', message: `unknown zone ${z}`, path: ['outcome', i, 'zones', j] });
      });
    });
    const elementFrame = t.actionFields?.elementFrame;
    if (elementFrame !== undefined && !frames.has(elementFrame)) {
      ctx.addIssue({ code: 'custom', message: `unknown frame ${elementFrame}`, path: ['actionFields', 'elementFrame'] });
    }
  });
export type Template = z.infer<typeof templateSchema>;

/** Every zone of a template, frame after frame. */
export function templateZones(t: Template): Zone[] {
  return t.frames.flatMap((f) => f.zones);
}

/** The frame a zone is on. */
export function frameOfZone(t: Template, zoneId: string): Frame | undefined {
  return t.frames.find((f) => f.zones.some((z) => z.id === zoneId));
}

export function frameById(t: Template, frameId: string): Frame | undefined {
  return t.frames.find((f) => f.id === frameId);
}

/**
 * Where a follow-me target points: a frame, or a zone and the frame it is on. Null for an id the
 * template does not have.
 */
export function resolveTarget(t: Template, target: string): { frame: Frame; zone: Zone | null } | null {
  const frame = frameById(t, target);
  if (frame) return { frame, zone: null };
  const of = frameOfZone(t, target);
  return of ? { frame: of, zone: of.zones.find((z) => z.id === target)! } : null;
}

/** The zones an action's element may name: those of the template's element frame, if it has one. */
export function actionElements(t: Template): Zone[] {
  const id = t.actionFields?.elementFrame;
  return id ? (frameById(t, id)?.zones ?? []) : [];
}

/** Whether actions are written in this phase. */
export function isActionsPhase(t: Template, phaseId: string): boolean {
  return t.phases.find((p) => p.id === phaseId)?.actions === true;
}
