import { useThemeCommands } from '../../board/themeCommands';
import { useUi } from '../../state/ui';

/** "Group" for the notes picked with Shift-click or Ctrl+Space, and a way to put them all back. */
export function GroupPickedButton() {
  const picked = useUi((s) => s.pickedNoteIds.length);
  const themes = useThemeCommands();
  if (picked === 0) return null;
  return (
    <span className="toolbar-group" role="group" aria-label="Picked notes">
      <button type="button" className="button" data-testid="board.group" aria-keyshortcuts="Alt+G" title="Group (Alt+G)" onClick={() => themes.groupPicked()}>
        Group {picked === 1 ? '1 note' : `${picked} notes`}
      </button>
      <button type="button" className="button" data-testid="board.group.clear" onClick={() => useUi.getState().setPicked([])}>
        Clear picks
      </button>
    </span>
  );
}
