import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SnapshotSummary, TeamView } from '@balcony/shared';
import { ApiError } from '../api/http';
import { getTeamView } from '../api/library';
import { apiFailureWords } from '../outcome/apiWords';
import { dateTimeWords, dateWords, REASON_WORDS } from '../outcome/words';
import { forgetTeamLink, listTeamLinks, loadTeamLink, saveTeamLink } from '../library/teamLinks';
import { openActionsWords } from '../library/entries';
import { BoardThumbnail } from '../components/library/BoardThumbnail';
import { useDocumentTitle } from './useDocumentTitle';
import '../styles/library.css';

type TeamLoad = { kind: 'loading' } | { kind: 'ready'; view: TeamView } | { kind: 'revoked' } | { kind: 'problem'; message: string };

/** A team link that no longer works is forgotten here too, so that the library does not keep offering it. */
function forgetLinkWithToken(token: string): void {
  for (const link of listTeamLinks()) if (link.token === token) forgetTeamLink(link.sessionId);
}

/**
 * What a team link (`/t/<token>`) opens: one session's outcome, its snapshots and record, read
 * only. The link is kept in this browser so that the library lists it.
 */
export function TeamPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<TeamLoad>({ kind: 'loading' });
  const [tries, setTries] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    void (async () => {
      try {
        const view = await getTeamView(token);
        if (cancelled) return;
        saveTeamLink({ token, sessionId: view.sessionId, title: view.title, label: view.label, savedAt: loadTeamLink(view.sessionId)?.savedAt ?? Date.now() });
        setLoad({ kind: 'ready', view });
      } catch (err) {
        if (cancelled) return;
        if (err instanceof ApiError && err.code === 'unauthorized') {
          forgetLinkWithToken(token);
          setLoad({ kind: 'revoked' });
        } else setLoad({ kind: 'problem', message: apiFailureWords(err, 'The team link could not be opened.') });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [token, tries]);

  useDocumentTitle(load.kind === 'ready' ? `Team link: ${load.view.title}` : 'Team link');

  if (load.kind === 'loading') {
    return (
      <main className="message-page" aria-busy="true">
        <h1>Opening the team link…</h1>
      </main>
    );
  }
  if (load.kind === 'revoked') {
    return (
      <main className="message-page" data-testid="team.revoked">
        <h1>This team link no longer works</h1>
        <p>Its facilitator revoked it, or the session was deleted. Ask the facilitator for a new link if you still need the record.</p>
        <p>
          <Link className="button button-primary" to="/library">
            Go to the library
          </Link>
        </p>
      </main>
    );
  }
  if (load.kind === 'problem') {
    return (
      <main className="message-page" role="alert">
        <h1>The team link could not be opened</h1>
        <p data-testid="team.problem">{load.message}</p>
        <p>
          <button type="button" className="button button-primary" onClick={() => setTries((n) => n + 1)}>
            Try again
          </button>
        </p>
      </main>
    );
  }
  return <TeamSession view={load.view} token={token} />;
}

/** The final snapshot first, then the others newest first. */
function snapshotOrder(snapshots: readonly SnapshotSummary[]): SnapshotSummary[] {
  return [...snapshots].reverse().sort((a, b) => Number(b.final) - Number(a.final));
}

function TeamSession({ view, token }: { view: TeamView; token: string }) {
  const base = `/s/${encodeURIComponent(view.sessionId)}`;
  const phaseName = (id: string) => view.template.phases.find((p) => p.id === id)?.name ?? id;
  const snapshots = snapshotOrder(view.snapshots);
  return (
    <div className="team-page" data-testid="team.page" data-session-id={view.sessionId}>
      <nav aria-label="Balcony" className="library-home">
        <Link to="/library">Library</Link>
      </nav>
      <main>
        <header className="team-head">
          <p className="library-access">Team link{view.label ? ` · for ${view.label}` : ''}</p>
          <h1 data-testid="team.title" dir="auto">
            {view.title}
          </h1>
          <p className="team-readonly" data-testid="team.readOnly">
            Read only. This link opens the session’s snapshots and its record, and nothing else: you cannot write on the board or
            join the session with it, and nothing you do here changes it.
          </p>
          <dl className="library-facts">
            <div>
              <dt>Template</dt>
              <dd data-testid="team.template">{view.template.name}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{dateWords(view.createdAt)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd data-testid="team.status">{view.endedAt === null ? 'Still running' : `Ended ${dateWords(view.endedAt)}`}</dd>
            </div>
            <div>
              <dt>Actions</dt>
              <dd data-testid="team.actions">{openActionsWords(view.openActions)}</dd>
            </div>
          </dl>
          {snapshots[0] && (
            <div className="team-picture">
              <BoardThumbnail snapshot={snapshots[0]} token={token} template={view.template} title={view.title} />
            </div>
          )}
          {snapshots.length > 0 && (
            <p className="library-actions">
              <Link className="button button-primary" to={`${base}/record`} data-testid="team.record">
                Read the record
              </Link>
              <Link className="button" to={`${base}/present`} data-testid="team.present">
                Present
              </Link>
            </p>
          )}
        </header>
        <section className="team-section" aria-labelledby="team-snapshots-title">
          <h2 id="team-snapshots-title">Snapshots</h2>
          {snapshots.length === 0 ? (
            <p data-testid="team.noSnapshots">No snapshots yet. The first is taken when the session moves on to its next phase.</p>
          ) : (
            <ol className="team-snapshots">
              {snapshots.map((s) => (
                <li key={s.snapshotId} className="team-snapshot" data-testid="team.snapshot" data-final={s.final}>
                  <span className="team-snapshot-words">
                    {s.final && <strong>Final · </strong>}
                    {dateTimeWords(s.takenAt)} · {REASON_WORDS[s.reason]} · {phaseName(s.phaseId)}
                  </span>
                  <Link className="button" to={`${base}/snapshots/${encodeURIComponent(s.snapshotId)}`} data-testid="team.snapshot.view">
                    View the board<span className="visually-hidden"> as at {dateTimeWords(s.takenAt)}</span>
                  </Link>
                  <Link className="button" to={`${base}/record?snapshot=${encodeURIComponent(s.snapshotId)}`} data-testid="team.snapshot.record">
                    Record<span className="visually-hidden"> as at {dateTimeWords(s.takenAt)}</span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </section>
      </main>
    </div>
  );
}
