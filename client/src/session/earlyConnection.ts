import { SessionConnection } from './SessionConnection';

/** How long a connection opened ahead waits to be taken before it is closed. */
const UNCLAIMED_MS = 10_000;

let early: { sessionId: string; token: string; conn: SessionConnection; timer: ReturnType<typeof setTimeout> } | null = null;

/**
 * Opens a session's connection as soon as the server has let a person in, while the page moves
 * on to the board: the board's document then arrives while the board is still being drawn
 * rather than after. The board takes it with takeEarlyConnection; one nobody takes is closed.
 */
export function openConnectionEarly(sessionId: string, token: string): void {
  if (early) discard();
  const conn = new SessionConnection(sessionId, token);
  early = { sessionId, token, conn, timer: setTimeout(discard, UNCLAIMED_MS) };
}

/** The connection opened ahead for this session and token, if there is one; it is then the caller's. */
export function takeEarlyConnection(sessionId: string, token: string): SessionConnection | null {
  if (!early || early.sessionId !== sessionId || early.token !== token) return null;
  const { conn, timer } = early;
  clearTimeout(timer);
  early = null;
  return conn;
}

function discard(): void {
  if (!early) return;
  clearTimeout(early.timer);
  early.conn.destroy();
  early = null;
}
