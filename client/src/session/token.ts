import { loadSession } from './storage';

/** This browser's token for a session, for the HTTP calls the board makes beside its sockets. */
export function sessionToken(sessionId: string): string | null {
  return loadSession(sessionId)?.token ?? null;
}
