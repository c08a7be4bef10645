import { useId } from 'react';
import { plural, zoneColumns, type NoteChange, type ZoneComparison, type ZoneRef } from '@balcony/shared';

type Side = 'before' | 'after';

const zoneWords = (z: ZoneRef, other: ZoneRef) => (z.frameId === other.frameId ? z.label : `${z.label} (${z.frameLabel})`);

/** A change's mark on one side: a symbol and words, never a colour alone. Null for none. */
function markOf(c: NoteChange, side: Side): { symbol: string; words: string } | null {
  switch (c.kind) {
    case 'added':
      return { symbol: '+', words: 'Added' };
    case 'removed':
      return { symbol: '−', words: 'Removed' };
    case 'moved': {
      const where = side === 'after' ? `Moved from ${zoneWords(c.from, c.to)}` : `Moved to ${zoneWords(c.to, c.from)}`;
      return { symbol: side === 'after' ? '←' : '→', words: c.edited ? `${where}, and changed` : where };
    }
    case 'changed':
      return { symbol: '✎', words: 'Changed' };
    case 'unchanged':
      return null;
  }
}

function NoteLine({ change, side }: { change: NoteChange; side: Side }) {
  const note = side === 'before' ? (change.kind === 'added' ? change.after : change.before) : change.kind === 'removed' ? change.before : change.after;
  const mark = markOf(change, side);
  const byText = change.kind !== 'added' && change.kind !== 'removed' && change.matchedBy === 'text';
  return (
    <li className={`compare-note is-${change.kind}`} data-testid="compare.note" data-side={side} data-change={change.kind} data-note-id={note.id}>
      {mark ? (
        <span className="compare-mark" data-testid="compare.mark">
          <span aria-hidden="true">{mark.symbol}</span> {mark.words}
          <span className="visually-hidden">:</span>
        </span>
      ) : (
        <span className="visually-hidden">Unchanged: </span>
      )}
      <span className="compare-text">{note.text}</span>
      {byText && side === 'after' && <span className="compare-meta">Matched to the earlier note by its words</span>}
    </li>
  );
}

/** What changed in a zone, counted: "1 added, 1 moved here". */
export function zoneChangeWords(z: ZoneComparison): string {
  const parts = [
    ...(z.added.length ? [`${z.added.length} added`] : []),
    ...(z.removed.length ? [`${z.removed.length} removed`] : []),
    ...(z.movedIn.length ? [`${z.movedIn.length} moved here`] : []),
    ...(z.movedOut.length ? [`${z.movedOut.length} moved away`] : []),
    ...(z.changed.length ? [`${z.changed.length} changed`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : `No changes: ${plural(z.unchanged.length, 'note')} as before`;
}

/** A zone's notes in two columns, what was there and what is there now, each change marked. */
export function ZoneCompare({ zone, beforeLabel, afterLabel }: { zone: ZoneComparison; beforeLabel: string; afterLabel: string }) {
  const id = useId();
  const { before, after } = zoneColumns(zone);
  const column = (side: Side, heading: string, notes: NoteChange[]) => (
    <div className="compare-column" data-testid={`compare.column.${side}`}>
      <h4 id={`${id}-${side}`}>{heading}</h4>
      {notes.length > 0 ? (
        <ul className="compare-notes" aria-labelledby={`${id}-${side}`}>
          {notes.map((c) => (
            <NoteLine key={`${c.kind}-${(side === 'before' ? (c.kind === 'added' ? c.after : c.before) : c.kind === 'removed' ? c.before : c.after).id}`} change={c} side={side} />
          ))}
        </ul>
      ) : (
        <p className="record-empty">No notes.</p>
      )}
    </div>
  );
  return (
    <section className="compare-zone" aria-labelledby={`${id}-title`} data-testid="compare.zone" data-zone-id={zone.zone.zoneId}>
      <h3 id={`${id}-title`}>{zone.zone.label}</h3>
      <p className="compare-zone-sum" data-testid="compare.zone.summary">
        {zoneChangeWords(zone)}
      </p>
      <div className="compare-columns">
        {column('before', beforeLabel, before)}
        {column('after', afterLabel, after)}
      </div>
    </section>
  );
}
