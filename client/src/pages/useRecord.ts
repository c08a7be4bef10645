import { useEffect, useState } from 'react';
import type { OutcomeRecord, SnapshotSummary } from '@balcony/shared';
import { ApiError, getRecord, getSession, listSnapshots } from '../api/http';
import { apiFailureWords } from '../outcome/apiWords';
import type { SessionAccess } from '../library/access';

export type RecordLoad =
  | { kind: 'loading' }
  | { kind: 'problem'; message: string; unauthorized: boolean }
  /** The session has no snapshot yet to show; `facilitator` says whether this reader may take one. */
  | { kind: 'none'; facilitator: boolean }
  | { kind: 'ready'; snapshots: SnapshotSummary[]; snapshot: SnapshotSummary; record: OutcomeRecord };

/**
 * The snapshot a record page shows: the one asked for, else the final one, else the latest
 * (a draft while the session runs).
 */
export function chooseSnapshot(snapshots: readonly SnapshotSummary[], wanted: string | null): SnapshotSummary | null {
  if (wanted) return snapshots.find((s) => s.snapshotId === wanted) ?? null;
  return snapshots.find((s) => s.final) ?? snapshots[snapshots.length - 1] ?? null;
}

/**
 * Reads a session's snapshots and the record of one, as one of its people or through a team link,
 * which reads the snapshots alone (the session itself answers it 401).
 */
export function useRecord(access: SessionAccess, wanted: string | null, reloads: number): RecordLoad {
  const [load, setLoad] = useState<RecordLoad>({ kind: 'loading' });
  const { kind, sessionId, token } = access;
  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    void (async () => {
      try {
        const [role, snapshots] = await Promise.all([
          kind === 'member' ? getSession(sessionId, token).then((v) => v.role) : Promise.resolve(null),
          listSnapshots(sessionId, token),
        ]);
        const snapshot = chooseSnapshot(snapshots, wanted);
        if (!snapshot) {
          if (wanted) throw new ApiError('not_found', 'There is no such snapshot.', 404);
          if (!cancelled) setLoad({ kind: 'none', facilitator: role === 'facilitator' });
          return;
        }
        const record = await getRecord(snapshot.snapshotId, token);
        if (!cancelled) setLoad({ kind: 'ready', snapshots, snapshot, record });
      } catch (err) {
        if (cancelled) return;
        const unauthorized = err instanceof ApiError && err.code === 'unauthorized';
        setLoad({ kind: 'problem', message: apiFailureWords(err, 'The record could not be opened.'), unauthorized });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [kind, sessionId, token, wanted, reloads]);
  return load;
}
