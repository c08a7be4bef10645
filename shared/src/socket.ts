import { z } from 'zod';
import { PROTOCOL_VERSION } from './limits.js';
import { roleSchema } from './api.js';
import { ERROR_CODES } from './errors.js';
import type { VersionedSessionStateView } from './sessionState.js';
import { commandSchema, type CommandAck, type TimeAck } from './commands.js';

/** Socket.io handshake: `io(url, { auth })`. */
export const socketAuthSchema = z.object({
  token: z.string().min(1).max(200),
  protocolVersion: z.literal(PROTOCOL_VERSION),
});
export type SocketAuth = z.infer<typeof socketAuthSchema>;

/** `connect_error` carries this in `err.data` so the UI can say what went wrong. */
export const connectErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ConnectErrorData = z.infer<typeof connectErrorDataSchema>;

export const presenceParticipantSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  role: roleSchema,
  color: z.string(),
  online: z.boolean(),
});
export type PresenceParticipant = z.infer<typeof presenceParticipantSchema>;

export const presenceEventSchema = z.object({ participants: z.array(presenceParticipantSchema) });
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

/**
 * Sent just before the server closes a control socket (an unknown event, a spent budget, a
 * connection cap), so that the page can say why instead of reconnecting into the same wall.
 */
export const closingEventSchema = connectErrorDataSchema;
export type ClosingEvent = z.infer<typeof closingEventSchema>;

/** Events the server emits. */
export interface ServerToClientEvents {
  presence: (payload: PresenceEvent) => void;
  /** The session's state after a change, with its version: a client keeps the highest it has seen. */
  state: (payload: VersionedSessionStateView) => void;
  closing: (payload: ClosingEvent) => void;
}

/** Events a client emits; every payload is parsed with its schema at the server. */
export interface ClientToServerEvents {
  /** A command for the session (commands.ts); always with an acknowledgement. */
  command: (command: unknown, ack: (answer: CommandAck) => void) => void;
  /** Asks for the server's clock, to correct a timer for this device's clock. */
  time: (ack: (answer: TimeAck) => void) => void;
}

/**
 * Schemas of client events' first argument, keyed by event name; an event not listed here is
 * refused. `time` carries nothing but its acknowledgement.
 */
export const clientEventSchemas = {
  command: commandSchema,
  time: z.function(),
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

/** Whether a client may send an event of this name at all; anything else closes its socket. */
export function isClientEvent(name: unknown): name is keyof ClientToServerEvents {
  return typeof name === 'string' && Object.hasOwn(clientEventSchemas, name);
}
