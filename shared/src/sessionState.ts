import { z } from 'zod';
import type { Template } from './templates/format.js';

/**
 * What changes while a session runs, kept by the server in the store with a version that goes up
 * by one with every change, so that changes made on several nodes at once land one after the
 * other and none is lost. The server alone changes it, in answer to `command` events.
 */
export const SESSION_ROLES = ['facilitator', 'presenter', 'participant', 'observer'] as const;
export const sessionRoleSchema = z.enum(SESSION_ROLES);
export type SessionRole = z.infer<typeof sessionRoleSchema>;

export const timerStateSchema = z.object({
  /** When the time runs out, in the server's epoch ms; null while paused. */
  endsAt: z.number().int().nullable(),
  /** Time left when the timer was last paused or set; while running, `endsAt` says it. */
  remainingMs: z.number().int(),
  running: z.boolean(),
});
export type TimerState = z.infer<typeof timerStateSchema>;

export const pauseRequestSchema = z.object({ participantId: z.string(), at: z.number().int() });

export const sessionStateSchema = z.object({
  /** The facilitator closed joining: the join code admits nobody new. */
  joinLocked: z.boolean(),
  phase: z.object({ id: z.string(), index: z.number().int().nonnegative() }),
  timer: timerStateSchema,
  /** Nobody but facilitators writes on the board. */
  locked: z.boolean(),
  roles: z.record(z.string(), sessionRoleSchema),
  /** A frame or zone id the facilitator brought everyone to. */
  follow: z.string().nullable(),
  /** Participant ids with a raised hand, in the order raised. */
  hands: z.array(z.string()),
  /** "I need a pause", oldest first: sent to facilitators whole, to others only their own. */
  pauseRequests: z.array(pauseRequestSchema),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/** The state a new session starts in: its first phase, the timer set to it and stopped. */
export function initialSessionState(template: Template, facilitatorId: string): SessionState {
  const first = template.phases[0]!;
  return {
    joinLocked: false,
    phase: { id: first.id, index: 0 },
    timer: { endsAt: null, remainingMs: first.minutes * 60_000, running: false },
    locked: false,
    roles: { [facilitatorId]: 'facilitator' },
    follow: null,
    hands: [],
    pauseRequests: [],
  };
}

/** A state as stored, with its version; the `state` control event carries the same. */
export const versionedSessionStateSchema = z.object({
  version: z.number().int().positive(),
  state: sessionStateSchema,
});
export type VersionedSessionState = z.infer<typeof versionedSessionStateSchema>;

/**
 * What a state stored before a field existed reads as: sessions made before facilitation held
 * only `joinLocked`. Their first phase is taken (an unknown phase id reads as the first), and
 * roles fall back to each person's role as they joined.
 */
const FIELDS_ADDED_SINCE: Omit<SessionState, 'joinLocked'> = {
  phase: { id: '', index: 0 },
  timer: { endsAt: null, remainingMs: 0, running: false },
  locked: false,
  roles: {},
  follow: null,
  hands: [],
  pauseRequests: [],
};

/** Reads a stored state; a field a newer server added and this one does not know is dropped. */
export function parseSessionState(json: string): SessionState {
  return sessionStateSchema.parse({ ...FIELDS_ADDED_SINCE, ...(JSON.parse(json) as object) });
}

/** What one person is sent: pause requests are for facilitators; others see only their own. */
export function stateFor(state: SessionState, viewerId: string): SessionState {
  if (state.roles[viewerId] === 'facilitator') return state;
  return { ...state, pauseRequests: state.pauseRequests.filter((p) => p.participantId === viewerId) };
}

/** Time left on the timer at `now` (server clock); negative once it has run out. */
export function timeLeftMs(timer: TimerState, now: number): number {
  return timer.running && timer.endsAt !== null ? timer.endsAt - now : timer.remainingMs;
}
