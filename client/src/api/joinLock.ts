import { useCallback, useEffect, useState } from 'react';
import { getSession, setJoinLock } from './http';

export interface JoinLockState {
  /** Whether joining by code is closed; null until the server has said. */
  locked: boolean | null;
  busy: boolean;
  /** The last change failed; the state shown is still the server's. */
  failed: boolean;
  setLocked: (locked: boolean) => Promise<void>;
}

/** The session's join state as the server has it, and the facilitator's way to change it. */
export function useJoinLock(sessionId: string, token: string | null): JoinLockState {
  const [locked, setLockedState] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    getSession(sessionId, token).then(
      (view) => {
        if (!cancelled) setLockedState(view.joinLocked);
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
        setLockedState((await setJoinLock(sessionId, token, next)).joinLocked);
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
