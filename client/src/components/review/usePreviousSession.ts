import { useEffect, useState } from 'react';
import { getSession } from '../../api/http';
import { loadTeamLink } from '../../library/teamLinks';
import { loadSession } from '../../session/storage';

/** What this browser knows of a session an action was carried from, or a follow-up follows up. */
export interface KnownSession {
  sessionId: string;
  title: string;
  /** When it began, once the server has said; null until then or when it cannot be asked. */
  createdAt: number | null;
  /** Where its record opens from this browser: as one of its people, or through a team link. */
  recordPath: string;
}

/** Dates asked for once per page, however many actions came from the same session. */
const asked = new Map<string, Promise<number | null>>();

function startedAt(sessionId: string, token: string): Promise<number | null> {
  let found = asked.get(sessionId);
  if (!found) {
    // An erased session, or a token no longer valid, leaves the date out rather than failing.
    found = getSession(sessionId, token).then(
      (view) => view.createdAt,
      () => null,
    );
    asked.set(sessionId, found);
  }
  return found;
}

function knownHere(sessionId: string): KnownSession | null {
  const member = loadSession(sessionId);
  if (member) return { sessionId, title: member.title || 'Untitled session', createdAt: null, recordPath: `/s/${encodeURIComponent(sessionId)}/record` };
  const team = loadTeamLink(sessionId);
  if (team) return { sessionId, title: team.title || 'Untitled session', createdAt: null, recordPath: `/t/${encodeURIComponent(team.token)}` };
  return null;
}

/**
 * The session before, as far as this browser knows it: a facilitator who ran it has its title
 * and can open its record; someone who joined only the follow-up knows nothing of it (null).
 */
export function usePreviousSession(sessionId: string | null): KnownSession | null {
  const [known, setKnown] = useState<KnownSession | null>(() => (sessionId ? knownHere(sessionId) : null));
  useEffect(() => {
    const here = sessionId ? knownHere(sessionId) : null;
    setKnown(here);
    const token = sessionId ? loadSession(sessionId)?.token : undefined;
    if (!here || !sessionId || !token) return;
    let cancelled = false;
    void startedAt(sessionId, token).then((createdAt) => {
      if (!cancelled && createdAt !== null) setKnown({ ...here, createdAt });
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId]);
  return known;
}
