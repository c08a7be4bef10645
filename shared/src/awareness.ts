import { z } from 'zod';
import { LIMITS } from './limits.js';

const fraction = z.number().min(0).max(1);

/** Who a replica belongs to; the server fills it from the token, never from the client. */
export const awarenessUserSchema = z.strictObject({
  participantId: z.string().min(1).max(64),
  name: z.string().min(1).max(LIMITS.nameMax),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
});
export type AwarenessUser = z.infer<typeof awarenessUserSchema>;

/** A pointer on the board, in board units (the template's width and height). */
export const awarenessCursorSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** A note being dragged: where it would land if dropped now. Only the drop writes the document. */
export const awarenessDragSchema = z.strictObject({
  noteId: z.string().min(1).max(LIMITS.noteIdMax),
  zone: z.string().min(1).max(40),
  x: fraction,
  y: fraction,
});

/** The frame a cursor is on, so that others draw it on that frame only. */
export const awarenessFrameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

/** What a client may set; `user` is overwritten by the server. */
export const awarenessClientStateSchema = z.object({
  cursor: awarenessCursorSchema.nullish(),
  frame: awarenessFrameSchema.nullish(),
  drag: awarenessDragSchema.nullish(),
});

export const awarenessStateSchema = z.strictObject({
  user: awarenessUserSchema,
  cursor: awarenessCursorSchema.nullish(),
  frame: awarenessFrameSchema.nullish(),
  drag: awarenessDragSchema.nullish(),
});
export type AwarenessState = z.infer<typeof awarenessStateSchema>;
