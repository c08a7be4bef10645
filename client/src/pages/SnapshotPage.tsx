import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { SnapshotBoard, SnapshotSummary, Template } from '@balcony/shared';
import { accessFor, formatSnapshotRef, type SessionAccess } from '../library/access';
import { getSnapshotBoard } from '../api/snapshots';
import { BoardContext, NamesContext, type BoardContextValue } from '../board/BoardContext';
import { ReadOnlyBoard, snapshotContext, snapshotNames } from '../board/readOnlyBoard';
import { useUi } from '../state/ui';
import { dateTimeWords, REASON_WORDS } from '../outcome/words';
import { BoardViewport } from '../components/board/BoardViewport';
import { FrameTabs } from '../components/board/FrameTabs';
import { VoteResults } from '../components/board/VoteResults';
import { LiveRegion } from '../components/board/LiveRegion';
import { NoSnapshotAccess, SnapshotProblemMessage } from '../components/snapshot/SnapshotMessages';
import { useDocumentTitle } from './useDocumentTitle';
import { snapshotPath, snapshotProblem, useSnapshotSession, type Loaded } from './useSnapshotSession';
import '../styles/vote.css';
import '../styles/snapshot.css';

/**
 * One snapshot of a session, opened read-only exactly as it was, on the board's own components:
 * its frames, the cultural web's shape, themes, stars and vote results, with a timeline of the
 * session's snapshots to step through. Members and team links alike may open it.
 */
export function SnapshotPage() {
  const { sessionId = '', snapshotId = '' } = useParams();
  const access = useMemo(() => accessFor(sessionId), [sessionId]);
  if (!access) return <NoSnapshotAccess />;
  return <SnapshotOf key={sessionId} access={access} snapshotId={snapshotId} />;
}

function useSnapshotBoard(snapshotId: string, token: string, reloads: number): Loaded<SnapshotBoard> & { snapshotId: string } {
  const [load, setLoad] = useState<Loaded<SnapshotBoard> & { snapshotId: string }>({ kind: 'loading', snapshotId });
  useEffect(() => {
    let cancelled = false;
    setLoad({ kind: 'loading', snapshotId });
    getSnapshotBoard(snapshotId, token).then(
      (value) => !cancelled && setLoad({ kind: 'ready', value, snapshotId }),
      (err: unknown) => !cancelled && setLoad({ kind: 'problem', problem: snapshotProblem(err, 'The snapshot could not be opened.'), snapshotId }),
    );
    return () => {
      cancelled = true;
    };
  }, [snapshotId, token, reloads]);
  // What was loaded for another snapshot is not this one's.
  return load.snapshotId === snapshotId ? load : { kind: 'loading', snapshotId };
}

function SnapshotOf({ access, snapshotId }: { access: SessionAccess; snapshotId: string }) {
  const [reloads, setReloads] = useState(0);
  const session = useSnapshotSession(access, reloads);
  const board = useSnapshotBoard(snapshotId, access.token, reloads);
  const title = session.kind === 'ready' ? session.value.title : null;
  useDocumentTitle(title ? `Snapshot: ${title}` : 'Snapshot');

  // Selection, the frame chosen and results put away belong to the snapshot they were made on.
  useEffect(() => {
    useUi.getState().reset();
    return () => useUi.getState().reset();
  }, [snapshotId]);

  const retry = () => setReloads((n) => n + 1);
  if (session.kind === 'problem') return <SnapshotProblemMessage problem={session.problem} access={access} onRetry={retry} />;
  if (board.kind === 'problem' && board.problem.kind !== 'other') return <SnapshotProblemMessage problem={board.problem} access={access} />;
  if (session.kind === 'loading') {
    return (
      <main className="message-page" aria-busy="true">
        <h1>Opening the snapshot…</h1>
      </main>
    );
  }

  const { template, snapshots } = session.value;
  const index = snapshots.findIndex((s) => s.snapshotId === snapshotId);
  const summary = snapshots[index];
  if (!summary) return <SnapshotProblemMessage problem={{ kind: 'gone' }} access={access} />;
  const previous = index > 0 ? snapshots[index - 1] : undefined;

  return (
    <div className="board-page snapshot-page" data-testid="snapshot.page" data-snapshot-id={snapshotId}>
      <SnapshotHeader sessionId={access.sessionId} title={session.value.title} template={template} summary={summary} previous={previous} />
      <div className="snapshot-body">
        <Timeline sessionId={access.sessionId} template={template} snapshots={snapshots} current={index} />
        <main className="board-main snapshot-main" aria-label="Board as it was">
          {board.kind === 'ready' ? (
            <SnapshotBoardView sessionId={access.sessionId} template={template} snapshot={board.value} />
          ) : board.kind === 'problem' ? (
            <div className="snapshot-board-message" role="alert">
              <p>{board.problem.kind === 'other' ? board.problem.message : ''}</p>
              <button type="button" className="button button-primary" onClick={retry}>
                Try again
              </button>
            </div>
          ) : (
            <p className="snapshot-board-message" aria-busy="true">
              Opening the board…
            </p>
          )}
        </main>
      </div>
    </div>
  );
}

/** When a snapshot was taken, to the second where another was taken in the same minute. */
function takenWords(s: SnapshotSummary, all: readonly SnapshotSummary[]): string {
  const words = dateTimeWords(s.takenAt);
  if (!all.some((o) => o !== s && dateTimeWords(o.takenAt) === words)) return words;
  return `${words}:${String(new Date(s.takenAt).getSeconds()).padStart(2, '0')}`;
}

function phaseName(template: Template, phaseId: string): string {
  return template.phases.find((p) => p.id === phaseId)?.name ?? phaseId;
}

function SnapshotHeader({
  sessionId,
  title,
  template,
  summary,
  previous,
}: {
  sessionId: string;
  title: string;
  template: Template;
  summary: SnapshotSummary;
  previous: SnapshotSummary | undefined;
}) {
  const sid = encodeURIComponent(sessionId);
  const snap = encodeURIComponent(summary.snapshotId);
  return (
    <header className="snapshot-head">
      <div className="snapshot-head-text">
        <p className="snapshot-kicker">Snapshot · read only</p>
        <h1 data-testid="snapshot.title">{title}</h1>
        <dl className="snapshot-facts" data-testid="snapshot.facts">
          <div>
            <dt>Taken</dt>
            <dd>{dateTimeWords(summary.takenAt)}</dd>
          </div>
          <div>
            <dt>Why</dt>
            <dd>{REASON_WORDS[summary.reason]}</dd>
          </div>
          <div>
            <dt>Phase</dt>
            <dd>{phaseName(template, summary.phaseId)}</dd>
          </div>
          <div>
            <dt>Record</dt>
            <dd data-testid="snapshot.final" data-final={summary.final}>
              {summary.final ? 'Final: the session had ended' : 'Not final: the session went on'}
            </dd>
          </div>
        </dl>
      </div>
      <nav className="snapshot-links" aria-label="This snapshot">
        <Link className="button" to={`/s/${sid}/record?snapshot=${snap}`} data-testid="snapshot.record">
          Record
        </Link>
        <Link className="button button-primary" to={`/s/${sid}/present?snapshot=${snap}`} data-testid="snapshot.present">
          Present
        </Link>
        {previous && (
          <Link
            className="button"
            data-testid="snapshot.compare"
            to={`/compare?a=${encodeURIComponent(formatSnapshotRef({ sessionId, snapshotId: previous.snapshotId }))}&b=${encodeURIComponent(formatSnapshotRef({ sessionId, snapshotId: summary.snapshotId }))}`}
          >
            Compare with the previous snapshot
          </Link>
        )}
        <Link className="button" to="/library" data-testid="snapshot.library">
          Back to the library
        </Link>
      </nav>
    </header>
  );
}

/**
 * The session's snapshots in the order they were taken, the one shown marked; each opens at its
 * own address, so that Back steps back through them too. The arrow keys move between them.
 */
function Timeline({ sessionId, template, snapshots, current }: { sessionId: string; template: Template; snapshots: SnapshotSummary[]; current: number }) {
  const navigate = useNavigate();
  const listRef = useRef<HTMLOListElement>(null);
  const go = (i: number) => {
    const s = snapshots[i];
    if (s) void navigate(snapshotPath(sessionId, s.snapshotId));
  };
  const prev = current > 0 ? current - 1 : null;
  const next = current < snapshots.length - 1 ? current + 1 : null;

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const to =
      e.key === 'ArrowDown' || e.key === 'ArrowRight' ? Math.min(at + 1, links.length - 1)
      : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? Math.max(at - 1, 0)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? links.length - 1
      : null;
    if (to === null) return;
    e.preventDefault();
    links[to]?.focus();
  };

  return (
    <nav className="snapshot-timeline" aria-labelledby="snapshot-timeline-title" data-testid="snapshot.timeline">
      <h2 id="snapshot-timeline-title">Snapshots of this session</h2>
      <p className="hint" id="snapshot-timeline-hint">
        {snapshots.length === 1 ? 'The only snapshot so far.' : `${current + 1} of ${snapshots.length}, oldest first.`}
      </p>
      <div className="snapshot-steps">
        {/* aria-disabled rather than disabled, so that focus stays put at either end. */}
        <button
          type="button"
          className="button"
          data-testid="snapshot.previous"
          aria-disabled={prev === null}
          onClick={() => prev !== null && go(prev)}
        >
          <span aria-hidden="true">←</span> Previous
        </button>
        <button type="button" className="button" data-testid="snapshot.next" aria-disabled={next === null} onClick={() => next !== null && go(next)}>
          Next <span aria-hidden="true">→</span>
        </button>
      </div>
      <ol className="snapshot-list" ref={listRef} onKeyDown={onKeyDown} aria-describedby="snapshot-timeline-hint">
        {snapshots.map((s, i) => (
          <li key={s.snapshotId} className={i === current ? 'is-current' : undefined}>
            <Link
              to={snapshotPath(sessionId, s.snapshotId)}
              aria-current={i === current ? 'page' : undefined}
              data-testid="snapshot.timeline.item"
              data-snapshot-id={s.snapshotId}
            >
              <span className="snapshot-item-time">{takenWords(s, snapshots)}</span>
              <span className="snapshot-item-what">
                {REASON_WORDS[s.reason]} · {phaseName(template, s.phaseId)}
                {s.final && <strong className="snapshot-item-final"> · Final</strong>}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The snapshot's board, drawn by the live board's components with writing refused. */
function SnapshotBoardView({ sessionId, template, snapshot }: { sessionId: string; template: Template; snapshot: SnapshotBoard }) {
  const names = useMemo(() => snapshotNames(snapshot.participants), [snapshot.participants]);
  const [ctx, setCtx] = useState<BoardContextValue | null>(null);
  useEffect(() => {
    const board = new ReadOnlyBoard(sessionId, snapshot);
    const made = snapshotContext(board, template, names);
    setCtx(made.value);
    return () => {
      setCtx(null);
      made.destroy();
      board.destroy();
    };
  }, [sessionId, template, snapshot, names]);
  if (!ctx) return null;
  return (
    <BoardContext.Provider value={ctx}>
      <NamesContext.Provider value={names}>
        <VoteResults />
        <div className="board-stage" data-testid="snapshot.board">
          <FrameTabs />
          <BoardViewport />
        </div>
        <LiveRegion />
      </NamesContext.Provider>
    </BoardContext.Provider>
  );
}
