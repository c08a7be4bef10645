import { z } from 'zod';
import { sessionRoleSchema, voteSetupSchema } from './sessionState.js';
import { actionFieldsInputSchema, reviewNoteSchema, reviewOutcomeSchema } from './actions.js';

/**
 * What a client asks of the session, on the control socket: `socket.emit('command', command, ack)`.
 * The server checks each against the sender's role, changes the state or refuses, and answers
 * through the acknowledgement; the new state reaches everyone as a `state` event.
 */
const id = z.string().min(1).max(100);

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('phase.goto'), phaseId: id }),
  z.strictObject({ type: z.literal('phase.next') }),
  z.strictObject({ type: z.literal('phase.back') }),
  z.strictObject({ type: z.literal('timer.start') }),
  z.strictObject({ type: z.literal('timer.pause') }),
  /** Adds (or with a negative number takes off) time; the timer never goes below zero left. */
  z.strictObject({ type: z.literal('timer.add'), seconds: z.number().int().min(-3600).max(3600) }),
  z.strictObject({ type: z.literal('board.lock'), locked: z.boolean() }),
  z.strictObject({ type: z.literal('role.set'), participantId: id, role: sessionRoleSchema }),
  z.strictObject({ type: z.literal('follow.set'), target: id.nullable() }),
  z.strictObject({ type: z.literal('hand.raise') }),
  /** Lowers the sender's hand, or (facilitators) someone else's. */
  z.strictObject({ type: z.literal('hand.lower'), participantId: id.optional() }),
  z.strictObject({ type: z.literal('pause.request') }),
  /** A facilitator has seen a pause request (or all of them, with no id) and clears it. */
  z.strictObject({ type: z.literal('pause.dismiss'), participantId: id.optional() }),
  /** Moves every private note onto the shared board, shuffled, and empties the private boards. */
  z.strictObject({ type: z.literal('reveal') }),
  /** Moves the sender's own private notes onto the shared board (written after a reveal). */
  z.strictObject({ type: z.literal('reveal.mine') }),
  z.strictObject({ type: z.literal('vote.open'), ...voteSetupSchema.shape }),
  z.strictObject({ type: z.literal('vote.close') }),
  /** One dot on a note or theme; the same target may take several, up to `maxPerTarget`. */
  z.strictObject({ type: z.literal('vote.cast'), targetId: id }),
  /** Takes one of the sender's dots off a target. */
  z.strictObject({ type: z.literal('vote.retract'), targetId: id }),
  /** Writes an action: in the template's actions phase, or any time by a facilitator. */
  z.strictObject({ type: z.literal('action.add'), ...actionFieldsInputSchema.shape }),
  /** Changes an action's fields; a field left out stays, null clears it. */
  z.strictObject({ type: z.literal('action.update'), actionId: id, ...actionFieldsInputSchema.partial().shape }),
  z.strictObject({ type: z.literal('action.remove'), actionId: id }),
  /**
   * Marks an action carried over from the session before: done, dropped or carried on, with a
   * note. In the review phase by anyone who may write; by a facilitator or the owner at any time.
   */
  z.strictObject({ type: z.literal('action.review'), actionId: id, outcome: reviewOutcomeSchema, note: reviewNoteSchema }),
  /**
   * Takes the sender's own note off the board and out of every snapshot of the session, until the
   * session ends.
   */
  z.strictObject({ type: z.literal('note.withdraw'), noteId: id }),
  /** Ends the session: the final snapshot is taken, the board turns read-only, the code stops working. */
  z.strictObject({ type: z.literal('session.end') }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

export const COMMAND_ERROR_CODES = ['invalid_command', 'forbidden', 'not_found', 'last_facilitator', 'vote_limit', 'session_ended', 'internal'] as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

export const commandAckSchema = z.union([
  z.object({ ok: z.literal(true), version: z.number().int().positive() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(COMMAND_ERROR_CODES), message: z.string() }) }),
]);
export type CommandAck = z.infer<typeof commandAckSchema>;

/** `socket.emit('time', ack)`: the server's clock, for a client to correct its own by. */
export const timeAckSchema = z.object({ now: z.number().int() });
export type TimeAck = z.infer<typeof timeAckSchema>;
