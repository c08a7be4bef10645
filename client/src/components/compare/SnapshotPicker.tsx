import { useId, useState } from 'react';
import type { SnapshotSummary } from '@balcony/shared';
import { dateTimeWords, REASON_WORDS } from '../../outcome/words';
import { formatSnapshotRef } from '../../library/access';
import type { CatalogEntry } from './sources';

interface Props {
  /** "Before" or "After". */
  label: string;
  hint: string;
  testId: string;
  catalog: readonly CatalogEntry[];
  /** The chosen snapshot as the address names it; '' for none. */
  value: string;
  /** Only sessions of this template are offered; null offers every one. */
  templateId: string | null;
  onChoose: (value: string) => void;
}

function snapshotWords(s: SnapshotSummary, phaseName: (id: string) => string): string {
  return `${dateTimeWords(s.takenAt)} · ${REASON_WORDS[s.reason]} · ${phaseName(s.phaseId)}${s.final ? ' · final' : ''}`;
}

/**
 * One side's choice: every snapshot of the sessions this browser may read, grouped by session,
 * newest first. A native select, so that it is chosen by keyboard and read by a screen reader
 * as any other.
 */
export function SnapshotPicker({ label, hint, testId, catalog, value, templateId, onChoose }: Props) {
  const id = useId();
  // The choice shows at once, before the address has caught up: arrowing through the options
  // fires a change on each, and a render of an older address must not undo a newer one.
  const [shown, setShown] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setShown(value);
  }
  const sessions = catalog.flatMap((e) => (e.kind === 'ready' && e.template !== null && (templateId === null || e.template.id === templateId) ? [e] : []));
  const offered = new Set(sessions.flatMap((e) => e.snapshots.map((s) => formatSnapshotRef({ sessionId: e.sessionId, snapshotId: s.snapshotId }))));
  return (
    <div className="field compare-picker">
      <label htmlFor={`${id}-select`}>{label}</label>
      <select id={`${id}-select`} data-testid={testId} value={offered.has(shown) ? shown : ''} aria-describedby={`${id}-hint`} onChange={(e) => {
          setShown(e.target.value);
          onChoose(e.target.value);
        }}>
        <option value="">Choose a snapshot…</option>
        {sessions.map((e) => {
          const phaseName = (phaseId: string) => e.phases.find((p) => p.id === phaseId)?.name ?? phaseId;
          return (
            <optgroup key={e.sessionId} label={`${e.recordTitle} — ${e.template!.name}`}>
              {[...e.snapshots].reverse().map((s) => (
                <option key={s.snapshotId} value={formatSnapshotRef({ sessionId: e.sessionId, snapshotId: s.snapshotId })}>
                  {snapshotWords(s, phaseName)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
