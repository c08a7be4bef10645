import { useEffect, useState } from 'react';
import type { OutcomeRecord, RecordPhase, SnapshotSummary } from '@balcony/shared';
import { ApiError, getRecord, listSnapshots } from '../../api/http';
import { accessFor, keptSessions, type SessionAccess, type SnapshotRef } from '../../library/access';
import { apiFailureWords } from '../../outcome/apiWords';

/** A session this browser may read: one it hosted or joined, or one a team link opened. */
export interface KnownSession {
  sessionId: string;
  title: string;
  access: SessionAccess;
}

/** Every session this browser keeps a way into, each once (a member's place wins). */
export function knownSessions(): KnownSession[] {
  return keptSessions().map((k) => ({ sessionId: k.sessionId, title: k.title, access: k }));
}

/** Why a session or snapshot could not be read, in words that say what to do. */
export function readFailureWords(err: unknown, access: SessionAccess): string {
  if (err instanceof ApiError && err.code === 'unauthorized') {
    return access.kind === 'team'
      ? 'The team link to this session no longer works: it may have been revoked, or the session deleted. Ask your facilitator for a new link.'
      : "This device's place in this session is no longer valid: the session may have been deleted.";
  }
  if (err instanceof ApiError && err.code === 'not_found') return 'That snapshot is not on the server: it may have been deleted with its session.';
  return apiFailureWords(err, 'The snapshot could not be read.');
}

/**
 * Records by snapshot id, each fetched once: the pickers read one per session to learn its
 * template, and the comparison reads the two chosen, often the same ones.
 */
export type ReadRecord = (snapshotId: string, token: string) => Promise<OutcomeRecord>;

export function useRecordCache(): ReadRecord {
  const [read] = useState<ReadRecord>(() => {
    const cache = new Map<string, Promise<OutcomeRecord>>();
    return (snapshotId: string, token: string) => {
      let p = cache.get(snapshotId);
      if (!p) {
        p = getRecord(snapshotId, token);
        // A failure is not kept: trying again may work.
        p.catch(() => cache.delete(snapshotId));
        cache.set(snapshotId, p);
      }
      return p;
    };
  });
  return read;
}

export type CatalogEntry = KnownSession &
  (
    | { kind: 'loading' }
    | { kind: 'problem'; message: string }
    /** `template` is null for a session with no snapshot yet. */
    | { kind: 'ready'; snapshots: SnapshotSummary[]; template: { id: string; name: string } | null; phases: RecordPhase[]; recordTitle: string }
  );

const CATALOG_READERS = 3;

/**
 * The snapshots of every session this browser knows, with each session's template (read from
 * its latest record), so that the pickers offer only snapshots that can be compared.
 */
export function useSnapshotCatalog(readRecord: ReadRecord): CatalogEntry[] {
  const [entries, setEntries] = useState<CatalogEntry[]>(() => knownSessions().map((s) => ({ ...s, kind: 'loading' })));
  useEffect(() => {
    let cancelled = false;
    const sessions = knownSessions();
    const put = (entry: CatalogEntry) => {
      if (!cancelled) setEntries((all) => all.map((e) => (e.sessionId === entry.sessionId ? entry : e)));
    };
    const readOne = async (s: KnownSession) => {
      try {
        const snapshots = await listSnapshots(s.sessionId, s.access.token);
        const latest = snapshots.at(-1);
        const record = latest ? await readRecord(latest.snapshotId, s.access.token) : null;
        put({ ...s, kind: 'ready', snapshots, template: record?.template ?? null, phases: record?.phases ?? [], recordTitle: record?.title ?? s.title });
      } catch (err) {
        put({ ...s, kind: 'problem', message: readFailureWords(err, s.access) });
      }
    };
    // A few at a time: a browser that kept many sessions should not spend the office's request allowance in one burst.
    const queue = [...sessions];
    const worker = async () => {
      for (let s = queue.shift(); s && !cancelled; s = queue.shift()) await readOne(s);
    };
    for (let i = 0; i < Math.min(CATALOG_READERS, queue.length); i++) void worker();
    return () => {
      cancelled = true;
    };
  }, [readRecord]);
  return entries;
}

export type SideLoad =
  | { kind: 'none' }
  | { kind: 'loading'; ref: SnapshotRef }
  | { kind: 'problem'; ref: SnapshotRef | null; message: string }
  | { kind: 'ready'; ref: SnapshotRef; record: OutcomeRecord };

/** One chosen snapshot's record, or why it cannot be read. */
export function useSide(raw: string | null, ref: SnapshotRef | null, readRecord: ReadRecord): SideLoad {
  const [load, setLoad] = useState<SideLoad>({ kind: 'none' });
  const sessionId = ref?.sessionId;
  const snapshotId = ref?.snapshotId;
  useEffect(() => {
    if (raw === null || raw === '') return setLoad({ kind: 'none' });
    if (!sessionId || !snapshotId) return setLoad({ kind: 'problem', ref: null, message: "The address doesn't name a snapshot. Choose one below." });
    const at = { sessionId, snapshotId };
    const access = accessFor(sessionId);
    if (!access) {
      return setLoad({
        kind: 'problem',
        ref: at,
        message: 'This browser has no way into that session. Open it on the device you joined it with, or through the team link your facilitator gave you.',
      });
    }
    let cancelled = false;
    setLoad({ kind: 'loading', ref: at });
    readRecord(snapshotId, access.token)
      .then((record) => {
        if (cancelled) return;
        // A snapshot id under another session's name answers as that session's, or not at all.
        if (record.sessionId !== sessionId) setLoad({ kind: 'problem', ref: at, message: 'That snapshot is not on the server: it may have been deleted with its session.' });
        else setLoad({ kind: 'ready', ref: at, record });
      })
      .catch((err: unknown) => {
        if (!cancelled) setLoad({ kind: 'problem', ref: at, message: readFailureWords(err, access) });
      });
    return () => {
      cancelled = true;
    };
  }, [raw, sessionId, snapshotId, readRecord]);
  return load;
}
