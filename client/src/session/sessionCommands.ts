import type { Socket } from 'socket.io-client';
import { commandAckSchema, type ClientToServerEvents, type Command, type CommandAck, type ServerToClientEvents } from '@balcony/shared';

/** The server's answer, or why none came: `offline` was never sent, `timeout` got no answer. */
export type CommandResult = CommandAck | { ok: false; error: { code: 'offline' | 'timeout'; message: string } };
export type CommandFailure = Extract<CommandResult, { ok: false }>;

/** Long enough for a busy server behind a slow link; a person waiting longer would press again. */
export const COMMAND_TIMEOUT_MS = 8_000;

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Sends one command on the control socket and resolves with the acknowledgement. Nothing is
 * sent while the socket is down: Socket.io would hold the command and send it on reconnecting,
 * when "next phase" pressed twice in the meantime would skip a phase.
 */
export function sendCommand(socket: ControlSocket, command: Command, timeoutMs = COMMAND_TIMEOUT_MS): Promise<CommandResult> {
  if (!socket.connected) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'not connected' } });
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit('command', command, (err: Error | null, answer: unknown) => {
      if (err) return resolve({ ok: false, error: { code: 'timeout', message: 'no answer in time' } });
      const parsed = commandAckSchema.safeParse(answer);
      resolve(parsed.success ? parsed.data : { ok: false, error: { code: 'internal', message: 'an answer of unknown shape' } });
    });
  });
}

/** What a refused or lost command means, in words that say what to do. */
export function commandFailureWords(failure: CommandFailure): string {
  switch (failure.error.code) {
    case 'offline':
      return "You're offline, so that was not sent. Try again when the connection is back.";
    case 'timeout':
      return "The server didn't answer. Check your connection, then try again.";
    case 'forbidden':
      return 'Only a facilitator can do that.';
    case 'last_facilitator':
      return 'A session needs a facilitator. Make someone else a facilitator first.';
    case 'vote_limit':
      return failure.error.message;
    case 'session_ended':
      return 'This session has ended, so nothing can be changed. Its record is kept as it was.';
    case 'not_found':
      return 'That is no longer part of this session. The screen now shows how things are.';
    case 'invalid_command':
      return "The server didn't understand that. Reload the page, then try again.";
    case 'internal':
      return "The server couldn't do that. Try again in a moment.";
  }
}
