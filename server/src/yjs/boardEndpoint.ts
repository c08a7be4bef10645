import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { BOARD_SUBPROTOCOL, CLOSE_CODES, LIMITS, tokenFromSubprotocols } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { authorize } from '../sessions/access.js';
import type { RuntimeRegistry } from '../session/runtimeRegistry.js';
import type { LiveConnection } from '../session/sessionRuntime.js';
import type { ServerHooks } from '../extensions/compose.js';
import type { ConnectionInfo } from '../extensions/types.js';
import type { OutboundBudget } from '../limits/outboundBudget.js';
import type { RoomManager } from './roomManager.js';
import { BoardConnection } from './boardConnection.js';

export const BOARD_PATH_PREFIX = '/yjs/';
const PRIVATE_SEGMENT = 'private';
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Status = 400 | 401 | 403 | 404 | 429 | 503;
const STATUS_TEXT: Record<Status, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: Status): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export interface BoardEndpointDeps {
  store: Pick<Store, 'getSession'>;
  hooks: ServerHooks;
  rooms: RoomManager;
  runtimes: RuntimeRegistry;
  outbound: OutboundBudget;
  log: Logger;
  /** Whether a browser's `Origin` may open a board; a request without one is not a browser's. */
  originAllowed(req: IncomingMessage): boolean;
  /** The client's address, as the HTTP API reads it (behind a trusted proxy, the one it names). */
  addressOf(req: IncomingMessage): string;
}

/**
 * The board WebSockets: the shared board at /yjs/<sessionId>, and the token holder's private
 * board at /yjs/<sessionId>/private (the stock provider's room `<sessionId>/private`). The token travels in the WebSocket subprotocol header
 * (never in the URL, which proxies write to their logs); it is checked, the connection admitted by
 * the session runtime and the room loaded before the upgrade completes, so a refused socket never
 * sees a byte of the document and no room exists for a session nobody may open.
 */
export function attachBoardEndpoint(server: HttpServer, deps: BoardEndpointDeps) {
  const { store, hooks, rooms, runtimes, outbound, log } = deps;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.frameBytesMax,
    // Answer with the protocol name only: the token offered beside it never comes back.
    handleProtocols: (offered) => (offered.has(BOARD_SUBPROTOCOL) ? BOARD_SUBPROTOCOL : false),
  });
  let accepting = true;

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(BOARD_PATH_PREFIX)) {
      // Socket.io answers its own path; nothing else upgrades here.
      if (!path.startsWith('/socket.io/')) refuse(socket, 404);
      return;
    }
    socket.on('error', () => socket.destroy());
    if (!accepting) return refuse(socket, 503);
    // `/yjs/<sessionId>` is the shared board; `/yjs/<sessionId>/private` the token holder's own.
    const [sessionId = '', which, ...rest] = path.slice(BOARD_PATH_PREFIX.length).split('/');
    if (!SESSION_ID.test(sessionId) || rest.length > 0 || (which !== undefined && which !== PRIVATE_SEGMENT)) return refuse(socket, 400);
    if (!deps.originAllowed(req)) return refuse(socket, 403);
    try {
      const token = tokenFromSubprotocols(req.headers['sec-websocket-protocol']);
      const access = await authorize(hooks.authenticate, store, token, sessionId);
      if (!access.ok) return refuse(socket, 401);
      const { session, participant } = access;
      const runtime = await runtimes.get(session.id);
      runtime.know(participant);
      let conn: BoardConnection | null = null;
      const live: LiveConnection = {
        kind: 'board',
        participantId: participant.id,
        address: deps.addressOf(req),
        close: (code, reason) => conn?.close(code, reason),
        stateChanged: () => conn?.stateChanged(),
      };
      const info: ConnectionInfo = { kind: 'board', participant, session, runtime, address: live.address, live };
      const admitted = hooks.connect(info);
      if (!admitted.ok) {
        hooks.refused(info, 429, admitted.reason);
        return refuse(socket, 429);
      }
      let room;
      try {
        // Nobody opens another person's private board: the owner is whoever the token names.
        room = await rooms.acquire({ sessionId: session.id, owner: which === PRIVATE_SEGMENT ? participant.id : null }, session.template);
      } catch (err) {
        hooks.disconnect(info);
        throw err;
      }
      let upgraded = false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        upgraded = true;
        conn = new BoardConnection(ws, room, info, hooks, outbound, log.child({ sessionId: session.id }), () => {
          hooks.disconnect(info);
          rooms.releaseIfIdle(room);
        });
      });
      // The upgrade may have failed (the socket went away meanwhile): do not pin the room.
      if (!upgraded) hooks.disconnect(info);
      rooms.releaseIfIdle(room);
    } catch (err) {
      log.error({ err }, 'board upgrade failed');
      refuse(socket, 503);
    }
  };
  server.on('upgrade', (req, socket, head) => void onUpgrade(req, socket, head));

  return {
    socketCount: () => wss.clients.size,
    /** Refuses new sockets and closes open ones with a code that says "come back later". */
    close() {
      accepting = false;
      for (const ws of wss.clients) ws.close(CLOSE_CODES.serverShutdown, 'server shutting down');
      wss.close();
    },
  };
}
