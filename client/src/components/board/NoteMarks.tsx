import type { NoteView } from '@balcony/shared';
import { StarToggle } from './StarToggle';
import { VoteCount } from './VoteButtons';

/** What is marked on a note for everyone, in its corner: its star, and its dots once a vote has closed. */
export function NoteMarks({ note, tabbable }: { note: NoteView; tabbable: boolean }) {
  return (
    <span className="note-marks">
      <VoteCount targetId={note.id} kind="notes" zoneId={note.zone} />
      <StarToggle note={note} tabbable={tabbable} />
    </span>
  );
}
