import type { NoteView } from '@balcony/shared';
import { useAccess, useBoard } from '../../board/BoardContext';
import { focusNoteNow } from '../../board/commands';
import { isPrivateNote } from '../../board/notesIndex';
import { mayStar } from '../../board/noteRights';
import { useThemeCommands } from '../../board/themeCommands';
import { useUi } from '../../state/ui';

/** The note menu's themes and star: "Group with…", "Take out of theme", and Star for those who star. */
export function NoteMenuGrouping({ note }: { note: NoteView }) {
  const { me } = useBoard();
  const access = useAccess();
  const themes = useThemeCommands();
  // Themes and stars are the shared board's: a private note has neither until it is revealed.
  if (isPrivateNote(note)) return null;
  return (
    <>
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        data-testid="note.menu.group"
        aria-haspopup="dialog"
        aria-keyshortcuts="Alt+G"
        onClick={() => useUi.getState().openGroupDialog(note.id)}
      >
        Group with…
      </button>
      {note.themeId && (
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid="note.menu.ungroup"
          onClick={() => {
            useUi.getState().closeNoteMenu();
            themes.takeOut(note.id);
            focusNoteNow(note.id);
          }}
        >
          Take out of theme
        </button>
      )}
      {mayStar(me, access) && (
        <button
          type="button"
          role="menuitemcheckbox"
          aria-checked={note.starred}
          className="menu-item"
          data-testid="note.menu.star"
          onClick={() => {
            useUi.getState().closeNoteMenu();
            themes.toggleStar(note.id);
            focusNoteNow(note.id);
          }}
        >
          Star
          {note.starred && (
            <span className="menu-check" aria-hidden="true">
              ✓
            </span>
          )}
        </button>
      )}
    </>
  );
}
