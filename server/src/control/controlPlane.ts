import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import {
  PROTOCOL_VERSION,
  socketAuthSchema,
  type ClientToServerEvents,
  type ConnectErrorData,
  type PresenceEvent,
  type ServerToClientEvents,
} from '@balcony/shared';
import type { ParticipantRecord, Store } from '../store/types.js';
import { hashToken } from '../tokens.js';

interface SocketData {
  participant: ParticipantRecord;
}
type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function connectError(data: ConnectErrorData): Error & { data: ConnectErrorData } {
  return Object.assign(new Error(data.message), { data });
}

/**
 * The Socket.io control plane. For now it carries presence: who is in the session and who is
 * online; later it carries phases, roles and votes, each event parsed with its shared schema.
 */
export function attachControlPlane(server: HttpServer, store: Store, log: Logger) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(server, {
    // The board endpoint shares this HTTP server: leave its upgrades alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });
  /** sessionId → participantId → number of open sockets (a person may have several tabs). */
  const online = new Map<string, Map<string, number>>();

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { protocolVersion?: unknown } | undefined;
    if (auth && auth.protocolVersion !== undefined && auth.protocolVersion !== PROTOCOL_VERSION) {
      return next(
        connectError({
          code: 'protocol_mismatch',
          message: `This page speaks protocol ${String(auth.protocolVersion)}; the server speaks ${PROTOCOL_VERSION}. Reload the page.`,
        }),
      );
    }
    const parsed = socketAuthSchema.safeParse(auth);
    if (!parsed.success) return next(connectError({ code: 'unauthorized', message: 'A session token and protocol version are needed.' }));
    store
      .findParticipantByTokenHash(hashToken(parsed.data.token))
      .then((participant) => {
        if (!participant) return next(connectError({ code: 'unauthorized', message: 'That token is not valid. Join the session again.' }));
        socket.data.participant = participant;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'control auth failed');
        next(connectError({ code: 'internal', message: 'Something went wrong on the server. Try again.' }));
      });
  });

  async function presence(sessionId: string): Promise<PresenceEvent> {
    const counts = online.get(sessionId);
    const participants = await store.listParticipants(sessionId);
    return {
      participants: participants.map((p) => ({
        participantId: p.id,
        name: p.name,
        role: p.role,
        color: p.color,
        online: (counts?.get(p.id) ?? 0) > 0,
      })),
    };
  }

  async function emitPresence(sessionId: string): Promise<void> {
    try {
      io.to(sessionId).emit('presence', await presence(sessionId));
    } catch (err) {
      log.error({ err, sessionId }, 'presence failed');
    }
  }

  io.on('connection', (socket: ControlSocket) => {
    const { participant } = socket.data;
    const sessionId = participant.sessionId;
    void socket.join(sessionId);
    const counts = online.get(sessionId) ?? new Map<string, number>();
    online.set(sessionId, counts);
    counts.set(participant.id, (counts.get(participant.id) ?? 0) + 1);
    void emitPresence(sessionId);

    // No client events exist yet: anything sent is refused by name, never acted on.
    socket.onAny((event: string) => log.info({ event: String(event).slice(0, 40) }, 'unknown control event dropped'));

    socket.on('disconnect', () => {
      const n = (counts.get(participant.id) ?? 1) - 1;
      if (n > 0) counts.set(participant.id, n);
      else counts.delete(participant.id);
      if (counts.size === 0) online.delete(sessionId);
      void emitPresence(sessionId);
    });
  });

  return {
    participantJoined: (sessionId: string) => void emitPresence(sessionId),
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
