import { z } from 'zod';
import { LIMITS } from './limits.js';
import { zoneIdSchema, type Template } from './templates/format.js';
import { actionSchema } from './actions.js';

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

export const VOTE_TARGETS = ['notes', 'themes'] as const;
export const voteTargetKindSchema = z.enum(VOTE_TARGETS);
export type VoteTargetKind = z.infer<typeof voteTargetKindSchema>;

/** How a vote is set up, as `vote.open` gives it. */
export const voteSetupSchema = z.strictObject({
  dotsPerPerson: z.number().int().min(1).max(LIMITS.dotsPerPersonMax),
  maxPerTarget: z.number().int().min(1).max(LIMITS.dotsPerPersonMax),
  targets: voteTargetKindSchema,
  /** Only notes or themes in these zones may be voted on; all when absent. */
  zones: z.array(zoneIdSchema).min(1).max(50).optional(),
});
export type VoteSetup = z.infer<typeof voteSetupSchema>;

/** One target's count once a vote has closed, most dots first. */
export const voteResultSchema = z.object({ targetId: z.string(), votes: z.number().int().positive() });
export type VoteResult = z.infer<typeof voteResultSchema>;

/**
 * A vote as the server keeps it: every person's dots (a target id once per dot), and once closed
 * the results. Never sent as it is: see `VoteView`.
 */
export const storedVoteSchema = z.object({
  id: z.string(),
  setup: voteSetupSchema,
  phaseId: z.string(),
  open: z.boolean(),
  dots: z.record(z.string(), z.array(z.string())),
  results: z.array(voteResultSchema).nullable(),
});
export type StoredVote = z.infer<typeof storedVoteSchema>;

/** A closed vote's results, kept for the record after the next vote opens. */
export const closedVoteSchema = z.object({
  id: z.string(),
  phaseId: z.string(),
  setup: voteSetupSchema,
  results: z.array(voteResultSchema),
});
export type ClosedVote = z.infer<typeof closedVoteSchema>;

/** When the session entered a phase: the record says how long each took. */
export const phaseEntrySchema = z.object({ phaseId: z.string(), at: z.number().int() });
export type PhaseEntry = z.infer<typeof phaseEntrySchema>;

export const sessionStateSchema = z.object({
  /** The facilitator closed joining: the join code admits nobody new. */
  joinLocked: z.boolean(),
  /** Set when the session is made, never changed: nothing sent links a note to its writer. */
  anonymous: z.boolean(),
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
  /** How many notes each person holds on their private board now; their words never leave it. */
  privateCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** The current or last vote; null before the first. */
  vote: storedVoteSchema.nullable(),
  /** Every vote closed so far, oldest first. */
  closedVotes: z.array(closedVoteSchema),
  /** Each time the session entered a phase, oldest first. */
  phaseLog: z.array(phaseEntrySchema),
  /** The group's actions, in the order written. */
  actions: z.array(actionSchema),
  /** When the facilitator ended the session: the board is read-only and the code admits nobody. */
  endedAt: z.number().int().nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/**
 * A vote as one person is sent it. While it is open: their own dots (`mine`), and for a
 * facilitator how many dots have been cast in all (`castTotal`). Once closed: `results`, for everyone.
 */
export const voteViewSchema = z.object({
  id: z.string(),
  setup: voteSetupSchema,
  phaseId: z.string(),
  open: z.boolean(),
  mine: z.array(z.string()),
  castTotal: z.number().int().nonnegative().nullable(),
  results: z.array(voteResultSchema).nullable(),
});
export type VoteView = z.infer<typeof voteViewSchema>;

/** The state as one person is sent it (see `stateFor`). */
export const sessionStateViewSchema = sessionStateSchema.extend({ vote: voteViewSchema.nullable() });
export type SessionStateView = z.infer<typeof sessionStateViewSchema>;

/** The state a new session starts in: its first phase, the timer set to it and stopped. */
export function initialSessionState(template: Template, facilitatorId: string, anonymous = false, now = 0): SessionState {
  const first = template.phases[0]!;
  return {
    joinLocked: false,
    anonymous,
    phase: { id: first.id, index: 0 },
    timer: { endsAt: null, remainingMs: first.minutes * 60_000, running: false },
    locked: false,
    roles: { [facilitatorId]: 'facilitator' },
    follow: null,
    hands: [],
    pauseRequests: [],
    privateCounts: {},
    vote: null,
    closedVotes: [],
    phaseLog: [{ phaseId: first.id, at: now }],
    actions: [],
    endedAt: null,
  };
}

/** A state as stored, with its version. */
export const versionedSessionStateSchema = z.object({
  version: z.number().int().positive(),
  state: sessionStateSchema,
});
export type VersionedSessionState = z.infer<typeof versionedSessionStateSchema>;

/** What the `state` control event carries: one person's view of the state, with its version. */
export const versionedSessionStateViewSchema = z.object({
  version: z.number().int().positive(),
  state: sessionStateViewSchema,
});
export type VersionedSessionStateView = z.infer<typeof versionedSessionStateViewSchema>;

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
  anonymous: false,
  privateCounts: {},
  vote: null,
  closedVotes: [],
  phaseLog: [],
  actions: [],
  endedAt: null,
};

/** Reads a stored state; a field a newer server added and this one does not know is dropped. */
export function parseSessionState(json: string): SessionState {
  return sessionStateSchema.parse({ ...FIELDS_ADDED_SINCE, ...(JSON.parse(json) as object) });
}

/**
 * What one person is sent. Pause requests and private counts are for facilitators; others see
 * only their own. Of a vote, each person sees their own dots; a facilitator, while it is open,
 * how many have been cast in all; everyone the results once it has closed.
 */
export function stateFor(state: SessionState, viewerId: string): SessionStateView {
  const facilitator = state.roles[viewerId] === 'facilitator';
  const vote = state.vote && voteFor(state.vote, viewerId, facilitator);
  if (facilitator) return { ...state, vote };
  const own = state.privateCounts[viewerId];
  return {
    ...state,
    pauseRequests: state.pauseRequests.filter((p) => p.participantId === viewerId),
    privateCounts: own === undefined ? {} : { [viewerId]: own },
    vote,
  };
}

function voteFor(vote: StoredVote, viewerId: string, facilitator: boolean): VoteView {
  const castTotal = vote.open && facilitator ? Object.values(vote.dots).reduce((n, d) => n + d.length, 0) : null;
  return {
    id: vote.id,
    setup: vote.setup,
    phaseId: vote.phaseId,
    open: vote.open,
    mine: vote.dots[viewerId] ?? [],
    castTotal,
    results: vote.open ? null : vote.results,
  };
}

/** Counts every dot of a vote: most first, ties in target id order so that every reader agrees. */
export function tallyVotes(dots: Readonly<Record<string, readonly string[]>>): VoteResult[] {
  const counts = new Map<string, number>();
  for (const mine of Object.values(dots)) for (const t of mine) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([targetId, votes]) => ({ targetId, votes }))
    .sort((a, b) => b.votes - a.votes || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
}

/** Time left on the timer at `now` (server clock); negative once it has run out. */
export function timeLeftMs(timer: TimerState, now: number): number {
  return timer.running && timer.endsAt !== null ? timer.endsAt - now : timer.remainingMs;
}
