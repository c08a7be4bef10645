import type { RecordNote } from '@balcony/shared';

/** A note as the record shows it: its words, who wrote it (unless anonymous), its star and dots. */
export function RecordNoteItem({ note }: { note: RecordNote }) {
  return (
    <li className="record-note" data-testid="record.note">
      <span dir="auto">{note.text}</span>
      <span className="record-meta">
        {note.author && ` — ${note.author}`}
        {note.starred && ' · Starred'}
        {note.votes > 0 && ` · ${note.votes === 1 ? '1 vote' : `${note.votes} votes`}`}
      </span>
    </li>
  );
}

export function RecordNoteList({ notes, empty = 'Nothing was written here.' }: { notes: readonly RecordNote[]; empty?: string }) {
  if (notes.length === 0) return <p className="record-empty">{empty}</p>;
  return (
    <ul className="record-notes">
      {notes.map((n) => (
        <RecordNoteItem key={n.id} note={n} />
      ))}
    </ul>
  );
}
