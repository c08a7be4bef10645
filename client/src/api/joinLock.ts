import { useCallback, useEffect, useState } from 'react';
import type { VersionedSessionStateView } from '@balcony/shared';
import { getSession, setJoinLock } from './http';

export interface JoinLockState {
  /** Whether joining by code is closed; null until the server has said. */
  locked: boolean | null;
  busy: boolean;
  /** The last change failed; the state shown is still the server's. */
  failed: boolean;
  setLocked: (locked: boolean) => Promise<void>;
}

/**
 * The session's join state as the server has it, and the facilitator's way to change it. `live`
 * is the state the control socket keeps current, so a change made in another tab or by another
 * facilitator shows here too; the HTTP answers cover the time before the socket has said.
 */
export function useJoinLock(sessionId: string, token: string | null, live: VersionedSessionStateView | null = null): JoinLockState {
  // What the HTTP API last said, with the state's version (0: the first read, which has none).
  const [answered, setAnswered] = useState<{ version: number; locked: boolean } | null>(null);
  // Whichever of the two is newer is the state.
  const locked = live && (!answered || live.version >= answered.version) ? live.state.joinLocked : (answered?.locked ?? null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    getSession(sessionId, token).then(
      (view) => {
        if (!cancelled) setAnswered({ version: 0, locked: view.joinLocked });
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, token]);

  const setLocked = useCallback(
    async (next: boolean) => {
      if (!token || busy) return;
      setBusy(true);
      setFailed(false);
      try {
        const now = await setJoinLock(sessionId, token, next);
        setAnswered({ version: now.version, locked: now.joinLocked });
      } catch {
        setFailed(true);
      } finally {
        setBusy(false);
      }
    },
    [sessionId, token, busy],
  );

  return { locked, busy, failed, setLocked };
}
