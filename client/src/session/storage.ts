import type { Role, Template, TemplateId, VersionedSessionStateView } from '@balcony/shared';

/** What this browser keeps about a session it hosted or joined. */
export interface StoredSession {
  sessionId: string;
  token: string;
  participantId: string;
  role: Role;
  title: string;
  /**
   * The session's template, so that the board can open before the server answers: the session's
   * own copy once it has been read (a custom template has no id to look up), a built-in's id
   * right after hosting one. Unknown right after joining until the session is first read.
   * Read back through sessionTemplate.ts, which checks it.
   */
  template?: Template | TemplateId;
  /** The session's state as last heard, so that a reload or an offline start shows the phase. */
  lastState?: VersionedSessionStateView;
  /** Names of the people in the session as last seen, so that authors show while offline. */
  participants?: { participantId: string; name: string }[];
  /** Kept for the facilitator, who shows it to the group. */
  joinCode?: string;
  savedAt: number;
}

const PREFIX = 'balcony.session.';

function key(sessionId: string): string {
  return PREFIX + sessionId;
}

export function loadSession(sessionId: string): StoredSession | null {
  try {
    const raw = localStorage.getItem(key(sessionId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.token !== 'string' || typeof value.participantId !== 'string') return null;
    if (typeof value.role !== 'string') return null;
    return { ...value, sessionId } as StoredSession;
  } catch {
    // Private browsing or a corrupt entry: behave as if nothing was kept.
    return null;
  }
}

/** Every session this browser keeps, newest first. */
export function listStoredSessions(): StoredSession[] {
  const found: StoredSession[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const session = loadSession(k.slice(PREFIX.length));
      if (session) found.push(session);
    }
  } catch {
    /* storage blocked: nothing kept */
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

export function saveSession(session: StoredSession): void {
  try {
    localStorage.setItem(key(session.sessionId), JSON.stringify(session));
  } catch {
    /* storage full or blocked: the session still works until the tab closes */
  }
}

export function updateSession(sessionId: string, patch: Partial<Omit<StoredSession, 'sessionId'>>): void {
  const current = loadSession(sessionId);
  if (current) saveSession({ ...current, ...patch });
}

export function forgetSession(sessionId: string): void {
  try {
    localStorage.removeItem(key(sessionId));
  } catch {
    /* nothing to remove */
  }
}
