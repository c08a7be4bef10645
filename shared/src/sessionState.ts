import { z } from 'zod';

/**
 * What changes while a session runs, kept by the server in the store with a version that goes up
 * by one with every change, so that changes made on several nodes at once land one after the
 * other and none is lost. Joining by code is the first part; the facilitation parts follow.
 */
export const sessionStateSchema = z.object({
  /** The facilitator closed joining: the join code admits nobody new. */
  joinLocked: z.boolean(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const initialSessionState = (): SessionState => ({ joinLocked: false });

/** A state as stored, with its version; the `state` control event carries the same. */
export const versionedSessionStateSchema = z.object({
  version: z.number().int().positive(),
  state: sessionStateSchema,
});
export type VersionedSessionState = z.infer<typeof versionedSessionStateSchema>;

/** Reads a stored state; a field a newer server added and this one does not know is dropped. */
export function parseSessionState(json: string): SessionState {
  return sessionStateSchema.parse(JSON.parse(json));
}

export function setJoinLocked(state: SessionState, locked: boolean): SessionState {
  return { ...state, joinLocked: locked };
}
