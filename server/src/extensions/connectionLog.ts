import type { Logger } from 'pino';
import type { Extension } from './types.js';

/** One log line when a socket opens or closes, and one for anything the server refuses. */
export function connectionLog(log: Logger): Extension {
  const fields = (conn: Parameters<NonNullable<Extension['onRefused']>>[0]) => ({
    kind: conn.kind,
    sessionId: conn.session.id,
    participantId: conn.participant.id,
  });
  return {
    name: 'connection-log',
    onConnect(conn) {
      log.debug(fields(conn), 'connection opened');
      return { ok: true };
    },
    onDisconnect: (conn) => log.debug(fields(conn), 'connection closed'),
    onRefused: (conn, code, reason) => log.warn({ ...fields(conn), code, reason }, 'refused'),
  };
}
