import type { NoteView } from '@balcony/shared';
import { useAccess, useBoard } from '../../board/BoardContext';
import { mayStar } from '../../board/noteRights';
import { useThemeCommands } from '../../board/themeCommands';

/**
 * A note's star: for the presenter and the facilitator, a toggle; for everyone else, a mark on
 * the notes that are starred. A mark, not a vote.
 */
export function StarToggle({ note, tabbable }: { note: NoteView; tabbable: boolean }) {
  const { me } = useBoard();
  const access = useAccess();
  const themes = useThemeCommands();
  if (mayStar(me, access)) {
    return (
      <button
        type="button"
        className={`note-star${note.starred ? ' is-starred' : ''}`}
        data-testid="board.note.star"
        aria-pressed={note.starred}
        aria-label="Star"
        title={note.starred ? 'Starred: press to take the star off' : 'Star this note'}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => themes.toggleStar(note.id)}
      >
        <span aria-hidden="true">{note.starred ? '★' : '☆'}</span>
      </button>
    );
  }
  if (!note.starred) return null;
  return (
    <span className="note-star is-starred" data-testid="board.note.starred">
      <span aria-hidden="true">★</span>
      <span className="visually-hidden">Starred</span>
    </span>
  );
}
