import { comparisonTitle, summaryWords, type ComparedSide, type FrameComparison, type RecordComparison } from '@balcony/shared';
import { dateTimeWords, dayWords } from '../../outcome/words';
import { ZoneCompare } from './ZoneCompare';
import { ActionsThenNow } from './ActionsThenNow';
import { DownloadComparison } from './DownloadComparison';

function sideWords(s: ComparedSide): string {
  return `${s.title}, session of ${dayWords(s.date)} — snapshot ${dateTimeWords(s.takenAt)}, ${s.ended ? 'after the session ended' : `during ${s.phaseName}`}`;
}

const hasNotes = (z: FrameComparison['zones'][number]) =>
  z.added.length + z.removed.length + z.movedIn.length + z.movedOut.length + z.changed.length + z.unchanged.length > 0;

function FrameCompare({ frame, beforeLabel, afterLabel }: { frame: FrameComparison; beforeLabel: string; afterLabel: string }) {
  const shown = frame.zones.filter(hasNotes);
  const empty = frame.zones.filter((z) => !hasNotes(z));
  const titleId = `compare-frame-${frame.frameId}`;
  return (
    <section className="record-section compare-frame" aria-labelledby={titleId} data-testid="compare.frame" data-frame-id={frame.frameId}>
      <h2 id={titleId}>{frame.label}</h2>
      {shown.map((z) => (
        <ZoneCompare key={z.zone.zoneId} zone={z} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      ))}
      {empty.length > 0 && (
        <p className="record-empty">
          {shown.length === 0 ? 'No notes in this frame, then or now.' : `No notes then or now in ${empty.map((z) => z.zone.label).join(', ')}.`}
        </p>
      )}
    </section>
  );
}

/** The comparison as the page shows it: the two snapshots, the counts, each frame's zones side by side, the actions. */
export function ComparisonView({ comparison: c }: { comparison: RecordComparison }) {
  // Each column names its snapshot by time: both may be of one session, on one day.
  const beforeLabel = `Before · ${dateTimeWords(c.before.takenAt)}`;
  const afterLabel = `After · ${dateTimeWords(c.after.takenAt)}`;
  return (
    <div className="compare-result" data-testid="compare.result">
      <header className="record-head">
        <h2 className="compare-title" data-testid="compare.title">
          {comparisonTitle(c)}
        </h2>
        <dl className="record-facts">
          <div>
            <dt>Template</dt>
            <dd>{c.template.name}</dd>
          </div>
          <div>
            <dt>Before</dt>
            <dd data-testid="compare.before">{sideWords(c.before)}</dd>
          </div>
          <div>
            <dt>After</dt>
            <dd data-testid="compare.after">{sideWords(c.after)}</dd>
          </div>
        </dl>
        {c.before.takenAt > c.after.takenAt && (
          <p className="compare-warning" data-testid="compare.order">
            The snapshot chosen as before was taken later than the one chosen as after. Swap them to read what changed since.
          </p>
        )}
      </header>
      <section className="record-section" aria-labelledby="compare-summary-title" data-testid="compare.summary">
        <h2 id="compare-summary-title">Summary</h2>
        <ul className="record-plain">
          {summaryWords(c).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {c.frames.map((f) => (
        <FrameCompare key={f.frameId} frame={f} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      ))}
      <ActionsThenNow actions={c.actions} />
      <DownloadComparison comparison={c} />
    </div>
  );
}
