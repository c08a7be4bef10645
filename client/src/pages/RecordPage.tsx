import { useEffect, useMemo, useState } from 'react';
import type { RecordPhase, SnapshotSummary } from '@balcony/shared';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { loadSession } from '../session/storage';
import { accessFor, type SessionAccess } from '../library/access';
import { forgetTeamLink, loadTeamLink } from '../library/teamLinks';
import { takeSnapshot } from '../api/http';
import { apiFailureWords } from '../outcome/apiWords';
import { dateTimeWords, dayWords, REASON_WORDS } from '../outcome/words';
import { RecordSectionView } from '../components/record/RecordSectionView';
import { DownloadButtons } from '../components/record/DownloadButtons';
import { useDocumentTitle } from './useDocumentTitle';
import { useRecord, type RecordLoad } from './useRecord';
import '../styles/record.css';
import '../styles/library.css';

/**
 * The outcome record of a session as a page to read, print and download: the final snapshot
 * once the session has ended, else the latest one, labelled a draft. `?snapshot=` opens another.
 * One of the session's people opens it, or anyone with a team link to it, who reads only.
 */
export function RecordPage() {
  const { sessionId = '' } = useParams();
  const access = useMemo(() => accessFor(sessionId), [sessionId]);
  if (!access) {
    return (
      <main className="message-page">
        <h1>This device isn't part of this session</h1>
        <p>Only the people in a session, or those given a team link to it, can open its record. Open it on the device you joined with, or open the team link again.</p>
        <p>
          <Link className="button button-primary" to="/">
            Go to the start page
          </Link>
        </p>
      </main>
    );
  }
  const fallbackTitle = (access.kind === 'member' ? loadSession(sessionId)?.title : loadTeamLink(sessionId)?.title) ?? '';
  return <RecordOf key={sessionId} access={access} fallbackTitle={fallbackTitle} />;
}

function RecordOf({ access, fallbackTitle }: { access: SessionAccess; fallbackTitle: string }) {
  const { sessionId, token } = access;
  const [params] = useSearchParams();
  const [reloads, setReloads] = useState(0);
  const wanted = params.get('snapshot');
  const load = useRecord(access, wanted, reloads);
  const title = load.kind === 'ready' ? load.record.title : fallbackTitle || 'Session';
  useDocumentTitle(`Record: ${title}`);
  const team = access.kind === 'team';
  // A team link has no board to go back to: it came from the library or the team page.
  const back = team ? { to: '/library', words: 'Back to the library' } : { to: `/s/${encodeURIComponent(sessionId)}`, words: 'Back to the board' };
  const revoked = team && load.kind === 'problem' && load.unauthorized;
  useEffect(() => {
    if (revoked) forgetTeamLink(sessionId);
  }, [revoked, sessionId]);

  if (load.kind === 'loading') {
    return (
      <main className="message-page" aria-busy="true">
        <h1>Opening the record…</h1>
      </main>
    );
  }
  if (load.kind === 'problem') {
    const away = load.unauthorized && !team ? { to: '/', words: 'Go to the start page' } : back;
    return (
      <main className="message-page" role="alert">
        <h1>The record could not be opened</h1>
        <p data-testid="record.problem">
          {revoked ? 'This team link no longer works: its facilitator revoked it, or the session was deleted.' : load.message}
        </p>
        <p>
          <Link className="button button-primary" to={away.to}>
            {away.words}
          </Link>
        </p>
      </main>
    );
  }
  if (load.kind === 'none') {
    return <NoSnapshotYet load={load} sessionId={sessionId} token={token} back={back} onTaken={() => setReloads((n) => n + 1)} />;
  }

  const { record, snapshot, snapshots } = load;
  const draft = !snapshot.final;
  // A summary section gives the date and template itself, just below; said twice, they read as a slip.
  const hasSummary = record.sections.some((s) => s.kind === 'summary');
  return (
    <div className="record-page">
      <nav className="record-nav" aria-label="Record">
        <Link className="button" to={back.to} data-testid="record.back">
          {back.words}
        </Link>
      </nav>
      <main className="record-main" data-testid="record.page" data-snapshot-id={snapshot.snapshotId} data-final={snapshot.final}>
        <header className="record-head">
          <p className={`record-label${draft ? ' is-draft' : ''}`} data-testid="record.label">
            {draft ? 'Draft — the session was still running when this snapshot was taken' : 'Final record'}
          </p>
          {team && (
            <p className="team-readonly" data-testid="record.readOnly">
              Read only, through a team link.
            </p>
          )}
          <h1 data-testid="record.title">{record.title}</h1>
          <dl className="record-facts">
            {!hasSummary && (
              <>
                <div>
                  <dt>Date</dt>
                  <dd>{dayWords(record.date)}</dd>
                </div>
                <div>
                  <dt>Template</dt>
                  <dd>{record.template.name}</dd>
                </div>
              </>
            )}
            <div>
              <dt>Snapshot</dt>
              <dd>
                {dateTimeWords(record.takenAt)} · {REASON_WORDS[snapshot.reason]} · in {record.phase.name}
              </dd>
            </div>
          </dl>
        </header>
        {record.sections.map((s) => (
          <RecordSectionView key={s.id} section={s} record={record} />
        ))}
        <DownloadButtons snapshotId={snapshot.snapshotId} token={token} title={record.title} />
        {snapshots.length > 1 && <OtherSnapshots sessionId={sessionId} snapshots={snapshots} current={snapshot.snapshotId} phases={record.phases} />}
      </main>
    </div>
  );
}

interface SnapshotsProps {
  sessionId: string;
  snapshots: readonly SnapshotSummary[];
  current: string;
  phases: readonly RecordPhase[];
}

/**
 * Every snapshot of the session, newest first, the one shown among them. Each names its phase:
 * snapshots taken in the same minute would otherwise read alike.
 */
function OtherSnapshots({ sessionId, snapshots, current, phases }: SnapshotsProps) {
  const phaseName = (phaseId: string) => phases.find((p) => p.id === phaseId)?.name ?? phaseId;
  const words = (s: SnapshotSummary) => `${dateTimeWords(s.takenAt)} · ${REASON_WORDS[s.reason]} · ${phaseName(s.phaseId)}`;
  return (
    <section className="record-others" aria-labelledby="record-others-title">
      <h2 id="record-others-title">All snapshots</h2>
      <ul className="record-plain">
        {[...snapshots].reverse().map((s) => (
          <li key={s.snapshotId}>
            {s.snapshotId === current ? (
              <span aria-current="page">{words(s)} (shown)</span>
            ) : (
              <Link to={`/s/${encodeURIComponent(sessionId)}/record?snapshot=${encodeURIComponent(s.snapshotId)}`}>
                {words(s)}
                {s.final && ' · final'}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface NoSnapshotProps {
  load: Extract<RecordLoad, { kind: 'none' }>;
  sessionId: string;
  token: string;
  back: { to: string; words: string };
  onTaken: () => void;
}

function NoSnapshotYet({ load, sessionId, token, back, onTaken }: NoSnapshotProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const { facilitator } = load;
  return (
    <main className="message-page">
      <h1>No record yet</h1>
      <p>A record is made from a snapshot of the board. The first is taken when the session moves to its next phase{facilitator ? ', or when you take one' : ''}.</p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <p className="record-buttons">
        {facilitator && (
          <button
            type="button"
            className="button button-primary"
            data-testid="record.takeSnapshot"
            onClick={async () => {
              try {
                await takeSnapshot(sessionId, token);
                onTaken();
              } catch (err) {
                setProblem(apiFailureWords(err, 'The snapshot was not taken.'));
              }
            }}
          >
            Take a snapshot now
          </button>
        )}
        <Link className="button" to={back.to}>
          {back.words}
        </Link>
      </p>
    </main>
  );
}
