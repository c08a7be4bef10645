import { useEffect, useState } from 'react';
import type { OutcomeRecord, SessionView, SnapshotSummary } from '@balcony/shared';
import { ApiError, getRecord, getSession, listSnapshots } from '../api/http';
import { apiFailureWords } from '../outcome/apiWords';

export type RecordLoad =
  | { kind: 'loading' }
  | { kind: 'problem'; message: string; unauthorized: boolean }
  /** The session has no snapshot yet to show. */
  | { kind: 'none'; view: SessionView }
  | { kind: 'ready'; view: SessionView; snapshots: SnapshotSummary[]; snapshot: SnapshotSummary; record: OutcomeRecord };

/**
 * The snapshot a record page shows: the one asked for, else the final one, else the latest
 * (a draft while the session runs).
 */
export function chooseSnapshot(snapshots: readonly SnapshotSummary[], wanted: string | null): SnapshotSummary | null {
  if (wanted) return snapshots.find((s) => s.snapshotId === wanted) ?? null;
  return snapshots.find((s) => s.final) ?? snapshots[snapshots.length - 1] ?? null;
}

export function useRecord(sessionId: string, token: string, wanted: string | null, reloads: number): RecordLoad {
  const [load, setLoad] = useState<RecordLoad>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    void (async () => {
      try {
        const [view, snapshots] = await Promise.all([getSession(sessionId, token), listSnapshots(sessionId, token)]);
        const snapshot = chooseSnapshot(snapshots, wanted);
        if (!snapshot) {
          if (wanted) throw new ApiError('not_found', 'There is no such snapshot.', 404);
          if (!cancelled) setLoad({ kind: 'none', view });
          return;
        }
        const record = await getRecord(snapshot.snapshotId, token);
        if (!cancelled) setLoad({ kind: 'ready', view, snapshots, snapshot, record });
      } catch (err) {
        if (cancelled) return;
        const unauthorized = err instanceof ApiError && err.code === 'unauthorized';
        setLoad({ kind: 'problem', message: apiFailureWords(err, 'The record could not be opened.'), unauthorized });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [sessionId, token, wanted, reloads]);
  return load;
}
