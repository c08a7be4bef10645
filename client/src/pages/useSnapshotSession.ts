import { useEffect, useState } from 'react';
import type { SnapshotSummary, Template } from '@balcony/shared';
import { ApiError, getSession, listSnapshots } from '../api/http';
import { getTeamView } from '../api/library';
import { apiFailureWords } from '../outcome/apiWords';
import type { SessionAccess } from '../library/access';

/** The page of one snapshot, opened read-only. */
export const snapshotPath = (sessionId: string, snapshotId: string) => `/s/${encodeURIComponent(sessionId)}/snapshots/${encodeURIComponent(snapshotId)}`;

/**
 * Why a snapshot cannot be shown: the token no longer opens the session (a revoked team link, a
 * place that is gone: 401), the snapshot or its session is gone (404), or anything else.
 */
export type SnapshotProblem = { kind: 'revoked' } | { kind: 'gone' } | { kind: 'other'; message: string };

export function snapshotProblem(err: unknown, what: string): SnapshotProblem {
  if (err instanceof ApiError && err.code === 'unauthorized') return { kind: 'revoked' };
  if (err instanceof ApiError && err.code === 'not_found') return { kind: 'gone' };
  return { kind: 'other', message: apiFailureWords(err, what) };
}

export interface SnapshotSession {
  title: string;
  template: Template;
  /** Oldest first, as the server lists them. */
  snapshots: SnapshotSummary[];
}

export type Loaded<T> = { kind: 'loading' } | { kind: 'problem'; problem: SnapshotProblem } | { kind: 'ready'; value: T };

/**
 * A session's title, template and snapshots, as whoever this browser is may read them: a member
 * from the session itself, a team link from what the link opens.
 */
export function useSnapshotSession(access: SessionAccess, reloads = 0): Loaded<SnapshotSession> {
  const [load, setLoad] = useState<Loaded<SnapshotSession>>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    void (async () => {
      try {
        let value: SnapshotSession;
        if (access.kind === 'team') {
          const team = await getTeamView(access.token);
          value = { title: team.title, template: team.template, snapshots: team.snapshots };
        } else {
          const [view, snapshots] = await Promise.all([getSession(access.sessionId, access.token), listSnapshots(access.sessionId, access.token)]);
          value = { title: view.title, template: view.template, snapshots };
        }
        if (!cancelled) setLoad({ kind: 'ready', value });
      } catch (err) {
        if (!cancelled) setLoad({ kind: 'problem', problem: snapshotProblem(err, 'The session could not be opened.') });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [access.kind, access.sessionId, access.token, reloads]);
  return load;
}
