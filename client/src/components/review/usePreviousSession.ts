import { useEffect, useState } from 'react';
import { getSession } from '../../api/http';
import { keptSession, type KeptSession } from '../../library/access';

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

function knownAs(kept: KeptSession): KnownSession {
  const { sessionId } = kept;
  const recordPath = kept.kind === 'member' ? `/s/${encodeURIComponent(sessionId)}/record` : `/t/${encodeURIComponent(kept.token)}`;
  return { sessionId, title: kept.title || 'Untitled session', createdAt: null, recordPath };
}

/**
 * The session before, as far as this browser knows it: a facilitator who ran it has its title
 * and can open its record; someone who joined only the follow-up knows nothing of it (null).
 */
export function usePreviousSession(sessionId: string | null): KnownSession | null {
  const [known, setKnown] = useState<KnownSession | null>(() => {
    const kept = sessionId ? keptSession(sessionId) : null;
    return kept ? knownAs(kept) : null;
  });
  useEffect(() => {
    const kept = sessionId ? keptSession(sessionId) : null;
    const here = kept ? knownAs(kept) : null;
    setKnown(here);
    // Only a member may ask the server about the session itself.
    if (!here || kept?.kind !== 'member') return;
    let cancelled = false;
    void startedAt(kept.sessionId, kept.token).then((createdAt) => {
      if (!cancelled && createdAt !== null) setKnown({ ...here, createdAt });
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId]);
  return known;
}
