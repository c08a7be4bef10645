import { z } from 'zod';

/** Board coordinates are abstract units on the template's board (1600×1000 for the built-ins). */
const point = z.tuple([z.number(), z.number()]);

export const zoneShapeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rect'), x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() }),
  z.object({ kind: z.literal('circle'), cx: z.number(), cy: z.number(), r: z.number().positive() }),
  z.object({ kind: z.literal('polygon'), points: z.array(point).min(3) }),
]);
export type ZoneShape = z.infer<typeof zoneShapeSchema>;

export const zoneIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

export const zoneSchema = z.strictObject({
  id: zoneIdSchema,
  label: z.string().min(1).max(60),
  /** Guiding question, shown in muted text while the zone is empty. */
  prompt: z.string().min(1).max(400),
  shape: zoneShapeSchema,
});
export type Zone = z.infer<typeof zoneSchema>;

/** Who may write in a phase; `presenter` arrives with roles, the data already names it. */
export const phaseWriterSchema = z.enum(['facilitator', 'participant', 'presenter']);

export const phaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(80),
  minutes: z.number().int().min(0).max(240),
  instructions: z.string().min(1).max(1000),
  writers: z.array(phaseWriterSchema),
  privateUntilRevealed: z.boolean(),
  voting: z.boolean(),
  /** Zones this phase works in (highlighted); empty means the whole board. */
  zones: z.array(zoneIdSchema),
});
export type Phase = z.infer<typeof phaseSchema>;

export const outcomeSectionSchema = z.strictObject({
  id: z.string().min(1).max(40),
  label: z.string().min(1).max(120),
});

/** The version of the template format this code reads; a file of another version is refused. */
export const TEMPLATE_FORMAT_VERSION = 1;

export const templateSchema = z
  .strictObject({
    formatVersion: z.literal(TEMPLATE_FORMAT_VERSION),
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    name: z.string().min(1).max(80),
    summary: z.string().min(1).max(300),
    board: z.strictObject({ width: z.number().positive(), height: z.number().positive() }),
    zones: z.array(zoneSchema).min(1),
    phases: z.array(phaseSchema).min(1),
    outcome: z.array(outcomeSectionSchema),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const zone of t.zones) {
      if (ids.has(zone.id)) ctx.addIssue({ code: 'custom', message: `duplicate zone id ${zone.id}`, path: ['zones'] });
      ids.add(zone.id);
    }
    t.phases.forEach((phase, i) => {
      for (const z of phase.zones) {
        if (!ids.has(z)) ctx.addIssue({ code: 'custom', message: `phase ${phase.id} names unknown zone ${z}`, path: ['phases', i, 'zones'] });
      }
    });
  });
export type Template = z.infer<typeof templateSchema>;
