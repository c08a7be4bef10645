import { useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SnapshotSummary } from '@balcony/shared';
import { listSnapshots, takeSnapshot } from '../../api/http';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { sessionToken } from '../../session/token';
import { REASON_WORDS, dateTimeWords } from '../../outcome/words';
import { apiFailureWords } from '../../outcome/apiWords';

/**
 * The session's snapshots, newest first: when, why and in which phase each was taken, each
 * opening as a record. A phase change takes one by itself; "Take snapshot" takes one now.
 */
export function SnapshotsPanel() {
  const { conn, template } = useBoard();
  const state = useSessionState();
  const id = useId();
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; problem: boolean } | null>(null);
  const token = sessionToken(conn.sessionId);

  const refresh = useCallback(async () => {
    if (!token) return;
    try {
      setSnapshots(await listSnapshots(conn.sessionId, token));
    } catch (err) {
      setSaid({ text: apiFailureWords(err, 'The list of snapshots could not be read.'), problem: true });
    }
  }, [conn.sessionId, token]);

  // A new phase has usually taken a snapshot of the one before.
  useEffect(() => {
    void refresh();
  }, [refresh, state.phase.id, state.endedAt]);

  const take = async () => {
    if (!token) return;
    setBusy(true);
    try {
      const taken = await takeSnapshot(conn.sessionId, token);
      setSaid({ text: `Snapshot taken at ${dateTimeWords(taken.takenAt)}.`, problem: false });
      await refresh();
    } catch (err) {
      setSaid({ text: apiFailureWords(err, 'The snapshot was not taken.'), problem: true });
    } finally {
      setBusy(false);
    }
  };

  const phaseName = (phaseId: string) => template.phases.find((p) => p.id === phaseId)?.name ?? phaseId;
  const newestFirst = [...(snapshots ?? [])].reverse();

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.snapshots">
      <h3 id={`${id}-title`}>Snapshots</h3>
      <p className="hint">A snapshot keeps the board as it is, for the record. One is taken at each change of phase.</p>
      {snapshots === null ? (
        <p className="hint">Reading the snapshots…</p>
      ) : snapshots.length === 0 ? (
        <p className="hint" data-testid="console.snapshots.none">
          No snapshots yet.
        </p>
      ) : (
        <ul className="console-list snapshot-list">
          {newestFirst.map((s) => (
            <li key={s.snapshotId} className="snapshot-row" data-testid="console.snapshot" data-snapshot-id={s.snapshotId} data-reason={s.reason}>
              <span>
                <strong>{dateTimeWords(s.takenAt)}</strong>
                <span className="console-person-state">
                  {REASON_WORDS[s.reason]} · {phaseName(s.phaseId)}
                  {s.final && ' · final'}
                </span>
              </span>
              <Link className="button" to={`/s/${encodeURIComponent(conn.sessionId)}/record?snapshot=${encodeURIComponent(s.snapshotId)}`}>
                Open<span className="visually-hidden"> the snapshot of {dateTimeWords(s.takenAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className={said?.problem ? 'form-error' : 'hint'} role="status" data-testid="console.snapshots.status">
        {said?.text}
      </p>
      {state.endedAt === null && (
        <div className="console-buttons">
          <button type="button" className="button" data-testid="console.snapshots.take" disabled={busy} onClick={() => void take()}>
            {busy ? 'Taking a snapshot…' : 'Take snapshot'}
          </button>
        </div>
      )}
    </section>
  );
}
