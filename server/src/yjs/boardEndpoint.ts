import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { CLOSE_CODES, LIMITS } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { authorize } from '../sessions/commands.js';
import type { RoomManager } from './roomManager.js';
import { BoardConnection } from './boardConnection.js';

export const BOARD_PATH_PREFIX = '/yjs/';

function refuse(socket: Duplex, status: 401 | 404 | 503, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The board WebSocket at /yjs/<sessionId>?token=…: the token is checked and the room loaded
 * before the upgrade completes, so a refused socket never sees a byte of the document and no room
 * exists for a session nobody may open.
 */
export function attachBoardEndpoint(server: HttpServer, store: Store, rooms: RoomManager, log: Logger) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytesMax });
  let accepting = true;

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(BOARD_PATH_PREFIX)) {
      // Socket.io answers its own path; nothing else upgrades here.
      if (!url.pathname.startsWith('/socket.io/')) refuse(socket, 404, 'Not Found');
      return;
    }
    socket.on('error', () => socket.destroy());
    if (!accepting) return refuse(socket, 503, 'Service Unavailable');
    try {
      const sessionId = decodeURIComponent(url.pathname.slice(BOARD_PATH_PREFIX.length));
      const access = await authorize(store, url.searchParams.get('token'), sessionId);
      if (!access.ok) return refuse(socket, 401, 'Unauthorized');
      const { session, participant } = access;
      const room = await rooms.acquire(session.id, session.template);
      wss.handleUpgrade(req, socket, head, (ws) => {
        new BoardConnection(
          ws,
          room,
          { participantId: participant.id, name: participant.name, color: participant.color },
          log.child({ sessionId: session.id }),
          () => rooms.releaseIfIdle(room),
        );
      });
      // The upgrade may have failed (the socket went away meanwhile): do not pin the room.
      rooms.releaseIfIdle(room);
    } catch (err) {
      log.error({ err }, 'board upgrade failed');
      refuse(socket, 503, 'Service Unavailable');
    }
  };
  server.on('upgrade', (req, socket, head) => void onUpgrade(req, socket, head));

  return {
    /** Refuses new sockets and closes open ones with a code that says "come back later". */
    close() {
      accepting = false;
      for (const ws of wss.clients) ws.close(CLOSE_CODES.serverShutdown, 'server shutting down');
      wss.close();
    },
  };
}
