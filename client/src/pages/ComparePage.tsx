import { useMemo } from 'react';
import { compareRecords } from '@balcony/shared';
import { Link, useSearchParams } from 'react-router-dom';
import { parseSnapshotRef } from '../library/access';
import { SnapshotPicker } from '../components/compare/SnapshotPicker';
import { ComparisonView } from '../components/compare/ComparisonView';
import { useRecordCache, useSide, useSnapshotCatalog, type CatalogEntry, type SideLoad } from '../components/compare/sources';
import { useDocumentTitle } from './useDocumentTitle';
import '../styles/record.css';
import '../styles/compare.css';

function templateOf(side: SideLoad, catalog: readonly CatalogEntry[], raw: string): string | null {
  if (side.kind === 'ready') return side.record.template.id;
  const ref = parseSnapshotRef(raw);
  const entry = ref && catalog.find((e) => e.sessionId === ref.sessionId);
  return entry?.kind === 'ready' ? (entry.template?.id ?? null) : null;
}

/** What the pickers can offer, while they are read and when there is nothing to offer. */
function catalogWords(catalog: readonly CatalogEntry[]): string {
  const loading = catalog.filter((e) => e.kind === 'loading').length;
  if (loading > 0) return `Reading the snapshots of ${loading === 1 ? 'a session' : `${loading} sessions`}…`;
  if (catalog.length === 0) return 'This browser knows no session yet: the sessions you host or join, and the team links you open, are offered here.';
  const ready = catalog.filter((e) => e.kind === 'ready');
  if (ready.length > 0 && ready.every((e) => e.snapshots.length === 0)) return 'No session this browser knows has a snapshot yet. One is taken at each change of phase.';
  return '';
}

function SideProblem({ which, side }: { which: string; side: SideLoad }) {
  if (side.kind !== 'problem') return null;
  return (
    <p className="form-error" role="alert" data-testid={`compare.problem.${which}`}>
      {which === 'a' ? 'The snapshot before' : 'The snapshot after'} could not be opened. {side.message}
    </p>
  );
}

/**
 * Two snapshots side by side, at `/compare?a=<session>.<snapshot>&b=<session>.<snapshot>`: of one
 * session, or of two sessions of one template (a follow-up and the session before, this year's
 * web and last year's). Either snapshot is chosen from those of the sessions this browser may
 * read, as a member or through a team link; the choice is kept in the address, so it can be
 * bookmarked or shared with someone who has the same access.
 */
export function ComparePage() {
  const [params, setParams] = useSearchParams();
  const rawA = params.get('a') ?? '';
  const rawB = params.get('b') ?? '';
  const refA = useMemo(() => parseSnapshotRef(rawA), [rawA]);
  const refB = useMemo(() => parseSnapshotRef(rawB), [rawB]);
  const readRecord = useRecordCache();
  const catalog = useSnapshotCatalog(readRecord);
  const a = useSide(rawA, refA, readRecord);
  const b = useSide(rawB, refB, readRecord);
  const result = useMemo(() => (a.kind === 'ready' && b.kind === 'ready' ? compareRecords(a.record, b.record) : null), [a, b]);
  useDocumentTitle(result?.ok ? 'Compare snapshots: ' + result.comparison.after.title : 'Compare snapshots');

  const templateA = templateOf(a, catalog, rawA);
  const choose = (which: 'a' | 'b', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(which, value);
    else next.delete(which);
    // A new "before" of another template cannot be compared with the "after": that choice goes.
    if (which === 'a' && value && rawB) {
      const chosen = catalog.find((e) => e.sessionId === parseSnapshotRef(value)?.sessionId);
      const other = templateOf(b, catalog, rawB);
      if (chosen?.kind === 'ready' && other !== null && chosen.template?.id !== other) next.delete('b');
    }
    setParams(next);
  };
  const swap = () => {
    const next = new URLSearchParams(params);
    if (rawB) next.set('a', rawB);
    else next.delete('a');
    if (rawA) next.set('b', rawA);
    else next.delete('b');
    setParams(next);
  };

  const unreadable = catalog.filter((e) => e.kind === 'problem');

  return (
    <div className="record-page">
      <nav className="record-nav compare-nav" aria-label="Compare">
        <Link className="button" to="/library" data-testid="compare.library">
          Your sessions
        </Link>
      </nav>
      <main className="record-main compare-main" data-testid="compare.page" aria-busy={a.kind === 'loading' || b.kind === 'loading'}>
        <h1>Compare snapshots</h1>
        <p>Choose a snapshot before and one after: of one session, or of two sessions run from the same template. Notes added, removed, moved and changed are marked in each zone.</p>
        <form className="compare-pickers" onSubmit={(e) => e.preventDefault()} aria-label="Snapshots to compare">
          <SnapshotPicker label="Before" hint="The earlier snapshot." testId="compare.pick.a" catalog={catalog} value={rawA} templateId={null} onChoose={(v) => choose('a', v)} />
          <SnapshotPicker
            label="After"
            hint={templateA ? 'A later snapshot, of a session of the same template.' : 'Once the snapshot before is chosen, only those of its template are offered.'}
            testId="compare.pick.b"
            catalog={catalog}
            value={rawB}
            templateId={templateA}
            onChoose={(v) => choose('b', v)}
          />
          <button type="button" className="button compare-swap" data-testid="compare.swap" onClick={swap} disabled={!rawA && !rawB}>
            Swap before and after
          </button>
        </form>
        <p className="hint" role="status" data-testid="compare.catalog.status">
          {catalogWords(catalog)}
        </p>
        {unreadable.length > 0 && (
          <div className="compare-unreadable" data-testid="compare.unreadable">
            <p>{unreadable.length === 1 ? 'One session could not be read, so its snapshots are not offered:' : 'These sessions could not be read, so their snapshots are not offered:'}</p>
            <ul>
              {unreadable.map((e) => (
                <li key={e.sessionId}>
                  {e.title || 'A session'}: {e.kind === 'problem' ? e.message : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        <SideProblem which="a" side={a} />
        <SideProblem which="b" side={b} />
        {result && !result.ok && (
          <p className="form-error" role="alert" data-testid="compare.problem.templates">
            {result.message}
          </p>
        )}
        {(a.kind === 'loading' || b.kind === 'loading') && <p aria-live="polite">Opening the snapshots…</p>}
        {result?.ok && <ComparisonView comparison={result.comparison} />}
      </main>
    </div>
  );
}
