import { useId, useMemo, useSyncExternalStore } from 'react';
import { roleIn } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { countsKey, parseCountsKey, participation } from '../../board/participation';
import type { Person } from '../topbar/TopBar';
import { isPrivateNote } from '../../board/notesIndex';

/**
 * Notes written per person this session, on every frame, and who has not written yet: so that
 * the facilitator can invite each voice (all voices heard), not count who wrote most.
 */
export function ParticipationPanel({ people }: { people: readonly Person[] }) {
  const { notesIndex } = useBoard();
  const state = useSessionState();
  const id = useId();
  // Drawn again when a count changes, not as someone types. The shared board's notes by their
  // writer, and everyone's private ones as the server counts them (this person's own among them).
  const key = useSyncExternalStore(notesIndex.subscribe, () => countsKey(notesIndex.get().list.filter((n) => !isPrivateNote(n))));
  const { voices, notYet } = useMemo(() => {
    const counts = parseCountsKey(key);
    for (const [id, n] of Object.entries(state.privateCounts)) counts.set(id, (counts.get(id) ?? 0) + n);
    return participation(people.map((p) => ({ ...p, role: roleIn(state, p.participantId, p.role) })), counts);
  }, [people, state, key]);

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.participation">
      <h3 id={`${id}-title`}>Participation</h3>
      {state.anonymous && (
        <p className="hint" data-testid="console.participation.anonymous">
          Revealed notes carry no names in an anonymous session, so only notes not yet revealed count here.
        </p>
      )}
      <p className="console-not-yet" data-testid="console.participation.notYet">
        <strong>Not written yet:</strong> {notYet.length > 0 ? notYet.map((v) => v.name).join(', ') : 'everyone has written.'}
      </p>
      <ul className="console-list">
        {voices.map((v) => (
          <li key={v.participantId} className="console-row" data-testid="console.participation.person" data-participant-id={v.participantId} data-notes={v.notes}>
            <span className="console-row-name">{v.name}</span>
            <span className="console-count">{v.notes === 1 ? '1 note' : `${v.notes} notes`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
